import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { LabelerStats } from "@/lib/labeling/admin-queries";
import { formatCount, formatDuration } from "@/lib/ui/format";

export type LabelerStatsItem = Omit<LabelerStats, "lastActivity"> & { lastActivity: string };

/** Throughput per labeler; times are per submitted task, as the labeler's screen measured them. */
export function LabelerTable({ labelers }: { labelers: LabelerStatsItem[] }) {
  return (
    <Table data-testid="labeler-table">
      <THead>
        <TR>
          <TH>Labeler</TH>
          <TH className="text-right">Today</TH>
          <TH className="text-right">7 days</TH>
          <TH className="text-right">All time</TH>
          <TH className="text-right">Median time</TH>
          <TH className="text-right">p90 time</TH>
          <TH className="text-right">Skips</TH>
          <TH>Last activity</TH>
        </TR>
      </THead>
      <TBody>
        {labelers.length ? (
          labelers.map((labeler) => (
            <TR key={labeler.labelerId} data-testid="labeler-row">
              <TD className="max-w-[16rem]">
                <span className="block truncate font-medium text-slate-900" title={labeler.email}>
                  {labeler.email}
                </span>
                {labeler.leasedNow ? <span className="text-xs text-indigo-600">working on a task</span> : null}
              </TD>
              <TD className="text-right tabular-nums">{formatCount(labeler.today)}</TD>
              <TD className="text-right tabular-nums">{formatCount(labeler.lastWeek)}</TD>
              <TD className="text-right tabular-nums">{formatCount(labeler.total)}</TD>
              <TD className="text-right whitespace-nowrap tabular-nums">{formatDuration(labeler.medianMs)}</TD>
              <TD className="text-right whitespace-nowrap tabular-nums">{formatDuration(labeler.p90Ms)}</TD>
              <TD className="text-right tabular-nums">{formatCount(labeler.skips)}</TD>
              <TD className="whitespace-nowrap text-slate-500">{labeler.lastActivity}</TD>
            </TR>
          ))
        ) : (
          <EmptyRow colSpan={8}>Nobody has taken a task in this project yet.</EmptyRow>
        )}
      </TBody>
    </Table>
  );
}
