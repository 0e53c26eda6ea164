import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/**
 * The base URL that copied commands point at, as lib/api/origin.ts `publicOrigin` picks it for
 * route handlers: NEXTAUTH_URL when set, else the host this page was asked on.
 */
export async function exportBaseUrl(): Promise<string> {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return configured.replace(/\/$/, "");
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const proto = list.get("x-forwarded-proto") ?? (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https");
  return `${proto}://${host}`;
}
