"use client";

import { type KeyboardEvent, memo, useRef, useState } from "react";
import { OutputText } from "@/components/labeling/labeler/output-text";
import { LIKERT_MAX, LIKERT_MIN, type Rating } from "@/components/labeling/labeler/ranking-state";
import { isTyping } from "@/components/labeling/labeler/use-task-keys";
import { OUTPUT_FLAG_LABELS, OUTPUT_FLAGS, type OutputFlag } from "@/lib/labeling/flags";
import { cn } from "@/lib/ui/cn";

export const LIKERT_LOW = "Very poor";
export const LIKERT_HIGH = "Excellent";
const SCALE = Array.from({ length: LIKERT_MAX - LIKERT_MIN + 1 }, (_, i) => LIKERT_MIN + i);

/**
 * Step 1 for one output, compact enough to sit two or three to a row: its text, the 1–7 Likert on
 * one line, and the paper's yes/no metadata folded behind "Flags" (or f) until asked for.
 */
export const OutputCard = memo(function OutputCard({
  id,
  label,
  text,
  rating,
  rankText,
  onLikert,
  onFlag,
}: {
  id: string;
  label: string;
  text: string;
  rating: Rating | undefined;
  rankText: string | null;
  /** `byKey`: rated with a digit key, so focus may move on to the next output. */
  onLikert: (id: string, likert: number | null, byKey?: boolean) => void;
  onFlag: (id: string, flag: OutputFlag, on: boolean) => void;
}) {
  const likert = rating?.likert ?? null;
  const flags = rating?.flags ?? [];
  const [flagsOpen, setFlagsOpen] = useState(false);
  const card = useRef<HTMLElement>(null);
  const panelId = `output-${label}-flags`;

  function toggleFlags(focusInside: boolean) {
    const open = !flagsOpen;
    setFlagsOpen(open);
    // Opened from the keyboard: straight to the first box; closed: back to the card.
    if (open && focusInside) requestAnimationFrame(() => card.current?.querySelector<HTMLInputElement>(`#${panelId} input`)?.focus());
    if (!open) card.current?.focus({ preventScroll: true });
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
    const digit = Number(event.key);
    if (Number.isInteger(digit) && digit >= LIKERT_MIN && digit <= LIKERT_MAX) {
      event.preventDefault();
      onLikert(id, digit, true);
    } else if (event.key === "f" || (event.key === "Escape" && flagsOpen)) {
      event.preventDefault();
      toggleFlags(true);
    }
  }

  return (
    <article
      ref={card}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="output-card"
      data-label={label}
      aria-labelledby={`output-${label}-title`}
      className={cn(
        "@container flex min-w-0 scroll-mt-32 flex-col rounded-lg border bg-white shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
        likert == null ? "border-slate-200" : "border-slate-300",
      )}
    >
      <header className="flex items-center gap-2 border-b border-slate-100 px-3 py-1.5">
        <span
          className="inline-flex size-6 items-center justify-center rounded-md bg-slate-900 text-xs font-semibold text-white"
          aria-hidden="true"
        >
          {label}
        </span>
        <h3 id={`output-${label}-title`} className="text-sm font-semibold text-slate-900">
          Output {label}
        </h3>
        <span className="ml-auto flex items-center gap-1.5 text-xs text-slate-500">
          {likert != null ? <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-medium text-indigo-700">Likert {likert}</span> : null}
          <span className={cn("rounded px-1.5 py-0.5 whitespace-nowrap", rankText ? "bg-slate-100 text-slate-700" : "text-slate-400")}>
            {rankText ?? "Not ranked"}
          </span>
        </span>
      </header>

      <OutputText text={text} className="flex-1 px-3 py-2.5" />

      <div className="rounded-b-lg border-t border-slate-100 bg-slate-50/70 px-3 py-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <fieldset className="flex items-center gap-2">
            <legend className="sr-only">
              Overall quality of output {label}, 1 ({LIKERT_LOW}) to 7 ({LIKERT_HIGH})
            </legend>
            <span className="text-xs font-medium text-slate-700" aria-hidden="true" title={`1 = ${LIKERT_LOW}, 7 = ${LIKERT_HIGH}`}>
              Quality
            </span>
            <div className="flex gap-1">
              {SCALE.map((n) => {
                const selected = likert === n;
                return (
                  <button
                    key={n}
                    type="button"
                    data-testid={`likert-${label}-${n}`}
                    aria-pressed={selected}
                    aria-label={`${n}${n === LIKERT_MIN ? ` (${LIKERT_LOW})` : n === LIKERT_MAX ? ` (${LIKERT_HIGH})` : ""}`}
                    title={n === LIKERT_MIN ? LIKERT_LOW : n === LIKERT_MAX ? LIKERT_HIGH : undefined}
                    onClick={() => onLikert(id, selected ? null : n)}
                    className={cn(
                      "size-7 rounded-md text-sm font-medium tabular-nums transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600",
                      selected
                        ? "bg-indigo-600 text-white shadow-sm"
                        : "bg-white text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-indigo-50 hover:ring-indigo-300",
                    )}
                  >
                    {n}
                  </button>
                );
              })}
            </div>
          </fieldset>
          <button
            type="button"
            data-testid={`flags-toggle-${label}`}
            aria-expanded={flagsOpen}
            aria-controls={panelId}
            onClick={() => toggleFlags(false)}
            className={cn(
              "ml-auto inline-flex items-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
              flags.length ? "bg-amber-50 text-amber-800 ring-1 ring-amber-200" : "text-slate-600 hover:bg-white",
            )}
          >
            Flags{flags.length ? ` · ${flags.length}` : ""}
            <svg aria-hidden="true" viewBox="0 0 16 16" className={cn("size-3.5 transition-transform", flagsOpen && "rotate-180")}>
              <path d="M4.5 6.5 8 10l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        {flagsOpen ? (
          <fieldset id={panelId} className="mt-2 border-t border-slate-200/70 pt-2">
            <legend className="sr-only">Output {label}: tick what applies</legend>
            <p className="mb-1 text-xs text-slate-500" aria-hidden="true">
              Output {label}: tick what applies
            </p>
            <div className="grid gap-x-3 gap-y-0.5 @lg:grid-cols-2">
              {OUTPUT_FLAGS.map((flag) => (
                <label
                  key={flag}
                  className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 text-xs leading-snug text-slate-700 hover:bg-white"
                >
                  <input
                    type="checkbox"
                    data-testid={`flag-${label}-${flag}`}
                    checked={flags.includes(flag)}
                    onChange={(event) => onFlag(id, flag, event.target.checked)}
                    className="mt-px size-3.5 shrink-0 accent-indigo-600"
                  />
                  <span>{OUTPUT_FLAG_LABELS[flag]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : flags.length ? (
          <p className="mt-1 truncate text-[11px] text-amber-800" title={flags.map((f) => OUTPUT_FLAG_LABELS[f]).join("; ")}>
            {flags.map((f) => OUTPUT_FLAG_LABELS[f]).join(" · ")}
          </p>
        ) : null}
      </div>
    </article>
  );
});
