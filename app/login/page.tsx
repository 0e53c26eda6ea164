import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/guards";
import { safeCallbackUrl } from "@/lib/ui/callback-url";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Errors that can arrive in the query string, from next-auth's own redirects or from the app.
const errorMessages: Record<string, string> = {
  deactivated: "Your account has been deactivated. Ask an admin to reactivate it.",
  RateLimited: "Too many failed sign-ins. Wait a little, then try again.",
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Sign in to continue.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  const initialError = errorKey ? (errorMessages[errorKey] ?? "Could not sign in. Try again.") : undefined;

  return (
    <AuthCard title="Sign in" description="Use the email address your admin invited.">
      <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
    </AuthCard>
  );
}
