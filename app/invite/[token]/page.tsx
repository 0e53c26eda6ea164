import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { AuthCard } from "@/components/auth/auth-card";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { getOpenInvitation } from "@/lib/users/mutations";

export const metadata: Metadata = { title: "Accept invitation" };
export const dynamic = "force-dynamic";

const closed = {
  invalid: {
    title: "This invitation link is not valid",
    body: "The link may be mistyped, or the invitation was revoked or replaced by a newer one. Ask your admin for a new link.",
  },
  used: {
    title: "This invitation has already been used",
    body: "An account was already created with this link. Sign in with the email address it was sent to.",
  },
  expired: {
    title: "This invitation has expired",
    body: "Invitation links work for a limited time. Ask your admin to send you a new one.",
  },
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = token.length >= 10 && token.length <= 200 ? await getOpenInvitation(token) : ({ status: "invalid" } as const);

  if (result.status !== "open") {
    const copy = closed[result.status];
    return (
      <AuthCard title={copy.title}>
        <p className="text-sm text-slate-600" data-testid="invitation-state" data-state={result.status}>
          {copy.body}
        </p>
        <Link href="/login" className={buttonClasses({ variant: "secondary", className: "mt-5 w-full" })}>
          Go to sign in
        </Link>
      </AuthCard>
    );
  }

  const { invitation } = result;
  return (
    <AuthCard
      title="Join Ranklab"
      description={
        <>
          You were invited as{" "}
          <Badge tone={invitation.role === "admin" ? "indigo" : "slate"} data-testid="invited-role">
            {invitation.role}
          </Badge>
        </>
      }
    >
      <dl className="mb-5 rounded-md bg-slate-50 px-3 py-2.5 text-sm ring-1 ring-slate-200 ring-inset">
        <dt className="text-xs font-medium text-slate-500">Your account</dt>
        <dd className="mt-0.5 font-medium break-all text-slate-900" data-testid="invited-email">
          {invitation.email}
        </dd>
      </dl>
      <AcceptInvitationForm token={token} email={invitation.email} />
    </AuthCard>
  );
}
