import type { Metadata } from "next";
import Link from "next/link";
import { LabelerTable } from "@/components/labeling/admin/labeler-table";
import { byKindNote, SKIP_REASON_LABELS, TASK_KIND_LABELS } from "@/components/labeling/admin/labels";
import { LeaseTable } from "@/components/labeling/admin/lease-table";
import { HorizontalBars } from "@/components/prompts/admin/pipeline-charts";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Figure } from "@/components/ui/figure";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getQueueFigures, listActiveLeases, listLabelerStats, TASK_KINDS } from "@/lib/labeling/admin-queries";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { formatCount, formatDateTime, formatPercent, formatRelative } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Queue" };
export const dynamic = "force-dynamic";

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);

export default async function QueuePage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  // The figures expire overdue leases first, so the lease list read after them is current.
  const figures = await getQueueFigures(project.id);
  const [labelers, leases] = await Promise.all([listLabelerStats(project.id), listActiveLeases(project.id)]);
  const now = new Date();
  const total = sum(figures.waiting) + sum(figures.fullyLeased) + sum(figures.done);

  return (
    <div className="space-y-4">
      <section aria-label="Queue now" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure
          label="Waiting"
          dot="bg-slate-400"
          value={formatCount(sum(figures.waiting))}
          note={`${formatCount(figures.waitingPlaces)} free places · ${byKindNote(figures.waiting)}`}
          testId="queue-waiting"
        />
        <Figure
          label="Leased now"
          dot="bg-indigo-500"
          value={formatCount(sum(figures.leased))}
          note={byKindNote(figures.leased)}
          testId="queue-leased"
        />
        <Figure
          label="Done"
          dot="bg-emerald-500"
          value={formatCount(sum(figures.done))}
          note={total ? `${formatPercent(sum(figures.done) / total)} of ${formatCount(total)} tasks` : "no tasks yet"}
          testId="queue-done"
        />
        <Figure
          label="Skipped"
          dot="bg-amber-400"
          value={formatCount(sum(figures.skipped))}
          note={byKindNote(figures.skipped)}
          testId="queue-skipped"
        />
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>By kind</CardTitle>
            <CardDescription>
              Tasks by state. A task is waiting while it has a free place; in progress when all its remaining places are leased.
            </CardDescription>
          </CardHeader>
          <Table data-testid="queue-by-kind">
            <THead>
              <TR>
                <TH>Kind</TH>
                <TH className="text-right">Waiting</TH>
                <TH className="text-right">In progress</TH>
                <TH className="text-right">Done</TH>
                <TH className="text-right">Labels</TH>
                <TH className="text-right">Skips</TH>
              </TR>
            </THead>
            <TBody>
              {TASK_KINDS.map((kind) => (
                <TR key={kind}>
                  <TD className="font-medium text-slate-900">{TASK_KIND_LABELS[kind]}</TD>
                  <TD className="text-right tabular-nums">{formatCount(figures.waiting[kind])}</TD>
                  <TD className="text-right tabular-nums">{formatCount(figures.fullyLeased[kind])}</TD>
                  <TD className="text-right tabular-nums">{formatCount(figures.done[kind])}</TD>
                  <TD className="text-right tabular-nums">{formatCount(figures.submissions[kind])}</TD>
                  <TD className="text-right tabular-nums">{formatCount(figures.skipped[kind])}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Why tasks were skipped</CardTitle>
            <CardDescription>All time, by the reason labelers chose; the newest of their notes below.</CardDescription>
          </CardHeader>
          <CardBody>
            <HorizontalBars
              tone="bg-amber-400"
              empty="Nobody has skipped a task."
              items={figures.skipReasons.map((row) => ({
                key: row.reason,
                label: SKIP_REASON_LABELS[row.reason] ?? row.reason,
                value: row.count,
              }))}
            />
            {figures.skipNotes.length ? (
              <ul className="mt-4 space-y-1.5 border-t border-slate-100 pt-3 text-xs" data-testid="skip-notes">
                {figures.skipNotes.map((skip) => (
                  <li key={`${skip.taskId}-${skip.at?.toISOString()}`} className="flex gap-2">
                    <span className="shrink-0 rounded bg-amber-50 px-1.5 py-px font-medium text-amber-800">
                      {SKIP_REASON_LABELS[skip.reason] ?? skip.reason}
                    </span>
                    <Link
                      href={`/admin/projects/${project.slug}/tasks/${skip.taskId}`}
                      className="min-w-0 truncate text-slate-700 hover:text-indigo-600"
                      title={skip.note}
                    >
                      {skip.note}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Labelers</CardTitle>
          <CardDescription>
            Submissions and time per task (as measured on the labeler&apos;s screen). Today starts at midnight UTC.
          </CardDescription>
        </CardHeader>
        <LabelerTable
          labelers={labelers.map((row) => ({ ...row, lastActivity: row.lastActivity ? formatRelative(row.lastActivity, now) : "—" }))}
        />
      </Card>

      <Card>
        <CardHeader className="flex flex-col gap-1 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <CardTitle>Active leases</CardTitle>
            <CardDescription>
              Longest held first. A lease lasts {project.leaseMinutes} minutes (
              <Link href={`/admin/projects/${project.slug}/settings`} className="font-medium text-indigo-600 hover:text-indigo-500">
                settings
              </Link>
              ); release one that is stuck to give the task to someone else. Done tasks can be reopened on the{" "}
              <Link
                href={`/admin/projects/${project.slug}/tasks?status=done`}
                className="font-medium text-indigo-600 hover:text-indigo-500"
              >
                Tasks
              </Link>{" "}
              tab.
            </CardDescription>
          </div>
          {leases.total > leases.rows.length ? (
            <p className="text-xs text-slate-500 tabular-nums">
              {formatCount(leases.rows.length)} of {formatCount(leases.total)} shown
            </p>
          ) : null}
        </CardHeader>
        <LeaseTable
          leases={leases.rows.map((lease) => ({
            assignmentId: lease.assignmentId,
            taskId: lease.taskId,
            kind: lease.kind,
            labelerEmail: lease.labelerEmail,
            promptLine: lease.promptLine,
            leasedAt: formatDateTime(lease.leasedAt),
            expiresIn: formatRelative(lease.leaseExpiresAt, now),
          }))}
        />
      </Card>
    </div>
  );
}
