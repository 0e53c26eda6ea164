"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { OutputCard } from "@/components/labeling/labeler/output-card";
import { PromptView } from "@/components/labeling/labeler/prompt-view";
import { RankingBoard } from "@/components/labeling/labeler/ranking-board";
import {
  type Buckets,
  bucketsFromRatings,
  describeMissing,
  type FocusStop,
  firstStop,
  isComplete,
  missingParts,
  rankOf,
  setLikert,
  stepOutput,
  stopAfterRating,
  toggleOutputFlag,
  togglePromptFlag,
  toRankingSubmission,
  unranked,
} from "@/components/labeling/labeler/ranking-state";
import { type TaskProps, useTaskDraft } from "@/components/labeling/labeler/use-task-draft";
import { useTaskKeys } from "@/components/labeling/labeler/use-task-keys";
import { Button } from "@/components/ui/button";
import { Select, Textarea } from "@/components/ui/input";
import { type OutputFlag, PROMPT_FLAG_LABELS, PROMPT_FLAGS, type RankingSubmission } from "@/lib/labeling/schema";
import { USE_CASE_LABELS, USE_CASES, type UseCase } from "@/lib/prompts/schema";
import { formatOrdinal } from "@/lib/ui/format";

export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd className="inline-flex min-w-[1.25rem] justify-center rounded border border-slate-300 bg-white px-1 font-mono text-[10px] leading-4 text-slate-700 shadow-[0_1px_0_rgb(203_213_225)]">
      {children}
    </kbd>
  );
}

