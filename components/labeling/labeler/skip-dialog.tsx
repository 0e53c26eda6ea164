"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import type { Skip, SkipReason } from "@/lib/labeling/schema";

const CHOICES: { value: SkipReason; label: string; hint: string }[] = [
  { value: "intent_unclear", label: "Intent unclear", hint: "I can't tell what the prompt asks for." },
  { value: "harmful_or_sensitive", label: "Harmful or too sensitive", hint: "I'd rather not label this content." },
  { value: "outputs_unreadable", label: "Outputs broken or unreadable", hint: "Empty, garbled or cut off." },
  { value: "lacks_expertise", label: "Needs expertise I don't have", hint: "e.g. specialised law, medicine, code." },
  { value: "other", label: "Other", hint: "Say why below." },
];

/** Asks why the labeler skips the task: a reason, and a note kept apart from it ("Other" needs one). */
export function SkipDialog({
  open,
  pending,
  error,
  onSkip,
  onCancel,
}: {
  open: boolean;
  pending: boolean;
  error: string | null;
  onSkip: (skip: Skip) => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const [choice, setChoice] = useState<SkipReason | null>(null);
  const [text, setText] = useState("");
  // Each skip starts from a blank choice.
  const ref = useModalDialog(open, () => {
    setChoice(null);
    setText("");
  });

  const ready = choice !== null && (choice !== "other" || text.trim().length > 0);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="skip-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40"
    >
      {open ? (
        <form
          className="p-5"
          onSubmit={(event) => {
            event.preventDefault();
            const note = text.trim().replace(/\s+/g, " ");
            if (ready && choice) onSkip(note ? { reason: choice, note } : { reason: choice });
          }}
        >
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Skip this task
          </h2>
          <p className="mt-1 text-sm text-slate-500">It goes back to the queue for someone else; you won't see it again.</p>
          <fieldset className="mt-4 space-y-1.5">
            <legend className="sr-only">Reason</legend>
            {CHOICES.map((option) => (
              <label
                key={option.value}
                className="flex cursor-pointer items-start gap-2.5 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50/60"
              >
                <input
                  type="radio"
                  name="skip-reason"
                  value={option.value}
                  checked={choice === option.value}
                  onChange={() => setChoice(option.value)}
                  className="mt-0.5 accent-indigo-600"
                  data-testid={`skip-reason-${option.value}`}
                />
                <span>
                  <span className="font-medium text-slate-800">{option.label}</span>
                  <span className="block text-xs text-slate-500">{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <label className="mt-3 block text-sm font-medium text-slate-700" htmlFor={`${titleId}-text`}>
            {choice === "other" ? "Why?" : "Anything to add? (optional)"}
          </label>
          <Textarea
            id={`${titleId}-text`}
            data-testid="skip-text"
            rows={2}
            value={text}
            onChange={(event) => setText(event.target.value)}
            maxLength={400}
            className="mt-1"
          />
          {error ? <p className="mt-3 text-sm font-medium text-red-600">{error}</p> : null}
          <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" pending={pending} disabled={!ready} data-testid="skip-confirm">
              Skip task
            </Button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
