"use client";

import { type FormEvent, useEffect, useMemo, useState } from "react";
import type { POST } from "@/app/api/projects/[slug]/prompts/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import type { ResponseOf } from "@/lib/api/operation";
import { type LabelerPrompt, labelerPromptSchema, renderLabelerPrompt } from "@/lib/prompts/labeler-prompt";
import { type PromptOutcome, USE_CASE_LABELS, USE_CASES, type UseCase } from "@/lib/prompts/schema";
import { callApi, type FieldErrors, toFieldErrors } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";

type Kind = LabelerPrompt["kind"];
type Example = { query: string; response: string };
type Draft = { kind: Kind; category: UseCase | ""; text: string; instruction: string; examples: Example[]; query: string; useCase: string };

const KINDS: { kind: Kind; title: string; hint: string }[] = [
  { kind: "plain", title: "Plain", hint: "Any task you can think of, as diverse as you can." },
  { kind: "few_shot", title: "Few-shot", hint: "An instruction, then several query/response pairs that show it." },
  { kind: "user_based", title: "User-based", hint: "A prompt for a use case that a user described." },
];

const emptyDraft: Draft = {
  kind: "plain",
  category: "",
  text: "",
  instruction: "",
  examples: [
    { query: "", response: "" },
    { query: "", response: "" },
  ],
  query: "",
  useCase: "",
};

function toInput(draft: Draft): unknown {
  const category = draft.category || undefined;
  if (draft.kind === "few_shot") {
    return { kind: "few_shot", category, instruction: draft.instruction, examples: draft.examples, query: draft.query.trim() || undefined };
  }
  if (draft.kind === "user_based") return { kind: "user_based", category, use_case: draft.useCase, text: draft.text };
  return { kind: "plain", category, text: draft.text };
}

function outcomeMessage(outcome: PromptOutcome): { tone: "success" | "warning" | "error"; text: string } {
  const redacted = outcome.redactions.map((r) => `${r.count} ${r.type.toLowerCase().replace(/_/g, " ")}`).join(", ");
  const note = redacted ? ` Personal data was replaced with placeholders (${redacted}).` : "";
  switch (outcome.status) {
    case "accepted":
      return { tone: "success", text: `Prompt saved to the ${outcome.split} split.${note}` };
    case "duplicate":
      return { tone: "warning", text: "A prompt starting the same way already exists, so this one was not added. Try a different task." };
    case "quota_exceeded":
      return { tone: "warning", text: outcome.reason ?? "You have reached your prompt limit for this project." };
    default:
      return { tone: "error", text: outcome.reason ?? "The prompt was not accepted." };
  }
}

