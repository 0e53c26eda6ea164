"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import type { PATCH } from "@/app/api/admin/projects/[slug]/quality-settings/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ResponseOf } from "@/lib/api/operation";
import { callApi, type FieldErrors } from "@/lib/ui/api";

export type QualitySettingsValues = {
  gold_rate: number;
  gold_min_answered: number;
  gold_warn_below: number;
  gold_block_below: number;
  screening_tasks: number;
  screening_pass: number;
};

type Key = keyof QualitySettingsValues;
type Draft = Record<Key, string>;

// Shares are edited as whole percentages; counts as they are.
const SHARES = new Set<Key>(["gold_rate", "gold_warn_below", "gold_block_below", "screening_pass"]);
const LIMITS: Record<Key, { min: number; max: number; suffix: string }> = {
  gold_rate: { min: 0, max: 100, suffix: "%" },
  gold_min_answered: { min: 1, max: 10_000, suffix: "answers" },
  gold_warn_below: { min: 0, max: 100, suffix: "%" },
  gold_block_below: { min: 0, max: 100, suffix: "%" },
  screening_tasks: { min: 0, max: 100, suffix: "tasks" },
  screening_pass: { min: 0, max: 100, suffix: "%" },
};

const toDraft = (values: QualitySettingsValues): Draft =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, String(SHARES.has(key as Key) ? Math.round(value * 1000) / 10 : value)]),
  ) as Draft;

/** The draft as the API's values, or the fields that are not numbers in range. */
function parseDraft(draft: Draft): { values: QualitySettingsValues } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const values = {} as QualitySettingsValues;
  for (const key of Object.keys(LIMITS) as Key[]) {
    const { min, max, suffix } = LIMITS[key];
    const number = Number(draft[key]);
    if (draft[key].trim() === "" || !Number.isFinite(number) || number < min || number > max) {
      errors[key] = `Enter a number from ${min} to ${max.toLocaleString("en-US")}${suffix === "%" ? "%" : ""}.`;
    } else if (!SHARES.has(key) && !Number.isInteger(number)) {
      errors[key] = "Enter a whole number.";
    } else {
      values[key] = SHARES.has(key) ? Math.round(number * 10) / 1000 : number;
    }
  }
  if (!errors.gold_warn_below && !errors.gold_block_below && values.gold_warn_below < values.gold_block_below) {
    errors.gold_warn_below = "The warning bar must be at or above the blocking bar.";
  }
  return Object.keys(errors).length ? { errors } : { values };
}

/** Gold tasks and screening: how many, and the accuracy bars that warn, block and pass. */
export function QualitySettingsForm({ slug, initial }: { slug: string; initial: QualitySettingsValues }) {
  const router = useRouter();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(toDraft(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  function set(key: Key, value: string) {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: "" }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const parsed = parseDraft(draft);
    if ("errors" in parsed) {
      setErrors(parsed.errors);
      return;
    }
    const changed = Object.fromEntries(Object.entries(parsed.values).filter(([key, value]) => saved[key as Key] !== value));
    if (!Object.keys(changed).length) {
      setMessage({ tone: "success", text: "Nothing changed." });
      return;
    }
    setPending(true);
    const result = await callApi<ResponseOf<typeof PATCH>>(`/api/admin/projects/${encodeURIComponent(slug)}/quality-settings`, {
      method: "PATCH",
      body: changed,
    });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage({ tone: "error", text: result.message });
      return;
    }
    const settings = { ...saved, ...result.data.settings } as QualitySettingsValues;
    setSaved(settings);
    setDraft(toDraft(settings));
    setMessage({ tone: "success", text: "Saved. The queue and the next gold answers follow the new settings." });
    router.refresh();
  }

  const field = (key: Key, label: string, hint: ReactNode) => (
    <Field id={`quality-${key}`} label={label} error={errors[key]} hint={hint}>
      <div className="flex max-w-[12rem] rounded-md shadow-sm">
        <Input
          id={`quality-${key}`}
          name={key}
          type="number"
          inputMode="decimal"
          min={LIMITS[key].min}
          max={LIMITS[key].max}
          step={SHARES.has(key) ? 0.1 : 1}
          value={draft[key]}
          onChange={(event) => set(key, event.target.value)}
          invalid={!!errors[key]}
          aria-describedby={describedBy(`quality-${key}`, { hint, error: errors[key] })}
          className="rounded-r-none tabular-nums shadow-none"
          data-testid={`quality-${key}`}
        />
        <span className="inline-flex items-center rounded-r-md border border-l-0 border-slate-300 bg-slate-50 px-2.5 text-xs text-slate-500">
          {LIMITS[key].suffix}
        </span>
      </div>
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="quality-settings-form">
      {message ? (
        <Alert tone={message.tone} testId="quality-settings-message">
          {message.text}
        </Alert>
      ) : null}
      <section className="space-y-3">
        <h3 className="text-sm font-semibold text-slate-900">Gold tasks</h3>
        <div className="grid gap-5 sm:grid-cols-2">
          {field(
            "gold_rate",
            "Share of the queue",
            "How often a labeler's next task is a gold task they have not had yet. Labelers cannot tell them apart.",
          )}
          {field(
            "gold_min_answered",
            "Answers before acting",
            "Gold answers a labeler gives before their accuracy can warn or block them: a few unlucky answers should not.",
          )}
          {field(
            "gold_warn_below",
            "Warn below",
            "Accuracy on gold pairs under which a labeler is warned. They keep working and see the warning.",
          )}
          {field(
            "gold_block_below",
            "Block below",
            "Accuracy under which a labeler is blocked: they get no more tasks until an admin reinstates them.",
          )}
        </div>
      </section>
      <section className="space-y-3">
        <h3 className="text-sm font-semibold text-slate-900">Screening test</h3>
        <div className="grid gap-5 sm:grid-cols-2">
          {field(
            "screening_tasks",
            "Screening tasks",
            "Gold tasks a new labeler answers before any real work; 0 turns screening off. The paper screened labelers this way.",
          )}
          {field(
            "screening_pass",
            "Pass mark",
            "Accuracy needed on the screening tasks. The paper's labelers agreed with researchers about 75% of the time.",
          )}
        </div>
      </section>
      <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setDraft(toDraft(saved));
            setErrors({});
            setMessage(null);
          }}
        >
          Reset
        </Button>
        <Button type="submit" pending={pending} data-testid="quality-settings-submit">
          Save settings
        </Button>
      </div>
    </form>
  );
}
