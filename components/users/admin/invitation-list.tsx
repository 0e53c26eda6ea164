"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedDelete } from "@/components/ui/use-confirmed-delete";

export type InvitationRow = { id: string; email: string; role: string; expires: string; expiresTitle: string; projects: string[] };

export function InvitationList({ invitations }: { invitations: InvitationRow[] }) {
  const { target, ask, dialog } = useConfirmedDelete<InvitationRow>((row) => `/api/admin/invitations/${encodeURIComponent(row.id)}`);

  if (invitations.length === 0) {
    return <p className="px-4 py-6 text-center text-sm text-slate-500 sm:px-5">No open invitations.</p>;
  }

  return (
    <>
      <ul className="divide-y divide-slate-100">
        {invitations.map((invitation) => (
          <li
            key={invitation.id}
            className="flex items-center gap-3 px-4 py-2.5 sm:px-5"
            data-testid="invitation-row"
            data-email={invitation.email}
          >
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-slate-900" title={invitation.email}>
                {invitation.email}
              </p>
              <p className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
                <Badge tone={invitation.role === "admin" ? "indigo" : "slate"}>{invitation.role}</Badge>
                <span title={invitation.expiresTitle}>expires {invitation.expires}</span>
              </p>
              {invitation.projects.length ? (
                <p className="mt-0.5 truncate text-xs text-slate-500" title={invitation.projects.join(", ")}>
                  Joins {invitation.projects.join(", ")}
                </p>
              ) : null}
            </div>
            <Button variant="ghost" size="sm" onClick={() => ask(invitation)}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog title={`Revoke the invitation for ${target?.email ?? ""}?`} confirmLabel="Revoke" {...dialog}>
        The link stops working at once. You can invite the same address again later.
      </ConfirmDialog>
    </>
  );
}
