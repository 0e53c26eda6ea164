"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { PUT } from "@/app/api/admin/projects/[slug]/tasks/[id]/gold/route";
import { groupsFromRanks, meanRankSuggestion, percent, rankingLine, rankOfOutputs } from "@/components/quality/figures";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ResponseOf } from "@/lib/api/operation";
import { outputLabel } from "@/lib/labeling/ranking";
import type { Disagreement } from "@/lib/quality/report-types";
import { callApi } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { formatCount } from "@/lib/ui/format";

// Rank 1 darkest; the shade says "better" at a glance across a row of labelers.
const SHADES = ["bg-indigo-600 text-white", "bg-indigo-400 text-white", "bg-indigo-200 text-indigo-900", "bg-indigo-100 text-indigo-900"];
function shade(rank: number, groups: number) {
  if (groups <= 1) return SHADES[0]!;
  const step = Math.round(((rank - 1) / (groups - 1)) * (SHADES.length - 1));
  return rank === groups ? "bg-slate-100 text-slate-700" : SHADES[Math.min(step, SHADES.length - 2)]!;
}

/**
 * One task of the review queue: the prompt, its outputs (folded), every labeler's ranking side by
 * side (a column each, rank 1 = best, "=" marks a tie) and, when adjudicating, a column of rank
 * numbers for the reference ranking (equal numbers tie) that makes the task gold.
 */