/** The labeler's prompt form; the draft is kept in this browser until it is submitted. */
export function WritePromptForm({ slug }: { slug: string }) {
  const storageKey = `ranklab:prompt-draft:${slug}`;
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ tone: "success" | "warning" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const saved = window.localStorage.getItem(storageKey);
    if (saved) {
      try {
        setDraft({ ...emptyDraft, ...(JSON.parse(saved) as Partial<Draft>) });
      } catch {}
    }
  }, [storageKey]);

  function update(patch: Partial<Draft>) {
    setDraft((current) => {
      const next = { ...current, ...patch };
      window.localStorage.setItem(storageKey, JSON.stringify(next));
      return next;
    });
  }

  const preview = useMemo(() => {
    const parsed = labelerPromptSchema.safeParse(toInput(draft));
    return parsed.success && parsed.data.kind === "few_shot" ? renderLabelerPrompt(parsed.data) : null;
  }, [draft]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    const parsed = labelerPromptSchema.safeParse(toInput(draft));
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setPending(true);
    const response = await callApi<ResponseOf<typeof POST>>(`/api/projects/${slug}/prompts`, { method: "POST", body: parsed.data });
    setPending(false);
    if (!response.ok) {
      setErrors(response.fieldErrors);
      setResult({ tone: "error", text: response.message });
      return;
    }
    setResult(outcomeMessage(response.data.result));
    if (response.data.result.status === "accepted") {
      const fresh = { ...emptyDraft, kind: draft.kind, category: draft.category };
      setDraft(fresh);
      window.localStorage.setItem(storageKey, JSON.stringify(fresh));
    }
  }

  const setExample = (index: number, patch: Partial<Example>) =>
    update({ examples: draft.examples.map((example, i) => (i === index ? { ...example, ...patch } : example)) });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Kind of prompt</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3" role="radiogroup">
          {KINDS.map(({ kind, title, hint }) => (
            <label
              key={kind}
              className={cn(
                "cursor-pointer rounded-lg border bg-white p-3 text-sm shadow-sm transition-colors",
                draft.kind === kind ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => update({ kind })}
                className="sr-only"
              />
              <span className="font-medium text-slate-900">{title}</span>
              <span className="mt-0.5 block text-xs text-slate-500">{hint}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <Field id="prompt-category" label="Use-case category" error={errors.category}>
        <Select
          id="prompt-category"
          value={draft.category}
          onChange={(event) => update({ category: event.target.value as UseCase })}
          invalid={!!errors.category}
          aria-describedby={describedBy("prompt-category", { error: errors.category })}
          wrapperClassName="sm:w-64"
        >
          <option value="">Choose a category…</option>
          {USE_CASES.map((useCase) => (
            <option key={useCase} value={useCase}>
              {USE_CASE_LABELS[useCase]}
            </option>
          ))}
        </Select>
      </Field>

      {draft.kind === "user_based" ? (
        <Field
          id="prompt-use-case"
          label="Use case"
          hint="What the user said they want to do, e.g. “summarise support tickets for my team”."
          error={errors.use_case}
        >
          <Textarea
            id="prompt-use-case"
            rows={3}
            value={draft.useCase}
            onChange={(event) => update({ useCase: event.target.value })}
            invalid={!!errors.use_case}
          />
        </Field>
      ) : null}

      {draft.kind === "few_shot" ? (
        <div className="space-y-4">
          <Field id="prompt-instruction" label="Instruction" error={errors.instruction}>
            <Textarea
              id="prompt-instruction"
              rows={3}
              value={draft.instruction}
              onChange={(event) => update({ instruction: event.target.value })}
              invalid={!!errors.instruction}
            />
          </Field>
          <ol className="space-y-3">
            {draft.examples.map((example, index) => (
              <li key={index} className="rounded-lg border border-slate-200 bg-slate-50/60 p-3" data-testid="few-shot-example">
                <div className="mb-2 flex items-center justify-between">
                  <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Example {index + 1}</span>
                  {draft.examples.length > 2 ? (
                    <Button variant="ghost" size="sm" onClick={() => update({ examples: draft.examples.filter((_, i) => i !== index) })}>
                      Remove
                    </Button>
                  ) : null}
                </div>
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field id={`example-${index}-query`} label={`Query ${index + 1}`} error={errors[`examples.${index}.query`]}>
                    <Textarea
                      id={`example-${index}-query`}
                      rows={2}
                      value={example.query}
                      onChange={(event) => setExample(index, { query: event.target.value })}
                    />
                  </Field>
                  <Field id={`example-${index}-response`} label={`Response ${index + 1}`} error={errors[`examples.${index}.response`]}>
                    <Textarea
                      id={`example-${index}-response`}
                      rows={2}
                      value={example.response}
                      onChange={(event) => setExample(index, { response: event.target.value })}
                    />
                  </Field>
                </div>
              </li>
            ))}
          </ol>
          {errors.examples ? <p className="text-sm text-red-600">{errors.examples}</p> : null}
          <Button
            variant="secondary"
            size="sm"
            onClick={() => update({ examples: [...draft.examples, { query: "", response: "" }] })}
            disabled={draft.examples.length >= 20}
          >
            Add example
          </Button>
          <Field id="prompt-final-query" label="Final query (optional)" hint="The query the model should answer after the examples.">
            <Textarea id="prompt-final-query" rows={2} value={draft.query} onChange={(event) => update({ query: event.target.value })} />
          </Field>
          {preview ? (
            <div>
              <p className="text-sm font-medium text-slate-900">What the model will see</p>
              <pre
                className="mt-1.5 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed whitespace-pre-wrap text-slate-100"
                data-testid="few-shot-preview"
              >
                {preview}
              </pre>
            </div>
          ) : null}
        </div>
      ) : (
        <Field id="prompt-text" label="Prompt" error={errors.text}>
          <Textarea
            id="prompt-text"
            rows={8}
            value={draft.text}
            onChange={(event) => update({ text: event.target.value })}
            invalid={!!errors.text}
          />
        </Field>
      )}

      {result ? (
        <Alert tone={result.tone} testId="prompt-result">
          {result.text}
        </Alert>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          Submit prompt
        </Button>
        <p className="text-xs text-slate-500">Personal data is removed before the prompt is stored. Your draft is kept in this browser.</p>
      </div>
    </form>
  );
}
