"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PUT } from "@/app/api/admin/projects/[slug]/labelers/[id]/status/route";
import { FigureCell } from "@/components/quality/figure-stat";
import { figureView, MIN_N, percent, percentRange, type SortDirection, sortRows, wilsonInterval } from "@/components/quality/figures";
import { type LabelerStatus, STATUS_LABELS, STATUS_TONES } from "@/components/quality/labels";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ResponseOf } from "@/lib/api/operation";
import type { AdminQualityReport } from "@/lib/quality/report-types";
import { callApi } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { formatCount, formatDuration } from "@/lib/ui/format";

type Row = AdminQualityReport["labelers"][number];
type Action = "active" | "warned" | "blocked";

const SEVERITY: Record<LabelerStatus, number> = { blocked: 0, failed_screening: 1, warned: 2, screening: 3, active: 4 };

/** Position bias is measured over every ranking with a recorded first-shown output, gold tasks included. */
const biasN = (row: Row) => row.position_bias.n;

/**
 * The share of rankings whose first-shown output was ranked best, its Wilson interval (each
 * ranking a trial) and the chance rate; null below the minimum n.
 */
function biasFigure(row: Row): { share: number; ci: [number, number]; expected: number; n: number; above: boolean } | null {
  const { first_shown_ranked_first: share, expected } = row.position_bias;
  const n = biasN(row);
  if (share === null || expected === null || n < MIN_N.positionBias) return null;
  const ci = wilsonInterval(Math.round(share * n), n)!;
  return { share, ci, expected, n, above: ci[0] > expected };
}

/** How far the first-shown output is ranked first above chance (a share); null when unmeasured. */
function biasExcess(row: Row): number | null {
  const figure = biasFigure(row);
  return figure ? figure.share - figure.expected : null;
}

const nameOf = (row: Row) => row.user.name || row.user.email;

type Column = { key: string; label: string; align?: "right"; value: (row: Row, goldMin: number) => number | string | null };

const COLUMNS: Column[] = [
  { key: "labeler", label: "Labeler", value: (row) => nameOf(row).toLowerCase() },
  { key: "status", label: "Status", value: (row) => SEVERITY[row.status] },
  { key: "rankings", label: "Ranked", align: "right", value: (row) => row.rankings },
  {
    key: "agreement",
    label: "Agreement",
    align: "right",
    value: (row) => {
      const view = figureView(row.pairwise_agreement, MIN_N.agreement);
      return view.kind === "ok" ? view.value : null;
    },
  },
  {
    key: "gold",
    label: "Gold accuracy",
    align: "right",
    value: (row, goldMin) => (row.gold.answered >= goldMin ? row.gold.accuracy : null),
  },
  { key: "bias", label: "Position bias", align: "right", value: biasExcess },
  { key: "time", label: "Time", align: "right", value: (row) => row.median_duration_ms },
];

const ACTIONS: Record<Action, { verb: string; done: string; tone: "danger" | "primary" }> = {
  warned: { verb: "Warn", done: "warned", tone: "primary" },
  blocked: { verb: "Block", done: "blocked", tone: "danger" },
  active: { verb: "Reinstate", done: "reinstated", tone: "primary" },
};

/** What an admin may do from each status: warn or block someone working, reinstate someone stopped. */
function actionsFor(status: LabelerStatus): Action[] {
  if (status === "active") return ["warned", "blocked"];
  if (status === "warned") return ["active", "blocked"];
  if (status === "screening") return ["active", "blocked"];
  return ["active"];
}

function consequence(action: Action, row: Row) {
  const name = nameOf(row);
  if (action === "warned") {
    return `${name} sees a warning beside their quality standing and keeps working. Their gold answers can still block them automatically.`;
  }
  if (action === "blocked") {
    return `${name} can no longer take tasks in this project; a task they hold goes back to the queue. Their past rankings stay in the agreement figures but leave the model figures and, by default, the exports.`;
  }
  return row.status === "screening"
    ? `${name} skips the rest of the screening test and starts on real tasks.`
    : `${name} can take tasks again, with a fresh start: their earlier gold answers no longer count toward a warning or a block.`;
}

/**
 * Every labeler with a standing in the project: agreement with the others (interval and n), gold
 * answers and accuracy, position bias, time; sortable by each column; warn, block or reinstate.
 */
