"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import type { PATCH } from "@/app/api/admin/projects/[slug]/settings/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import type { ResponseOf } from "@/lib/api/operation";
import { projectPromptSettingsSchema } from "@/lib/prompts/schema";
import { callApi, type FieldErrors, toFieldErrors } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { formatCount } from "@/lib/ui/format";

export type PromptSettingsValues = {
  dedupPrefixWords: number;
  promptQuota: number;
  maxPromptTokens: number;
  splitTrain: number;
  splitValid: number;
  splitTest: number;
  labelsPerTask: number;
  leaseMinutes: number;
  /** Whether model outputs are redacted before they are stored; prompts always are. */
  redactOutputs: boolean;
  /** Whether well-known public and fictional figures' names are left in prompts and outputs. */
  keepPublicFigures: boolean;
};

type Draft = Record<keyof PromptSettingsValues, string>;
type Saved = ResponseOf<typeof PATCH>;

const toDraft = (values: PromptSettingsValues): Draft =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)])) as Draft;

export function PromptSettingsForm({
  slug,
  initial,
  promptEstimate,
}: {
  slug: string;
  initial: PromptSettingsValues;
  promptEstimate: string;
}) {
  const router = useRouter();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(toDraft(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const splitTotal = [draft.splitTrain, draft.splitValid, draft.splitTest].reduce((sum, value) => sum + (Number(value) || 0), 0);
  const prefixChanged = Number(draft.dedupPrefixWords) !== saved.dedupPrefixWords;

  function set(key: keyof Draft, value: string) {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: "", ...(key.startsWith("split") ? { splitTrain: "" } : {}) }));
  }

  // Every numeric setting: a labelled field around a number input, with its error and hint.
  const numberField = (key: keyof Draft, label: string, limits: { min: number; max: number; suffix: string }, hint: ReactNode) => (
    <Field id={key} label={label} error={errors[key]} hint={hint}>
      <NumberInput id={key} value={draft[key]} onChange={(value) => set(key, value)} invalid={!!errors[key]} {...limits} />
    </Field>
  );

  const checkboxField = (key: "redactOutputs" | "keepPublicFigures", label: string, testId: string, hint: ReactNode) => (
    <div className="flex items-start gap-3">
      <input
        id={key}
        name={key}
        type="checkbox"
        checked={draft[key] === "true"}
        onChange={(event) => set(key, event.target.checked ? "true" : "false")}
        aria-describedby={`${key}-hint`}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
        data-testid={testId}
      />
      <div>
        <label htmlFor={key} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <p id={`${key}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      </div>
    </div>
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const parsed = projectPromptSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues));
      return;
    }
    // A new prefix length rebuilds the whole dedup index and holds ingestion meanwhile: ask first.
    if (prefixChanged) setConfirming(true);
    else void save();
  }

  async function save() {
    const parsed = projectPromptSettingsSchema.parse(draft);
    setPending(true);
    const result = await callApi<Saved>(`/api/admin/projects/${encodeURIComponent(slug)}/settings`, { method: "PATCH", body: parsed });
    setPending(false);
    setConfirming(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage({ tone: "error", text: result.message });
      return;
    }
    // The values sent, overlaid with what the server answers (it may leave some fields out).
    const settings = { ...saved, ...parsed, ...result.data.settings } as PromptSettingsValues;
    setSaved(settings);
    setDraft(toDraft(settings));
    const rebuild = result.data.dedupRebuild;
    setMessage({
      tone: "success",
      text: !result.data.changed.length
        ? "Nothing changed."
        : rebuild
          ? `Saved. The dedup index was rebuilt over ${formatCount(rebuild.prompts)} prompts; ${formatCount(rebuild.prompts - rebuild.keys)} now share their first ${settings.dedupPrefixWords} words with an older prompt.`
          : result.data.changed.every((field) => field === "labelsPerTask" || field === "leaseMinutes" || field === "redactOutputs")
            ? "Saved. New tasks and leases follow the new settings."
            : "Saved. New prompts follow the new settings.",
    });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {message ? (
        <Alert tone={message.tone} testId="settings-message">
          {message.text}
        </Alert>
      ) : null}

      <Section title="De-duplication">
        {numberField(
          "dedupPrefixWords",
          "Shared prefix that makes a duplicate (words)",
          { min: 3, max: 500, suffix: "words" },
          <>
            A new prompt whose first <strong>N</strong> words (case and spacing ignored) match a kept prompt&apos;s is dropped as a
            duplicate; prompts shorter than N words are duplicates only when equal. The default, <strong>20</strong>, is about two
            sentences: longer than a typical template&apos;s instruction (&ldquo;Write a product description for the following
            product:&rdquo; is 8 words), so prompts that only share a template stay apart, while re-sent prompts and few-shot prompts
            reusing the same examples collapse into one. Changing it rebuilds the index over all kept prompts (the oldest of a colliding
            group keeps its place); kept prompts are never removed.
          </>,
        )}
      </Section>

      <Section title="Limits">
        <div className="grid gap-5 sm:grid-cols-2">
          {numberField(
            "promptQuota",
            "Prompts per end-user ID",
            { min: 0, max: 1_000_000, suffix: "prompts" },
            <>
              The most prompts one end user (the <code className="font-mono">user_id</code> your application sends) can contribute; the
              paper used 200. Duplicates and rejected prompts do not count. Set exceptions on the{" "}
              <Link href={`/admin/projects/${slug}/quotas`} className="font-medium text-indigo-600 hover:text-indigo-500">
                Quotas
              </Link>{" "}
              tab.
            </>,
          )}
          {numberField(
            "maxPromptTokens",
            "Longest prompt (tokens)",
            { min: 1, max: 100_000, suffix: "tokens" },
            "Longer prompts are rejected, counted after redaction with GPT-3's tokenizer. The paper dropped prompts over about 1,000 tokens.",
          )}
        </div>
      </Section>

      <Section title="Train / validation / test split">
        <p className="text-xs text-slate-500">
          Prompts are split <strong>by end user</strong>, so no user&apos;s prompts appear in two splits. New proportions apply to{" "}
          <strong>new end users only</strong>: every existing end user keeps the split they were given, and so do their future prompts.
        </p>
        <fieldset aria-describedby={errors.splitTrain ? "split-error" : "split-total"}>
          <legend className="sr-only">Split proportions in percent</legend>
          <div className="grid grid-cols-3 gap-3">
            {(
              [
                ["splitTrain", "Train"],
                ["splitValid", "Validation"],
                ["splitTest", "Test"],
              ] as const
            ).map(([key, label]) => (
              <div key={key} className="space-y-1.5">
                <label htmlFor={key} className="block text-sm font-medium text-slate-700">
                  {label}
                </label>
                <NumberInput
                  id={key}
                  value={draft[key]}
                  onChange={(value) => set(key, value)}
                  invalid={!!errors.splitTrain || !!errors[key]}
                  min={0}
                  max={100}
                  suffix="%"
                  inField={false}
                />
              </div>
            ))}
          </div>
          <SplitBar train={Number(draft.splitTrain) || 0} valid={Number(draft.splitValid) || 0} test={Number(draft.splitTest) || 0} />
          <p
            id="split-total"
            className={cn("mt-1 text-xs tabular-nums", splitTotal === 100 ? "text-slate-500" : "font-medium text-red-600")}
          >
            Total {splitTotal}%{splitTotal === 100 ? "" : " — the three must add up to 100."}
          </p>
          <FieldError id="split-error" message={errors.splitTrain || errors.splitValid || errors.splitTest} />
        </fieldset>
      </Section>

      <Section title="Labeling">
        <div className="grid gap-5 sm:grid-cols-2">
          {numberField(
            "labelsPerTask",
            "Labels per task",
            { min: 1, max: 20, suffix: "labelers" },
            <>
              How many <strong>different labelers</strong> complete each ranking task. Applies to tasks created from now on; existing tasks
              keep the number they were made with. Demonstrations ask for their own number when you request them.
            </>,
          )}
          {numberField(
            "leaseMinutes",
            "Lease length",
            { min: 1, max: 1440, suffix: "minutes" },
            "How long a labeler holds a task before it returns to the pool for someone else. Applies to leases taken from now on; an answer sent late still counts if nobody took the task meanwhile.",
          )}
        </div>
      </Section>

      <Section title="Redaction">
        {checkboxField(
          "redactOutputs",
          "Redact model outputs",
          "redact-outputs",
          <>
            Personal data in model outputs is replaced with placeholders (<code className="font-mono">&lt;PERSON_1&gt;</code>) before they
            are stored, as it always is in prompts. Turn this off when your models never see personal data and labelers should judge outputs
            exactly as the models wrote them: outputs are then stored as sent (their metadata is still redacted). Applies to tasks created
            from now on; each task&apos;s page shows what was replaced.
          </>,
        )}
        {checkboxField(
          "keepPublicFigures",
          "Keep the names of well-known public figures",
          "keep-public-figures",
          <>
            Off, every name is redacted: &ldquo;a poem about Abraham Lincoln&rdquo; is stored as &ldquo;a poem about{" "}
            <code className="font-mono">&lt;PERSON_1&gt;</code>&rdquo;. On, the names of famous people and fictional characters (presidents,
            scientists, writers, artists, athletes, Sherlock Holmes) stay, in prompts and in redacted outputs. The redactor cannot tell them
            from a private person of the same full name, so turn this on only when your prompts are about public life. Applies to prompts
            and tasks that come after saving.
          </>,
        )}
      </Section>

      <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
        <Button
          variant="secondary"
          onClick={() => {
            setDraft(toDraft(saved));
            setErrors({});
            setMessage(null);
          }}
          disabled={pending}
        >
          Reset
        </Button>
        <Button type="submit" pending={pending} data-testid="settings-submit">
          Save settings
        </Button>
      </div>

      <ConfirmDialog
        open={confirming}
        title="Rebuild the dedup index?"
        confirmLabel="Save and rebuild"
        tone="primary"
        pending={pending}
        onConfirm={() => void save()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Changing the prefix from {saved.dedupPrefixWords} to {draft.dedupPrefixWords} words recomputes the dedup key of every kept prompt
          ({promptEstimate}). Incoming prompts wait until it is done; at a million prompts that takes a minute or two.
        </p>
      </ConfirmDialog>
    </form>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function NumberInput({
  id,
  value,
  onChange,
  invalid,
  min,
  max,
  suffix,
  inField = true,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  min: number;
  max: number;
  suffix: string;
  inField?: boolean;
}) {
  return (
    <div className="flex max-w-[14rem] rounded-md shadow-sm">
      <Input
        id={id}
        name={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        invalid={invalid}
        // Inside a <Field> the hint or error describes the input; the split inputs share their fieldset's.
        aria-describedby={inField ? describedBy(id, { hint: true, error: invalid ? "x" : undefined }) : undefined}
        className="rounded-r-none tabular-nums shadow-none"
      />
      <span className="inline-flex items-center rounded-r-md border border-l-0 border-slate-300 bg-slate-50 px-2.5 text-xs text-slate-500">
        {suffix}
      </span>
    </div>
  );
}

function SplitBar({ train, valid, test }: { train: number; valid: number; test: number }) {
  const total = Math.max(train + valid + test, 1);
  return (
    <div className="mt-3 flex h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
      <div className="bg-indigo-500" style={{ width: `${(train / total) * 100}%` }} />
      <div className="bg-amber-400" style={{ width: `${(valid / total) * 100}%` }} />
      <div className="bg-emerald-500" style={{ width: `${(test / total) * 100}%` }} />
    </div>
  );
}
