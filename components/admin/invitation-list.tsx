"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { callApi } from "@/lib/ui/api";

export type InvitationRow = { id: string; email: string; role: string; expires: string; expiresTitle: string };

export function InvitationList({ invitations }: { invitations: InvitationRow[] }) {
  const router = useRouter();
  const [target, setTarget] = useState<InvitationRow | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    if (!target) return;
    setPending(true);
    setError(null);
    const result = await callApi(`/api/admin/invitations/${encodeURIComponent(target.id)}`, { method: "DELETE" });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setTarget(null);
    router.refresh();
  }

  if (invitations.length === 0) {
    return <p className="px-4 py-6 text-center text-sm text-slate-500 sm:px-5">No open invitations.</p>;
  }

  return (
    <>
      <ul className="divide-y divide-slate-100">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex items-center gap-3 px-4 py-2.5 sm:px-5" data-testid="invitation-row" data-email={invitation.email}>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-slate-900" title={invitation.email}>
                {invitation.email}
              </p>
              <p className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
                <Badge tone={invitation.role === "admin" ? "indigo" : "slate"}>{invitation.role}</Badge>
                <span title={invitation.expiresTitle}>expires {invitation.expires}</span>
              </p>
            </div>
            <Button variant="ghost" size="sm" onClick={() => (setError(null), setTarget(invitation))}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={target !== null}
        title={`Revoke the invitation for ${target?.email ?? ""}?`}
        confirmLabel="Revoke"
        pending={pending}
        error={error}
        onConfirm={() => void revoke()}
        onCancel={() => setTarget(null)}
      >
        The link stops working at once. You can invite the same address again later.
      </ConfirmDialog>
    </>
  );
}