export function LabelerQualityTable({ slug, labelers, goldMin }: { slug: string; labelers: Row[]; goldMin: number }) {
  const router = useRouter();
  const [sort, setSort] = useState<{ key: string; direction: SortDirection }>({ key: "status", direction: "asc" });
  const [target, setTarget] = useState<{ row: Row; action: Action } | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
  const rows = sortRows(labelers, (row) => column.value(row, goldMin), sort.direction);

  function toggle(key: string) {
    setSort((current) =>
      current.key === key ? { key, direction: current.direction === "asc" ? "desc" : "asc" } : { key, direction: defaultDirection(key) },
    );
  }

  async function confirm() {
    if (!target) return;
    setPending(true);
    setError(null);
    const result = await callApi<ResponseOf<typeof PUT>>(
      `/api/admin/projects/${encodeURIComponent(slug)}/labelers/${encodeURIComponent(target.row.user.id)}/status`,
      { method: "PUT", body: { status: target.action } },
    );
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setFlash(`${nameOf(target.row)} was ${ACTIONS[target.action].done}.`);
    setTarget(null);
    router.refresh();
  }

  const ask = (row: Row, action: Action) => {
    setError(null);
    setFlash(null);
    setTarget({ row, action });
  };

  return (
    <>
      {flash ? (
        <Alert tone="success" className="mx-4 mt-3 sm:mx-5" testId="labeler-action-message">
          {flash}
        </Alert>
      ) : null}
      {/* Wide screens: a table sorted by its headings. */}
      <div className="hidden lg:block">
        <Table data-testid="quality-labeler-table">
          <THead>
            <TR>
              {COLUMNS.map((c) => (
                <TH
                  key={c.key}
                  className={cn(c.key !== "labeler" && "px-2!", c.align === "right" && "text-right")}
                  title={c.key === "time" ? "Median time per ranking" : undefined}
                  aria-sort={sort.key === c.key ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
                >
                  <button
                    type="button"
                    onClick={() => toggle(c.key)}
                    data-testid={`sort-${c.key}`}
                    className={cn(
                      "inline-flex items-center gap-1 uppercase hover:text-slate-900",
                      sort.key === c.key && "text-slate-900",
                      c.align === "right" && "flex-row-reverse",
                    )}
                  >
                    {c.label}
                    <SortIcon state={sort.key === c.key ? sort.direction : null} />
                  </button>
                </TH>
              ))}
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {rows.length ? (
              rows.map((row) => (
                <TR key={row.user.id} data-testid="quality-labeler-row" data-labeler={row.user.email} data-status={row.status}>
                  <TD className="max-w-[13rem]">
                    <Who row={row} />
                  </TD>
                  <TD className="px-2!">
                    <StatusBadge status={row.status} />
                  </TD>
                  <TD className="px-2! text-right tabular-nums">{formatCount(row.rankings)}</TD>
                  <TD className="px-2! text-right">
                    <FigureCell figure={row.pairwise_agreement} minN={MIN_N.agreement} unit="comparisons" testId="labeler-agreement" />
                  </TD>
                  <TD className="px-2! text-right">
                    <GoldAccuracy gold={row.gold} goldMin={goldMin} />
                  </TD>
                  <TD className="px-2! text-right">
                    <PositionBias row={row} />
                  </TD>
                  <TD className="px-2! text-right whitespace-nowrap tabular-nums">{formatDuration(row.median_duration_ms)}</TD>
                  <TD className="pl-2! text-right whitespace-nowrap">
                    <Actions row={row} onAsk={ask} />
                  </TD>
                </TR>
              ))
            ) : (
              <EmptyRow colSpan={COLUMNS.length + 1}>No labeler has worked in this project yet.</EmptyRow>
            )}
          </TBody>
        </Table>
      </div>

      {/* Phones and tablets: a card per labeler, sorted by a select. */}
      <div className="space-y-3 px-4 py-4 sm:px-5 lg:hidden">
        <div className="flex items-end gap-2">
          <div className="min-w-0 flex-1 space-y-1">
            <label htmlFor="labeler-sort" className="block text-xs font-medium text-slate-700">
              Sort by
            </label>
            <Select
              id="labeler-sort"
              value={sort.key}
              onChange={(event) => setSort({ key: event.target.value, direction: defaultDirection(event.target.value) })}
            >
              {COLUMNS.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </Select>
          </div>
          <Button
            variant="secondary"
            onClick={() => setSort((current) => ({ ...current, direction: current.direction === "asc" ? "desc" : "asc" }))}
            aria-label={sort.direction === "asc" ? "Ascending; switch to descending" : "Descending; switch to ascending"}
          >
            <SortIcon state={sort.direction} />
            {sort.direction === "asc" ? "Ascending" : "Descending"}
          </Button>
        </div>
        {rows.length ? (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {rows.map((row) => (
              <li
                key={row.user.id}
                className="min-w-0 rounded-md border border-slate-200 p-3"
                data-testid="quality-labeler-card"
                data-labeler={row.user.email}
              >
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Who row={row} />
                  </div>
                  <StatusBadge status={row.status} />
                </div>
                <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2.5 text-sm">
                  <Stat label="Agreement">
                    <FigureCell figure={row.pairwise_agreement} minN={MIN_N.agreement} unit="comparisons" />
                  </Stat>
                  <Stat label="Gold accuracy">
                    <GoldAccuracy gold={row.gold} goldMin={goldMin} />
                  </Stat>
                  <Stat label="Position bias">
                    <PositionBias row={row} />
                  </Stat>
                  <Stat label="Ranked · median time">
                    <span className="tabular-nums">
                      {formatCount(row.rankings)} · {formatDuration(row.median_duration_ms)}
                    </span>
                  </Stat>
                </dl>
                <div className="mt-3 border-t border-slate-100 pt-3">
                  <Actions row={row} onAsk={ask} />
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="py-6 text-center text-sm text-slate-500">No labeler has worked in this project yet.</p>
        )}
      </div>

      <ConfirmDialog
        open={!!target}
        title={target ? `${ACTIONS[target.action].verb} ${nameOf(target.row)}?` : ""}
        confirmLabel={target ? ACTIONS[target.action].verb : ""}
        tone={target ? ACTIONS[target.action].tone : "primary"}
        pending={pending}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setTarget(null)}
      >
        {target ? <p>{consequence(target.action, target.row)} The change is recorded in the audit log.</p> : null}
      </ConfirmDialog>
    </>
  );
}

function defaultDirection(key: string): SortDirection {
  return key === "labeler" || key === "status" ? "asc" : "desc";
}

function Who({ row }: { row: Row }) {
  return (
    <>
      <span className="block truncate font-medium text-slate-900" title={row.user.email}>
        {nameOf(row)}
      </span>
      <span className="block truncate text-xs text-slate-500">
        {row.user.name ? `${row.user.email} · ` : ""}
        <span className="font-mono" title="The pseudonym the exports and the API use">
          {row.labeler}
        </span>
      </span>
    </>
  );
}

function StatusBadge({ status }: { status: LabelerStatus }) {
  return (
    <Badge tone={STATUS_TONES[status]} data-testid="labeler-status">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

function Actions({ row, onAsk }: { row: Row; onAsk: (row: Row, action: Action) => void }) {
  return (
    <div className="flex justify-end gap-1.5">
      {actionsFor(row.status).map((action) => (
        <Button
          key={action}
          size="sm"
          variant={action === "warned" ? "ghost" : "secondary"}
          className={cn(action === "blocked" && "text-red-700")}
          data-testid={`labeler-${ACTIONS[action].verb.toLowerCase()}`}
          onClick={() => onAsk(row, action)}
        >
          {ACTIONS[action].verb}
        </Button>
      ))}
    </div>
  );
}

function GoldAccuracy({ gold, goldMin }: { gold: Row["gold"]; goldMin: number }) {
  const { answered, accuracy, ci95 } = gold;
  if (!answered || accuracy === null) {
    return (
      <span className="text-xs text-slate-400" data-testid="labeler-gold-accuracy" data-state="none">
        No answers
      </span>
    );
  }
  if (answered < goldMin) {
    return (
      <span className="block text-xs whitespace-nowrap text-slate-400" data-testid="labeler-gold-accuracy" data-state="thin">
        Too few answers
        <span className="block tabular-nums">
          {answered} of {goldMin}
        </span>
      </span>
    );
  }
  return (
    <span className="block tabular-nums" data-testid="labeler-gold-accuracy" data-state="ok">
      <span className={cn("font-medium", accuracy < 0.5 ? "text-red-700" : "text-slate-900")}>{percent(accuracy, 0)}</span>
      {ci95 ? (
        <span className="block text-xs whitespace-nowrap text-slate-500" title="95% interval, resampling the labeler's gold tasks">
          {percentRange(ci95, 0)}
        </span>
      ) : null}
      <span className="block text-xs whitespace-nowrap text-slate-500">n {formatCount(answered)} tasks</span>
    </span>
  );
}

function PositionBias({ row }: { row: Row }) {
  const figure = biasFigure(row);
  if (!figure) {
    const n = biasN(row);
    return (
      <span className="block text-xs whitespace-nowrap text-slate-400" data-state={n ? "thin" : "none"}>
        {n ? "Too little data" : "—"}
        {n ? (
          <span className="block tabular-nums">
            n {n} of {MIN_N.positionBias}
          </span>
        ) : null}
      </span>
    );
  }
  // Flagged only when the whole interval lies above chance: the labeler favours the first output.
  return (
    <span
      className="block tabular-nums"
      title={`The output shown first was ranked best in ${percent(figure.share)} of ${figure.n} rankings (95% CI ${percentRange(figure.ci)}); chance, given the ties, is ${percent(figure.expected)}.`}
      data-testid="labeler-position-bias"
      data-state={figure.above ? "above" : "ok"}
    >
      <span className={cn("font-medium", figure.above ? "text-amber-700" : "text-slate-900")}>
        {percent(figure.share, 0)}
        {figure.above ? " ▲" : ""}
      </span>
      <span className="block text-xs whitespace-nowrap text-slate-500">
        {percentRange(figure.ci, 0)} · n {formatCount(figure.n)}
      </span>
      <span className="block text-xs whitespace-nowrap text-slate-500">chance {percent(figure.expected, 0)}</span>
    </span>
  );
}

function SortIcon({ state }: { state: SortDirection | null }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" className={cn("size-3", state ? "text-indigo-600" : "text-slate-300")} fill="currentColor">
      {state !== "desc" ? <path d="M6 2 9 5.5H3z" /> : null}
      {state !== "asc" ? <path d="M6 10 3 6.5h6z" /> : null}
    </svg>
  );
}
