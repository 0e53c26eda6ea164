import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { buttonClasses } from "@/components/ui/button";
import { isSetupTokenOpen } from "@/lib/users/mutations";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const open = typeof token === "string" && token.length >= 10 && token.length <= 200 && (await isSetupTokenOpen(token));

  if (!open) {
    return (
      <AuthCard
        title="This setup link has expired or was used"
        description="A setup link works once, for 24 hours, and only while there is no admin yet."
      >
        <p className="text-sm text-slate-600">
          If an admin account already exists, sign in with it. Otherwise restart the server to print a new setup link.
        </p>
        <Link href="/login" className={buttonClasses({ variant: "secondary", className: "mt-5 w-full" })}>
          Go to sign in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Create the first admin" description="This account can invite people, create projects and issue API keys.">
      <SetupForm token={token} />
    </AuthCard>
  );
}
