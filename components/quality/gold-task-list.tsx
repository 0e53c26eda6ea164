"use client";

import Link from "next/link";
import { percent } from "@/components/quality/figures";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useConfirmedDelete } from "@/components/ui/use-confirmed-delete";
import type { GoldTaskSummary } from "@/lib/quality/report-types";
import { formatCount, formatDate } from "@/lib/ui/format";

/** A gold task's accuracy reads as a figure once this many labelers have answered it. */
export const GOLD_TASK_MIN_ANSWERS = 3;

/**
 * The project's gold tasks: how many labelers answered each and how often they ordered its pairs
 * as the reference does (a low figure may mean a bad reference rather than bad labelers); retire.
 */
export function GoldTaskList({ slug, tasks }: { slug: string; tasks: GoldTaskSummary[] }) {
  const retire = useConfirmedDelete<GoldTaskSummary>(
    (task) => `/api/admin/projects/${encodeURIComponent(slug)}/tasks/${encodeURIComponent(task.task_id)}/gold`,
  );
  return (
    <>
      <Table data-testid="gold-task-table">
        <THead>
          <TR>
            <TH>Prompt</TH>
            <TH className="text-right">Answered</TH>
            <TH className="text-right">Accuracy</TH>
            <TH>Since</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {tasks.length ? (
            tasks.map((task) => (
              <TR key={task.task_id} data-testid="gold-task-row">
                <TD className="max-w-[28rem] min-w-[14rem]">
                  <p className="line-clamp-2 text-slate-800" title={task.prompt}>
                    {task.prompt}
                  </p>
                  <p className="font-mono text-[11px] text-slate-400">{task.task_id}</p>
                </TD>
                <TD className="text-right tabular-nums">{formatCount(task.answered)}</TD>
                <TD className="text-right">
                  {task.accuracy === null ? (
                    <span className="text-xs text-slate-400">—</span>
                  ) : task.answered < GOLD_TASK_MIN_ANSWERS ? (
                    <span className="text-xs whitespace-nowrap text-slate-400" data-state="thin">
                      Too few answers
                      <span className="block tabular-nums">
                        n {task.answered} of {GOLD_TASK_MIN_ANSWERS}
                      </span>
                    </span>
                  ) : (
                    <span className="tabular-nums">
                      <span className={task.accuracy < 0.5 ? "font-medium text-amber-700" : "font-medium text-slate-900"}>
                        {percent(task.accuracy, 0)}
                      </span>
                      <span className="block text-xs text-slate-500">n {formatCount(task.answered)}</span>
                    </span>
                  )}
                </TD>
                <TD className="whitespace-nowrap text-slate-500">{formatDate(task.created_at)}</TD>
                <TD className="text-right">
                  <span className="inline-flex gap-2">
                    <Link
                      href={`/admin/projects/${slug}/review?task=${encodeURIComponent(task.task_id)}`}
                      className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium whitespace-nowrap text-indigo-600 hover:bg-indigo-50"
                      data-testid="gold-edit"
                    >
                      Edit reference
                    </Link>
                    <Button size="sm" variant="secondary" onClick={() => retire.ask(task)} data-testid="gold-retire">
                      Retire
                    </Button>
                  </span>
                </TD>
              </TR>
            ))
          ) : (
            <EmptyRow colSpan={5}>
              No gold tasks yet. Record a reference ranking for a task in the{" "}
              <Link href={`/admin/projects/${slug}/review`} className="font-medium text-indigo-600 hover:text-indigo-500">
                review queue
              </Link>
              , or send comparisons with a <code className="font-mono text-xs">gold_ranking</code> through the API.
            </EmptyRow>
          )}
        </TBody>
      </Table>
      <ConfirmDialog title="Retire this gold task?" confirmLabel="Retire" {...retire.dialog}>
        <p>It is no longer served to labelers, and it goes back to being an ordinary finished task. No labeler&apos;s status changes.</p>
      </ConfirmDialog>
    </>
  );
}
