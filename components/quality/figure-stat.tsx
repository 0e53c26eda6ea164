import type { ReactNode } from "react";
import { coefficient, coefficientRange, type FigureView, figureView, percent, percentRange } from "@/components/quality/figures";
import { Card } from "@/components/ui/card";
import type { FigureJson } from "@/lib/quality/report-types";
import { cn } from "@/lib/ui/cn";
import { formatCount } from "@/lib/ui/format";

export type FigureFormat = "percent" | "coefficient";

const valueText = (value: number, format: FigureFormat) => (format === "percent" ? percent(value) : coefficient(value));
const rangeText = (ci: [number, number], format: FigureFormat) => (format === "percent" ? percentRange(ci) : coefficientRange(ci));

/**
 * A headline figure: its value, 95% interval and n, or, when it rests on too little data, a plain
 * "Too little data" with the n it has and the n it needs (never a bare number).
 */
export function FigureStat({
  label,
  figure,
  minN,
  unit,
  format = "percent",
  empty,
  note,
  testId,
}: {
  label: string;
  figure: FigureJson;
  minN: number;
  /** What n counts, plural: "comparisons". */
  unit: string;
  format?: FigureFormat;
  /** Why there is nothing yet, e.g. "Needs tasks ranked by two or more labelers." */
  empty: string;
  /** A reference point or explanation under the figure. */
  note?: ReactNode;
  testId?: string;
}) {
  const view = figureView(figure, minN);
  return (
    <Card className="flex flex-col px-4 py-3" data-testid={testId} data-state={view.kind}>
      <p className="text-xs font-medium text-slate-500">{label}</p>
      {view.kind === "ok" ? (
        <>
          <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={testId ? `${testId}-value` : undefined}>
            {valueText(view.value, format)}
          </p>
          <p className="text-xs text-slate-600 tabular-nums">
            95% CI {rangeText(view.ci, format)} · n = {formatCount(view.n)} {unit}
          </p>
        </>
      ) : (
        <>
          <p className="mt-1 text-base font-semibold text-slate-500" data-testid={testId ? `${testId}-value` : undefined}>
            {view.kind === "thin" ? "Too little data" : "No data yet"}
          </p>
          <p className="text-xs text-slate-500 tabular-nums">{thinText(view, unit, empty)}</p>
        </>
      )}
      {note ? <p className="mt-2 border-t border-slate-100 pt-2 text-xs text-slate-500">{note}</p> : null}
    </Card>
  );
}

function thinText(view: Exclude<FigureView, { kind: "ok" }>, unit: string, empty: string) {
  if (view.kind === "none") return empty;
  return `n = ${formatCount(view.n)} ${unit}; a figure needs ${formatCount(view.needed)}.`;
}

/** A figure in a table cell: value over its interval and n, or "too little data" with its n. */
export function FigureCell({
  figure,
  minN,
  unit,
  format = "percent",
  testId,
}: {
  figure: FigureJson;
  minN: number;
  unit: string;
  format?: FigureFormat;
  testId?: string;
}) {
  const view = figureView(figure, minN);
  if (view.kind === "ok") {
    return (
      <div className="tabular-nums" data-testid={testId} data-state="ok">
        <span className="font-medium text-slate-900">{valueText(view.value, format)}</span>
        <span className="block text-xs whitespace-nowrap text-slate-500">
          {rangeText(view.ci, format)} · n {formatCount(view.n)}
        </span>
      </div>
    );
  }
  return (
    <div className={cn("text-xs whitespace-nowrap text-slate-400")} data-testid={testId} data-state={view.kind}>
      {view.kind === "thin" ? "Too little data" : "—"}
      <span className="block tabular-nums" title={`n = ${view.n} ${unit}`}>
        n {formatCount(view.n)}
        {view.kind === "thin" ? ` of ${formatCount(view.needed)}` : ""}
      </span>
    </div>
  );
}