export function ReviewItem({
  slug,
  item,
  adjudicating,
  onAdjudicate,
  onClose,
  onSaved,
}: {
  slug: string;
  item: Disagreement;
  adjudicating: boolean;
  onAdjudicate: () => void;
  onClose: () => void;
  /** The reference was saved: the task is gold and leaves the queue when the page refreshes. */
  onSaved: (summary: { taskId: string; prompt: string; line: string; updated: boolean }) => void;
}) {
  const router = useRouter();
  const headingId = useId();
  const outputs = [...item.outputs].sort((a, b) => a.position - b.position);
  const order = outputs.map((output) => output.id);
  const letterOf = (id: string) => outputLabel(order.indexOf(id));
  const perLabeler = item.rankings.map((ranking) => ({ ...ranking, ranks: rankOfOutputs(ranking.groups) }));
  // A gold task starts from its reference; any other from the labelers' mean rank.
  const [ranks, setRanks] = useState<Record<string, number>>(() =>
    item.reference
      ? rankOfOutputs(item.reference)
      : meanRankSuggestion(
          item.rankings.map((ranking) => ranking.groups),
          order,
        ),
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const groups = groupsFromRanks(ranks, order);

  async function save() {
    setPending(true);
    setError(null);
    const result = await callApi<ResponseOf<typeof PUT>>(
      `/api/admin/projects/${encodeURIComponent(slug)}/tasks/${encodeURIComponent(item.task_id)}/gold`,
      { method: "PUT", body: { ranking: groups } },
    );
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    onSaved({ taskId: item.task_id, prompt: item.prompt, line: rankingLine(groups, letterOf), updated: item.gold });
    onClose();
    router.refresh();
  }

  return (
    <Card className="overflow-hidden" data-testid="review-item" data-task={item.task_id} aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-200 px-4 py-3 sm:px-5">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {item.agreement.value === null ? "No comparable pairs" : `Agreement ${percent(item.agreement.value, 0)}`}
        </h2>
        <span className="text-xs text-slate-500 tabular-nums">
          {formatCount(item.agreement.n)} pair comparisons · {item.rankings.length} labelers · {outputs.length} outputs
        </span>
        {item.gold ? (
          <Badge tone="amber" data-testid="review-gold">
            Gold
          </Badge>
        ) : null}
        <span className="ml-auto font-mono text-[11px] text-slate-400">{item.task_id}</span>
      </div>

      <div className="space-y-4 px-4 py-4 sm:px-5">
        <section aria-label="Prompt">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Prompt</h3>
          <FoldedText text={item.prompt} lines="line-clamp-4" testId="review-prompt" />
        </section>

        <section aria-label="Outputs">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Outputs</h3>
          <ul className="mt-1.5 divide-y divide-slate-100 rounded-md border border-slate-200">
            {outputs.map((output, index) => (
              <li key={output.id}>
                <details className="group" data-testid="review-output">
                  <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm marker:content-none hover:bg-slate-50">
                    <Letter>{outputLabel(index)}</Letter>
                    <span className="max-w-[40%] shrink-0 truncate font-medium text-slate-800" title={output.model}>
                      {output.model}
                    </span>
                    <span className="min-w-0 flex-1 truncate text-slate-500 group-open:invisible">{output.text}</span>
                    <svg
                      aria-hidden="true"
                      viewBox="0 0 16 16"
                      className="size-4 shrink-0 text-slate-400 transition-transform group-open:rotate-180"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="1.6"
                    >
                      <path d="M4.5 6.5 8 10l3.5-3.5" />
                    </svg>
                  </summary>
                  <p className="max-h-80 overflow-y-auto px-3 pb-3 text-sm leading-relaxed whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]">
                    {output.text}
                  </p>
                </details>
              </li>
            ))}
          </ul>
        </section>

        <section aria-label="Rankings">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Rankings (1 = best, = tied)</h3>
          <div className="relative mt-1.5 overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full text-sm" data-testid="review-rankings">
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-500">
                    <span className="sr-only sm:not-sr-only">Output</span>
                  </th>
                  {perLabeler.map((ranking) => (
                    <th key={ranking.labeler} scope="col" className="px-1.5 py-2 text-center text-xs font-medium text-slate-600 sm:px-2">
                      <span
                        className="mx-auto block max-w-[4.5rem] truncate sm:max-w-[8rem]"
                        title={`${ranking.name} (${ranking.labeler})`}
                      >
                        {ranking.name}
                      </span>
                      <span className="hidden font-mono text-[10px] font-normal text-slate-400 sm:block">{ranking.labeler}</span>
                    </th>
                  ))}
                  {adjudicating ? (
                    <th
                      scope="col"
                      className="sticky right-0 bg-amber-50 px-2 py-2 text-center text-xs font-semibold text-amber-900 shadow-[-1px_0_0_#fde68a] sm:px-3"
                    >
                      Reference
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {outputs.map((output, index) => (
                  <tr key={output.id}>
                    <th scope="row" className="px-3 py-1.5 text-left font-normal">
                      <span className="flex items-center gap-2">
                        <Letter>{outputLabel(index)}</Letter>
                        <span className="hidden max-w-[10rem] truncate text-xs text-slate-600 sm:inline" title={output.model}>
                          {output.model}
                        </span>
                      </span>
                    </th>
                    {perLabeler.map((ranking) => {
                      const rank = ranking.ranks[output.id];
                      const tied = rank !== undefined && (ranking.groups[rank - 1]?.length ?? 0) > 1;
                      return (
                        <td key={ranking.labeler} className="px-1.5 py-1.5 text-center sm:px-2">
                          {rank === undefined ? (
                            <span className="text-slate-300">·</span>
                          ) : (
                            <span
                              className={cn(
                                "inline-flex h-6 min-w-7 items-center justify-center rounded px-1.5 text-xs font-semibold tabular-nums",
                                shade(rank, ranking.groups.length),
                              )}
                              title={tied ? `Rank ${rank}, tied` : `Rank ${rank}`}
                            >
                              {rank}
                              {tied ? "=" : ""}
                            </span>
                          )}
                        </td>
                      );
                    })}
                    {adjudicating ? (
                      // Sticky on the right: on a phone the labelers' columns scroll under it.
                      <td className="sticky right-0 bg-amber-50 px-2 py-1 text-center shadow-[-1px_0_0_#fde68a] sm:px-3">
                        <label className="sr-only" htmlFor={`${item.task_id}-rank-${output.id}`}>
                          Reference rank of output {outputLabel(index)}
                        </label>
                        <select
                          id={`${item.task_id}-rank-${output.id}`}
                          value={ranks[output.id] ?? 1}
                          onChange={(event) => setRanks((current) => ({ ...current, [output.id]: Number(event.target.value) }))}
                          className="h-7 rounded-md border-0 bg-white py-0 pr-7 pl-2 text-xs tabular-nums shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
                          data-testid={`adjudicate-rank-${outputLabel(index)}`}
                        >
                          {outputs.map((_, rank) => (
                            <option key={rank} value={rank + 1}>
                              {rank + 1}
                            </option>
                          ))}
                        </select>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        {adjudicating ? (
          <div className="space-y-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-3" data-testid="adjudicate-form">
            <p className="text-sm text-amber-900">
              Give each output a rank in the Reference column; equal numbers tie, gaps close up. It starts from{" "}
              {item.reference ? "the current reference" : <>the labelers&apos; mean rank</>}.
            </p>
            <p className="text-sm">
              <span className="text-slate-600">Reference: </span>
              <span className="font-mono font-semibold text-slate-900" data-testid="adjudicate-preview">
                {rankingLine(groups, letterOf)}
              </span>
            </p>
            {error ? <p className="text-sm font-medium text-red-600">{error}</p> : null}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={onClose} disabled={pending}>
                Cancel
              </Button>
              <Button onClick={() => void save()} pending={pending} data-testid="adjudicate-save">
                {item.gold ? "Save the new reference" : "Save and make gold"}
              </Button>
            </div>
          </div>
        ) : (
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onAdjudicate} data-testid="adjudicate-open">
              {item.gold ? "Change the reference ranking" : "Adjudicate…"}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}

function Letter({ children }: { children: string }) {
  return (
    <span className="inline-flex size-5 shrink-0 items-center justify-center rounded bg-slate-900 text-[11px] font-semibold text-white">
      {children}
    </span>
  );
}

/** Text clamped to a few lines, with a button to show it all when it is longer. */
function FoldedText({ text, lines, testId }: { text: string; lines: string; testId: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > 320 || text.split("\n").length > 4;
  return (
    <div className="mt-1">
      <p
        className={cn("text-sm leading-relaxed whitespace-pre-wrap text-slate-800 [overflow-wrap:anywhere]", !open && long && lines)}
        data-testid={testId}
      >
        {text}
      </p>
      {long ? (
        <button
          type="button"
          className="mt-1 text-xs font-medium text-indigo-600 hover:text-indigo-500"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? "Show less" : "Show the whole prompt"}
        </button>
      ) : null}
    </div>
  );
}
