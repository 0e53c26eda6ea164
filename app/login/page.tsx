import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Errors that can arrive in the query string, from next-auth's own redirects or from the app.
const errorMessages: Record<string, string> = {
  deactivated: "Your account has been deactivated. Ask an admin to reactivate it.",
  RateLimited: "Too many failed sign-ins. Wait a little, then try again.",
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Sign in to continue.",
};

// The site's public origin (the only one absolute callback URLs may name): NEXTAUTH_URL, else the host asked.
async function appOrigin(): Promise<string> {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return configured;
  const list = await headers();
  return `${list.get("x-forwarded-proto") ?? "http"}://${list.get("host") ?? "localhost"}`;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = sameOriginPath(params.callbackUrl, await appOrigin());
  if (await getCurrentUser()) redirect(callbackUrl);
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  const initialError = errorKey ? (errorMessages[errorKey] ?? "Could not sign in. Try again.") : undefined;

  return (
    <AuthCard title="Sign in" description="Use the email address your admin invited.">
      <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
    </AuthCard>
  );
}