/** The comparison task: rate each output (step 1), rank them with ties (step 2), label the prompt. */
export function RankingTask(props: TaskProps<RankingSubmission>) {
  const { task, submitting, blocked, error, onSubmit } = props;
  const { draft, update, elapsed, restored } = useTaskDraft(props);
  const outputs = task.outputs;
  const order = useMemo(() => outputs.map((o) => o.id), [outputs]);
  const answer = {
    ratings: draft.ratings,
    buckets: draft.buckets,
    category: draft.category,
    promptFlags: draft.promptFlags,
    note: draft.note,
  };
  const missing = missingParts(outputs, answer);
  const complete = isComplete(missing);
  const root = useRef<HTMLDivElement>(null);
  // The output the labeler was last on, so j / k continue from there after a detour elsewhere.
  const lastOutput = useRef(-1);
  // The latest answer, for handlers that must not change identity on every edit (cards are memoised).
  const latest = useRef({ answer, outputs });
  latest.current = { answer, outputs };

  const focusStop = useCallback((stop: FocusStop | null, scroll = true) => {
    if (!stop) return;
    const selector =
      stop.kind === "output"
        ? `[data-testid="output-card"][data-label="${stop.label}"]`
        : stop.kind === "chip"
          ? `[data-chip-id="${CSS.escape(stop.id)}"]`
          : stop.kind === "category"
            ? "#prompt-category"
            : '[data-testid="submit-task"]';
    const element = root.current?.querySelector<HTMLElement>(selector);
    element?.focus({ preventScroll: true });
    if (scroll) element?.scrollIntoView({ block: "nearest" });
  }, []);

  // On a new task, and after a reload, focus is where the work is; the page stays at the prompt.
  useEffect(() => focusStop(firstStop(latest.current.outputs, latest.current.answer), false), [focusStop]);

  const onLikert = useCallback(
    (id: string, likert: number | null, byKey?: boolean) => {
      update((d) => ({ ratings: setLikert(d.ratings, id, likert) }));
      if (!byKey) return;
      const { answer: now, outputs: list } = latest.current;
      const label = list.find((o) => o.id === id)!.label;
      const ratings = setLikert(now.ratings, id, likert);
      focusStop(stopAfterRating(list, { ...now, ratings }, label, now.ratings[id]?.likert != null));
    },
    [update, focusStop],
  );
  const onFlag = useCallback(
    (id: string, flag: OutputFlag, on: boolean) => update((d) => ({ ratings: toggleOutputFlag(d.ratings, id, flag, on) })),
    [update],
  );
  const focusCard = useCallback((label: string) => focusStop({ kind: "output", label }), [focusStop]);

  const send = () => {
    const body = toRankingSubmission(outputs, answer, elapsed());
    if (body && !submitting && !blocked) onSubmit(body);
  };
  const sortRanking = () => update((d) => ({ buckets: bucketsFromRatings(d.ratings, order) }));
  const step = (delta: -1 | 1) => {
    const card = document.activeElement?.closest<HTMLElement>('[data-testid="output-card"]');
    const current = card ? outputs.findIndex((o) => o.label === card.dataset.label) : lastOutput.current;
    focusCard(outputs[stepOutput(outputs.length, current, delta)]!.label);
  };
  useTaskKeys(send, {
    j: () => step(1),
    k: () => step(-1),
    n: () => focusStop(firstStop(outputs, answer)),
    c: () => focusStop({ kind: "category" }),
    r: () => {
      const id = unranked(draft.buckets, order)[0] ?? draft.buckets[0]?.[0];
      if (id) focusStop({ kind: "chip", id });
    },
    s: () => {
      if (Object.values(draft.ratings).some((r) => r.likert != null)) sortRanking();
    },
  });

  const rankText = (id: string) => {
    const at = rankOf(draft.buckets, id);
    if (at === -1) return null;
    return `${formatOrdinal(at + 1)}${draft.buckets[at]!.length > 1 ? " (tie)" : ""}`;
  };

  return (
    <div ref={root} className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_21rem] lg:items-start">
      <div className="min-w-0 space-y-4">
        {restored ? (
          <p className="text-xs text-slate-500">Picked up where you left off: your ratings and ranking were kept in this browser.</p>
        ) : null}
        <PromptView prompt={task.prompt} />

        <section aria-labelledby="prompt-labels-title" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h2 id="prompt-labels-title" className="text-sm font-semibold text-slate-900">
              About this prompt
            </h2>
            <div className="flex w-full items-center gap-2 sm:ml-auto sm:w-auto">
              <label htmlFor="prompt-category" className="text-xs font-medium text-slate-700">
                Category
              </label>
              <Select
                id="prompt-category"
                data-testid="prompt-category"
                value={draft.category}
                onChange={(event) => update({ category: event.target.value as UseCase | "" })}
                // Enter takes the chosen category and moves on to what is left to do.
                onKeyDown={(event) => {
                  if (event.key !== "Enter" || event.ctrlKey || event.metaKey) return;
                  event.preventDefault();
                  focusStop(firstStop(outputs, answer));
                }}
                wrapperClassName="flex-1 sm:w-48 sm:flex-none"
                className="h-8 text-sm"
                invalid={false}
              >
                <option value="">Choose…</option>
                {USE_CASES.map((useCase) => (
                  <option key={useCase} value={useCase}>
                    {USE_CASE_LABELS[useCase]}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <fieldset className="mt-2">
            <legend className="sr-only">Prompt flags</legend>
            <div className="grid grid-cols-2 gap-x-4 gap-y-0.5 xl:grid-cols-3">
              {PROMPT_FLAGS.map((flag) => (
                <label
                  key={flag}
                  className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 text-xs leading-snug text-slate-700 hover:bg-slate-50"
                >
                  <input
                    type="checkbox"
                    data-testid={`prompt-flag-${flag}`}
                    checked={draft.promptFlags.includes(flag)}
                    onChange={(event) => update((d) => ({ promptFlags: togglePromptFlag(d.promptFlags, flag, event.target.checked) }))}
                    className="mt-px size-3.5 shrink-0 accent-indigo-600"
                  />
                  <span>{PROMPT_FLAG_LABELS[flag]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </section>

        <div className="flex items-baseline gap-2 pt-1">
          <h2 className="text-sm font-semibold text-slate-900">Step 1 · Rate each output</h2>
          <p className="text-xs text-slate-500">
            {outputs.length - missing.unrated.length} of {outputs.length} rated
          </p>
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: it only notes which card focus went to; the cards take the keys. */}
        <div
          className="space-y-4"
          onFocus={(event) => {
            const label = (event.target as HTMLElement).closest<HTMLElement>('[data-testid="output-card"]')?.dataset.label;
            if (label) lastOutput.current = outputs.findIndex((o) => o.label === label);
          }}
        >
          {outputs.map((output) => (
            <OutputCard
              key={output.id}
              id={output.id}
              label={output.label}
              text={output.text}
              rating={draft.ratings[output.id]}
              rankText={rankText(output.id)}
              onLikert={onLikert}
              onFlag={onFlag}
            />
          ))}
        </div>
      </div>

      {/* On a laptop the ranking stays in view while reading; its submit footer never scrolls away. */}
      <aside
        aria-label="Ranking and submit"
        className="flex min-w-0 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm lg:sticky lg:top-[7.25rem] lg:max-h-[calc(100vh-8.25rem)]"
      >
        <section aria-labelledby="ranking-title" className="min-h-0 flex-1 overflow-y-auto px-3 py-3">
          <div className="mb-1 flex items-center gap-2">
            <h2 id="ranking-title" className="text-sm font-semibold text-slate-900">
              Step 2 · Rank, best first
            </h2>
            <Button
              variant="ghost"
              size="sm"
              className="ml-auto"
              data-testid="sort-by-likert"
              disabled={Object.values(draft.ratings).every((r) => r.likert == null)}
              onClick={sortRanking}
              title="Fill the ranking from your Likert ratings; equal ratings become ties"
            >
              Sort by Likert
            </Button>
          </div>
          <p className="mb-1.5 text-xs leading-snug text-slate-500">
            Ties are fine when outputs are about as good. Drop onto a rank to tie, between ranks for a new one.
          </p>
          <RankingBoard
            outputs={outputs}
            buckets={draft.buckets}
            ratings={draft.ratings}
            onChange={(buckets: Buckets) => update({ buckets })}
            onShowOutput={focusCard}
          />
          <Legend />
        </section>

        <section aria-label="Note and submit" className="shrink-0 border-t border-slate-200 bg-slate-50/80 px-3 py-3">
          <label htmlFor="task-note" className="text-xs font-medium text-slate-700">
            Note <span className="font-normal text-slate-500">(optional, for the project's admins)</span>
          </label>
          <Textarea
            id="task-note"
            data-testid="task-note"
            rows={1}
            maxLength={5000}
            value={draft.note}
            onChange={(event) => update({ note: event.target.value })}
            className="mt-1 text-xs"
          />
          <div className="mt-3" aria-live="polite">
            {complete ? (
              <p className="text-xs text-emerald-700">Ready to submit.</p>
            ) : (
              <ul className="space-y-0.5 text-xs text-slate-600" data-testid="missing">
                {describeMissing(missing).map((line) => (
                  <li key={line} className="flex gap-1.5">
                    <span aria-hidden="true" className="text-amber-500">
                      •
                    </span>
                    {line}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {error ? (
            <p className="mt-2 text-xs font-medium text-red-600" data-testid="submit-error">
              {error}
            </p>
          ) : null}
          <Button className="mt-3 w-full" data-testid="submit-task" disabled={!complete || blocked} pending={submitting} onClick={send}>
            Submit and next
          </Button>
        </section>
      </aside>
    </div>
  );
}

const KEYS: { group: string; rows: [React.ReactNode, string][] }[] = [
  {
    group: "Anywhere",
    rows: [
      [
        <>
          <Kbd>j</Kbd> <Kbd>k</Kbd>
        </>,
        "next / previous output",
      ],
      [<Kbd key="n">n</Kbd>, "next thing to do"],
      [<Kbd key="c">c</Kbd>, "category (type, then Enter)"],
      [<Kbd key="r">r</Kbd>, "the ranking"],
      [<Kbd key="s">s</Kbd>, "sort by Likert"],
      [
        <>
          <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>
        </>,
        "submit",
      ],
    ],
  },
  {
    group: "On an output",
    rows: [
      [
        <>
          <Kbd>1</Kbd>–<Kbd>7</Kbd>
        </>,
        "rate it, go to the next",
      ],
    ],
  },
  {
    group: "On a card in the ranking",
    rows: [
      [
        <>
          <Kbd>1</Kbd>–<Kbd>9</Kbd>
        </>,
        "put it in that rank (a tie if taken)",
      ],
      [
        <>
          <Kbd>↑</Kbd> <Kbd>↓</Kbd>
        </>,
        "move up / down a rank",
      ],
      [<Kbd key="t">t</Kbd>, "tie with the rank above"],
      [<Kbd key="0">0</Kbd>, "take out of the ranking"],
      [<Kbd key="e">Enter</Kbd>, "show the output"],
    ],
  },
];

const LEGEND_KEY = "ranklab:keys-legend";

/** The keyboard scheme beside the ranking; open until the labeler folds it (remembered). */
function Legend() {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (window.localStorage.getItem(LEGEND_KEY) === "closed") setOpen(false);
  }, []);
  return (
    <details
      id="ranking-keys"
      open={open}
      onToggle={(event) => {
        const next = event.currentTarget.open;
        setOpen(next);
        window.localStorage.setItem(LEGEND_KEY, next ? "open" : "closed");
      }}
      className="group mt-3 hidden rounded-md bg-slate-50 px-2.5 py-1.5 text-[11px] text-slate-600 sm:block"
      data-testid="shortcut-legend"
    >
      <summary className="cursor-pointer font-semibold text-slate-700 select-none marker:text-slate-400">Keyboard shortcuts</summary>
      {KEYS.map(({ group, rows }) => (
        <div key={group} className="mt-1.5">
          <p className="font-medium text-slate-700">{group}</p>
          <dl className="mt-0.5 grid grid-cols-[5.5rem_1fr] gap-x-2 gap-y-0.5">
            {rows.map(([keys, action]) => (
              <div key={action} className="contents">
                <dt className="whitespace-nowrap">{keys}</dt>
                <dd>{action}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </details>
  );
}
