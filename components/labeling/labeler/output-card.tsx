"use client";

import { type KeyboardEvent, memo } from "react";
import { OutputText } from "@/components/labeling/labeler/output-text";
import { LIKERT_MAX, LIKERT_MIN, type Rating } from "@/components/labeling/labeler/ranking-state";
import { isTyping } from "@/components/labeling/labeler/use-task-keys";
import { OUTPUT_FLAG_LABELS, OUTPUT_FLAGS, type OutputFlag } from "@/lib/labeling/schema";
import { cn } from "@/lib/ui/cn";

export const LIKERT_LOW = "Very poor";
export const LIKERT_HIGH = "Excellent";
const SCALE = Array.from({ length: LIKERT_MAX - LIKERT_MIN + 1 }, (_, i) => LIKERT_MIN + i);

/** Step 1 for one output: its text, the 1–7 Likert and the paper's yes/no metadata. */
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

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
    const digit = Number(event.key);
    if (Number.isInteger(digit) && digit >= LIKERT_MIN && digit <= LIKERT_MAX) {
      event.preventDefault();
      onLikert(id, digit, true);
    }
  }

  return (
    <article
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="output-card"
      data-label={label}
      aria-labelledby={`output-${label}-title`}
      className={cn(
        "scroll-mt-20 rounded-lg border bg-white shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
        likert == null ? "border-slate-200" : "border-slate-300",
      )}
    >
      <header className="flex items-center gap-2 border-b border-slate-100 px-4 py-2">
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
          <span className={cn("rounded px-1.5 py-0.5", rankText ? "bg-slate-100 text-slate-700" : "text-slate-400")}>
            {rankText ?? "Not ranked"}
          </span>
        </span>
      </header>

      <OutputText text={text} className="px-4 py-3" />

      <div className="space-y-3 rounded-b-lg border-t border-slate-100 bg-slate-50/70 px-4 py-3">
        <fieldset>
          <legend className="sr-only">
            Overall quality of output {label}, 1 ({LIKERT_LOW}) to 7 ({LIKERT_HIGH})
          </legend>
          <div className="flex items-start gap-3">
            <span className="pt-1.5 text-xs font-medium text-slate-700" aria-hidden="true">
              Quality
            </span>
            <div>
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
                      onClick={() => onLikert(id, selected ? null : n)}
                      className={cn(
                        "size-8 rounded-md text-sm font-medium tabular-nums transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600",
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
              <div className="mt-0.5 flex justify-between text-[10px] text-slate-500" aria-hidden="true">
                <span>{LIKERT_LOW}</span>
                <span>{LIKERT_HIGH}</span>
              </div>
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-700">
            Output {label}… <span className="font-normal text-slate-500">(tick what applies)</span>
          </legend>
          <div className="grid gap-x-4 gap-y-0.5 md:grid-cols-2">
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
      </div>
    </article>
  );
});
