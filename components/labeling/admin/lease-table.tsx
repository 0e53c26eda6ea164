"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TASK_KIND_LABELS } from "@/components/labeling/admin/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { callApi } from "@/lib/ui/api";

// Times are rendered on the server (UTC, fixed format), so server and browser agree.
export type LeaseItem = {
  assignmentId: string;
  taskId: string;
  kind: "ranking" | "demonstration";
  labelerEmail: string;
  promptLine: string;
  leasedAt: string;
  expiresIn: string;
};

/** Live leases with a Release button each: the task goes back to the pool, after a confirmation. */
export function LeaseTable({ leases }: { leases: LeaseItem[] }) {
  const router = useRouter();
  const [target, setTarget] = useState<LeaseItem | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function release() {
    if (!target) return;
    setPending(true);
    setError(null);
    const result = await callApi(`/api/admin/assignments/${encodeURIComponent(target.assignmentId)}/release`, { method: "POST" });
    setPending(false);
    // 404: the lease ended meanwhile (submitted, skipped or expired); the refreshed list shows it.
    if (!result.ok && result.status !== 404) {
      setError(result.message);
      return;
    }
    setTarget(null);
    router.refresh();
  }

  return (
    <>
      {/* On a phone, one block per lease so that the Release button stays in view. */}
      <ul className="divide-y divide-slate-100 md:hidden" data-testid="lease-list">
        {leases.length ? (
          leases.map((lease) => (
            <li key={lease.assignmentId} className="flex items-start gap-3 px-4 py-3">
              <div className="min-w-0 flex-1 text-sm">
                <p className="truncate font-medium text-slate-900">{lease.labelerEmail}</p>
                <p className="mt-1 flex min-w-0 items-center gap-2">
                  <Badge tone={lease.kind === "ranking" ? "indigo" : "amber"}>{TASK_KIND_LABELS[lease.kind]}</Badge>
                  <span className="truncate text-slate-700">{lease.promptLine}</span>
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  Leased {lease.leasedAt} · expires {lease.expiresIn}
                </p>
              </div>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => {
                  setError(null);
                  setTarget(lease);
                }}
              >
                Release
              </Button>
            </li>
          ))
        ) : (
          <li className="px-4 py-8 text-center text-sm text-slate-500">Nobody holds a task right now.</li>
        )}
      </ul>
      <Table data-testid="lease-table" className="hidden md:table">
        <THead>
          <TR>
            <TH>Labeler</TH>
            <TH>Task</TH>
            <TH>Leased at</TH>
            <TH>Expires</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {leases.length ? (
            leases.map((lease) => (
              <TR key={lease.assignmentId} data-testid="lease-row">
                <TD className="max-w-[14rem]">
                  <span className="block truncate font-medium text-slate-900" title={lease.labelerEmail}>
                    {lease.labelerEmail}
                  </span>
                </TD>
                <TD className="max-w-[22rem] min-w-[12rem]">
                  <span className="flex items-center gap-2">
                    <Badge tone={lease.kind === "ranking" ? "indigo" : "amber"}>{TASK_KIND_LABELS[lease.kind]}</Badge>
                    <span className="truncate" title={lease.promptLine}>
                      {lease.promptLine || <em className="text-slate-400">empty first line</em>}
                    </span>
                  </span>
                  <span className="mt-0.5 block font-mono text-xs text-slate-400">{lease.taskId}</span>
                </TD>
                <TD className="whitespace-nowrap text-slate-500">{lease.leasedAt}</TD>
                <TD className="whitespace-nowrap tabular-nums">{lease.expiresIn}</TD>
                <TD className="text-right">
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => {
                      setError(null);
                      setTarget(lease);
                    }}
                    data-testid="lease-release"
                  >
                    Release
                  </Button>
                </TD>
              </TR>
            ))
          ) : (
            <EmptyRow colSpan={5}>Nobody holds a task right now.</EmptyRow>
          )}
        </TBody>
      </Table>
      <ConfirmDialog
        open={!!target}
        title="Release this lease?"
        confirmLabel="Release"
        pending={pending}
        error={error}
        onConfirm={() => void release()}
        onCancel={() => setTarget(null)}
      >
        <p>
          {target?.labelerEmail} loses this task now and it goes back to the pool for others. Anything they have not submitted is not
          recorded; they may be given the task again later.
        </p>
      </ConfirmDialog>
    </>
  );
}
