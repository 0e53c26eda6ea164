import { piiTypeLabel } from "@/components/prompts/admin/labels";
import type { OutcomeName, PipelineDay } from "@/lib/prompts/queries";
import { cn } from "@/lib/ui/cn";
import { formatCount, formatShortDate } from "@/lib/ui/format";

// Plain HTML/CSS bars: a few dozen boxes need no chart library, print crisply, and read the
// same for screen readers (each bar carries its figures in a title and an sr-only line).

export const OUTCOME_STYLE: Record<OutcomeName, { label: string; bar: string; dot: string }> = {
  accepted: { label: "Accepted", bar: "bg-emerald-500", dot: "bg-emerald-500" },
  duplicate: { label: "Duplicate", bar: "bg-amber-400", dot: "bg-amber-400" },
  quota_exceeded: { label: "Over quota", bar: "bg-slate-400", dot: "bg-slate-400" },
  rejected: { label: "Rejected", bar: "bg-red-500", dot: "bg-red-500" },
};
const STACK_ORDER: OutcomeName[] = ["accepted", "duplicate", "quota_exceeded", "rejected"];

export function OutcomeLegend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
      {STACK_ORDER.map((outcome) => (
        <li key={outcome} className="flex items-center gap-1.5">
          <span className={cn("size-2.5 rounded-sm", OUTCOME_STYLE[outcome].dot)} aria-hidden="true" />
          {OUTCOME_STYLE[outcome].label}
        </li>
      ))}
    </ul>
  );
}

/** One stacked column per day, scaled to the busiest day. */
export function DailyOutcomeChart({ days }: { days: PipelineDay[] }) {
  const totals = days.map((day) => STACK_ORDER.reduce((sum, outcome) => sum + day.outcomes[outcome], 0));
  const max = niceCeiling(Math.max(...totals, 1));
  const labelEvery = Math.ceil(days.length / 6);
  return (
    <figure>
      <div className="flex gap-3">
        <div className="flex h-40 flex-col justify-between text-right text-[10px] text-slate-400 tabular-nums" aria-hidden="true">
          <span>{formatCount(max)}</span>
          <span>{formatCount(Math.round(max / 2))}</span>
          <span>0</span>
        </div>
        <div className="min-w-0 flex-1">
          <div className="relative flex h-40 items-end gap-px border-b border-l border-slate-200 sm:gap-0.5">
            <div className="pointer-events-none absolute inset-x-0 top-1/2 border-t border-dashed border-slate-100" aria-hidden="true" />
            {days.map((day, index) => (
              <div
                key={day.day}
                className="group relative flex h-full min-w-0 flex-1 flex-col-reverse"
                title={`${formatShortDate(day.day)}: ${STACK_ORDER.map((o) => `${OUTCOME_STYLE[o].label.toLowerCase()} ${formatCount(day.outcomes[o])}`).join(", ")}`}
                data-testid="day-bar"
              >
                <span className="sr-only">
                  {day.day}: {STACK_ORDER.map((o) => `${OUTCOME_STYLE[o].label} ${day.outcomes[o]}`).join(", ")}
                </span>
                {STACK_ORDER.map((outcome) =>
                  day.outcomes[outcome] ? (
                    <div
                      key={outcome}
                      className={cn("w-full first:rounded-b-none last:rounded-t-sm", OUTCOME_STYLE[outcome].bar)}
                      style={{ height: `${(day.outcomes[outcome] / max) * 100}%` }}
                    />
                  ) : null,
                )}
                {totals[index] === 0 ? <div className="h-px w-full bg-slate-200" /> : null}
              </div>
            ))}
          </div>
          <div className="mt-1 flex text-[10px] text-slate-400" aria-hidden="true">
            {days.map((day, index) => (
              <span key={day.day} className="min-w-0 flex-1 overflow-visible whitespace-nowrap">
                {index % labelEvery === 0 ? formatShortDate(day.day) : ""}
              </span>
            ))}
          </div>
        </div>
      </div>
      <figcaption className="sr-only">Prompts per day by outcome over the last {days.length} days.</figcaption>
    </figure>
  );
}

/** Horizontal bars, longest first, each labelled with its count. */
export function HorizontalBars({
  items,
  tone = "bg-indigo-500",
  empty,
}: {
  items: Array<{ key: string; label: string; value: number }>;
  tone?: string;
  empty: string;
}) {
  if (!items.length) return <p className="text-sm text-slate-500">{empty}</p>;
  const max = Math.max(...items.map((item) => item.value), 1);
  return (
    <ul className="space-y-2.5">
      {items.map((item) => (
        <li
          key={item.key}
          className="grid grid-cols-[7.5rem_minmax(0,1fr)_auto] items-center gap-3 text-sm sm:grid-cols-[9rem_minmax(0,1fr)_auto]"
          data-testid="hbar"
        >
          <span className="truncate text-slate-700" title={item.label}>
            {item.label}
          </span>
          <span className="h-2.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
            <span
              className={cn("block h-full rounded-full", tone)}
              style={{ width: `${Math.max((item.value / max) * 100, item.value ? 1 : 0)}%` }}
            />
          </span>
          <span className="text-right text-xs text-slate-600 tabular-nums">{formatCount(item.value)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The axis top: the next round figure (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above `n`. */
export function niceCeiling(n: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(n));
  return ([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((step) => step * magnitude >= n) ?? 10) * magnitude;
}

export function redactionItems(redactions: Array<{ type: string; count: number }>) {
  return redactions.map((r) => ({ key: r.type, label: piiTypeLabel(r.type), value: r.count }));
}
