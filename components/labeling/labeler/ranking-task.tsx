"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { OutputCard } from "@/components/labeling/labeler/output-card";
import { PromptView, promptConversation } from "@/components/labeling/labeler/prompt-view";
import { RankingBoard } from "@/components/labeling/labeler/ranking-board";
import {
  type Buckets,
  describeMissing,
  type FocusStop,
  firstStop,
  isComplete,
  missingParts,
  rankOf,
  setLikert,
  sortByLikert,
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
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { type OutputFlag, PROMPT_FLAG_LABELS, PROMPT_FLAGS } from "@/lib/labeling/flags";
import { distinguishingSnippets, rankingContradictions } from "@/lib/labeling/ranking";
import type { RankingSubmission } from "@/lib/labeling/schema";
import { USE_CASE_LABELS, USE_CASES, type UseCase } from "@/lib/prompts/use-cases";
import { cn } from "@/lib/ui/cn";
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
  const conversation = promptConversation(task.prompt) != null;
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
  // Sort by Likert replaces a hand-made ranking; the one it replaced can be put back until the next change.
  const [undo, setUndo] = useState<{ previous: Buckets; sorted: Buckets } | null>(null);
  const sortRanking = () => {
    const { buckets, replaced } = sortByLikert(draft.buckets, draft.ratings, order);
    setUndo(replaced ? { previous: replaced, sorted: buckets } : null);
    update({ buckets });
  };
  const undoSort = () => {
    if (!undo || undo.sorted !== draft.buckets) return;
    update({ buckets: undo.previous });
    setUndo(null);
  };
  const firstUnrankedOrFirst = (): FocusStop | null => {
    const id = unranked(draft.buckets, order)[0] ?? draft.buckets[0]?.[0];
    return id ? { kind: "chip", id } : null;
  };
  const [keysOpen, setKeysOpen] = useState(false);
  // The phone's "Rank" button hides while the ranking is on screen (it would cover the submit button).
  const [rankingInView, setRankingInView] = useState(false);
  useEffect(() => {
    const aside = document.getElementById("ranking");
    if (!aside) return;
    const observer = new IntersectionObserver(([entry]) => setRankingInView(!!entry?.isIntersecting));
    observer.observe(aside);
    return () => observer.disconnect();
  }, []);
  const [promptFlagsOpen, setPromptFlagsOpen] = useState(false);
  const snippets = useMemo(() => distinguishingSnippets(outputs.map((o) => o.text)), [outputs]);
  const boardOutputs = useMemo(() => outputs.map((o, i) => ({ ...o, snippet: snippets[i]! })), [outputs, snippets]);
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
    r: () => focusStop(firstUnrankedOrFirst()),
    s: () => {
      if (Object.values(draft.ratings).some((r) => r.likert != null)) sortRanking();
    },
    u: undoSort,
    // A conversation's earlier turns, folded by default (the button keeps its aria-expanded in step).
    h: () => root.current?.querySelector<HTMLButtonElement>('[data-testid="toggle-earlier-turns"]')?.click(),
    "?": () => setKeysOpen(true),
  });

  const rankText = (id: string) => {
    const at = rankOf(draft.buckets, id);
    if (at === -1) return null;
    return `${formatOrdinal(at + 1)}${draft.buckets[at]!.length > 1 ? " (tie)" : ""}`;
  };
  const labelOf = (id: string) => outputs.find((o) => o.id === id)?.label ?? "?";
  const contradictions = rankingContradictions(
    draft.buckets,
    Object.fromEntries(Object.entries(draft.ratings).map(([id, rating]) => [id, rating.likert])),
  );

  return (
    <div ref={root} className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start xl:gap-5">
      <div className="@container min-w-0 space-y-3">
        {restored ? (
          <p className="text-xs text-slate-500">Picked up where you left off: your ratings and ranking were kept in this browser.</p>
        ) : null}
        <PromptView prompt={task.prompt} />

        <section
          aria-labelledby="prompt-labels-title"
          className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm"
          data-testid="prompt-labels"
        >
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h2 id="prompt-labels-title" className="text-sm font-semibold text-slate-900">
              About this prompt
            </h2>
            <div className="flex w-full items-center gap-2 sm:w-auto">
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
            <button
              type="button"
              data-testid="prompt-flags-toggle"
              aria-expanded={promptFlagsOpen}
              aria-controls="prompt-flags"
              onClick={() => setPromptFlagsOpen((open) => !open)}
              className={cn(
                "inline-flex items-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 sm:ml-auto",
                draft.promptFlags.length ? "bg-amber-50 text-amber-800 ring-1 ring-amber-200" : "text-slate-600 hover:bg-slate-50",
              )}
            >
              Prompt flags{draft.promptFlags.length ? ` · ${draft.promptFlags.length}` : ""}
              <svg aria-hidden="true" viewBox="0 0 16 16" className={cn("size-3.5 transition-transform", promptFlagsOpen && "rotate-180")}>
                <path d="M4.5 6.5 8 10l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
              </svg>
            </button>
          </div>
          {promptFlagsOpen ? (
            <fieldset id="prompt-flags" className="mt-2">
              <legend className="sr-only">Prompt flags</legend>
              <div className="grid grid-cols-1 gap-x-4 gap-y-0.5 sm:grid-cols-2 @4xl:grid-cols-3">
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
          ) : draft.promptFlags.length ? (
            <p className="mt-1 text-[11px] text-amber-800">{draft.promptFlags.map((f) => PROMPT_FLAG_LABELS[f]).join(" · ")}</p>
          ) : null}
        </section>

        <div className="flex items-baseline gap-2 pt-1">
          <h2 className="text-sm font-semibold text-slate-900">Step 1 · Rate each output</h2>
          <p className="text-xs text-slate-500">
            {outputs.length - missing.unrated.length} of {outputs.length} rated
            {conversation ? <span className="hidden sm:inline"> · each is a candidate for the assistant's next turn</span> : null}
          </p>
          <button
            type="button"
            onClick={() => setKeysOpen(true)}
            data-testid="open-keys"
            className="ml-auto hidden items-center gap-1 rounded text-xs text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600 sm:inline-flex"
          >
            Keyboard shortcuts <Kbd>?</Kbd>
          </button>
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: it only notes which card focus went to; the cards take the keys. */}
        <div
          className="grid grid-cols-1 gap-3 @3xl:grid-cols-2 @6xl:grid-cols-3"
          data-testid="output-grid"
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
        id="ranking"
        aria-label="Ranking and submit"
        className="flex min-w-0 scroll-mt-28 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm lg:sticky lg:top-[7.25rem] lg:max-h-[calc(100vh-8.25rem)]"
      >
        <section aria-labelledby="ranking-title" className="min-h-0 flex-1 overflow-y-auto px-3 py-3">
          <div className="mb-1 flex items-center gap-2">
            <h2 id="ranking-title" className="text-sm font-semibold text-slate-900">
              Step 2 · Rank
            </h2>
            <Button
              variant="ghost"
              size="sm"
              className="ml-auto"
              data-testid="sort-by-likert"
              disabled={Object.values(draft.ratings).every((r) => r.likert == null)}
              onClick={sortRanking}
              title="Fill the ranking from your Likert ratings; equal ratings become ties (s)"
            >
              Sort by Likert
            </Button>
          </div>
          {undo && undo.sorted === draft.buckets ? (
            <div
              className="mb-2 flex items-center gap-2 rounded-md bg-indigo-50 px-2 py-1.5 text-xs text-indigo-900"
              role="status"
              data-testid="sort-undo"
            >
              <span className="flex-1">Your ranking was replaced by one from your ratings.</span>
              <button
                type="button"
                onClick={undoSort}
                className="rounded px-1.5 py-0.5 font-semibold text-indigo-700 ring-1 ring-indigo-300 hover:bg-white focus-visible:outline-2 focus-visible:outline-indigo-600"
                data-testid="sort-undo-button"
              >
                Undo <span className="font-normal text-indigo-500">(u)</span>
              </button>
            </div>
          ) : null}
          <p className="mb-1.5 text-xs leading-snug text-slate-500">
            Best first. Ties are fine when outputs are about as good: drop onto a rank to tie, between ranks for a new one.
          </p>
          <RankingBoard
            outputs={boardOutputs}
            buckets={draft.buckets}
            ratings={draft.ratings}
            onChange={(buckets: Buckets) => update({ buckets })}
            onShowOutput={focusCard}
          />
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
          {contradictions.length ? (
            <div
              className="mt-3 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900 ring-1 ring-amber-200"
              data-testid="contradictions"
            >
              <p className="font-medium">The ranking disagrees with your ratings:</p>
              <ul className="mt-0.5 space-y-0.5">
                {contradictions.slice(0, 2).map((c) => (
                  <li key={`${c.better}>${c.worse}`}>
                    {labelOf(c.better)} is ranked above {labelOf(c.worse)} but rated lower ({c.betterLikert} vs {c.worseLikert}).
                  </li>
                ))}
              </ul>
              {contradictions.length > 2 ? <p>…and {contradictions.length - 2} more.</p> : null}
              <p className="mt-0.5 text-amber-800">You can still submit if you meant it.</p>
            </div>
          ) : null}
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
            Submit and next <span className="hidden font-normal opacity-70 sm:inline">Ctrl+Enter</span>
          </Button>
        </section>
      </aside>

      {/* On a phone the ranking is far below the outputs: one tap away from anywhere. */}
      {rankingInView ? null : (
        <button
          type="button"
          data-testid="jump-to-ranking"
          onClick={() => {
            document.getElementById("ranking")?.scrollIntoView({ block: "start" });
            focusStop(firstUnrankedOrFirst(), false);
          }}
          className="fixed right-3 bottom-3 z-30 inline-flex items-center gap-1.5 rounded-full bg-slate-900 px-3.5 py-2 text-sm font-medium text-white shadow-lg lg:hidden"
        >
          Rank {outputs.length - missing.unranked.length}/{outputs.length}
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4">
            <path d="M8 3v10m0 0-4-4m4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      )}

      <KeysDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
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
      [<Kbd key="u">u</Kbd>, "undo the sort"],
      [<Kbd key="h">h</Kbd>, "a conversation's earlier turns"],
      [<Kbd key="q">?</Kbd>, "this list"],
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
      [<Kbd key="f">f</Kbd>, "open / close its flags"],
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

/** Every key of the ranking task, in a dialog (? or the link above the outputs), so none is cut off. */
function KeysDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModalDialog(open);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes the dialog; Escape does the same from the keyboard.
    <dialog
      ref={ref}
      aria-labelledby="keys-title"
      data-testid="shortcut-legend"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-2xl rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/30"
    >
      {open ? (
        <div className="px-5 py-4 text-sm text-slate-700">
          <div className="flex items-center">
            <h2 id="keys-title" className="text-base font-semibold text-slate-900">
              Keyboard shortcuts
            </h2>
            <button
              type="button"
              onClick={onClose}
              className="ml-auto rounded-md px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              // biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus into itself; its close button is the first stop.
              autoFocus
            >
              Close <Kbd>Esc</Kbd>
            </button>
          </div>
          <div className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {KEYS.map(({ group, rows }) => (
              <div key={group}>
                <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group}</p>
                <dl className="mt-1 grid grid-cols-[5.5rem_1fr] gap-x-2 gap-y-1 text-xs">
                  {rows.map(([keys, action]) => (
                    <div key={action} className="contents">
                      <dt className="whitespace-nowrap">{keys}</dt>
                      <dd>{action}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
