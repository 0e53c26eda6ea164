import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ranklab", template: "%s · Ranklab" },
  description: "Human preference data for reward-model training.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, the not-found page too: Next stamps the request's CSP nonce
  // (proxy.ts) on its scripts while rendering, and a page prerendered at build time has none.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
