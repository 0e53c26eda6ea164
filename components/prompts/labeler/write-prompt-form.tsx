"use client";

import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import type { POST } from "@/app/api/projects/[slug]/prompts/route";
import {
  addSystemTurn,
  addTurn,
  type DraftTurn,
  hasTurnErrors,
  readDraftTurns,
  removeTurn,
  setTurnContent,
  setTurnRole,
  startConversation,
  type TurnErrors,
  type TurnRole,
  toMessages,
  turnErrors,
} from "@/components/prompts/labeler/conversation-turns";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Select, Textarea } from "@/components/ui/input";
import type { ResponseOf } from "@/lib/api/operation";
import { type LabelerPrompt, labelerPromptSchema, MAX_LABELER_TURNS, renderLabelerPrompt } from "@/lib/prompts/labeler-prompt";
import { type PromptOutcome, USE_CASE_LABELS, USE_CASES, type UseCase } from "@/lib/prompts/schema";
import { callApi, type FieldErrors, toFieldErrors } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";

type Kind = LabelerPrompt["kind"];
type Example = { query: string; response: string };
type Format = "text" | "conversation";
type Draft = {
  kind: Kind;
  category: UseCase | "";
  text: string;
  instruction: string;
  examples: Example[];
  query: string;
  useCase: string;
  /** A plain or user-based prompt is one message, or a conversation of turns ending on the user. */
  format: Format;
  turns: DraftTurn[];
};

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
  format: "text",
  turns: [],
};

const isConversation = (draft: Draft) => draft.kind !== "few_shot" && draft.format === "conversation";

function toInput(draft: Draft): unknown {
  const category = draft.category || undefined;
  if (draft.kind === "few_shot") {
    return { kind: "few_shot", category, instruction: draft.instruction, examples: draft.examples, query: draft.query.trim() || undefined };
  }
  const body = isConversation(draft) ? { messages: toMessages(draft.turns) } : { text: draft.text };
  if (draft.kind === "user_based") return { kind: "user_based", category, use_case: draft.useCase, ...body };
  return { kind: "plain", category, ...body };
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
        const stored = JSON.parse(saved) as Partial<Draft>;
        const turns = readDraftTurns(stored.turns);
        setDraft({ ...emptyDraft, ...stored, turns, format: stored.format === "conversation" && turns.length ? "conversation" : "text" });
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
    if (isConversation(draft)) {
      setTurnsChecked(true);
      if (hasTurnErrors(turnErrors(draft.turns))) {
        setErrors({});
        // Straight to the first thing to fix, so a keyboard user does not hunt for it.
        const problems = turnErrors(draft.turns);
        const first = Object.keys(problems.turns)
          .map(Number)
          .sort((a, b) => a - b)[0];
        focusLater(first != null ? `turn-${first}-text` : `turn-${draft.turns.length - 1}-role`);
        return;
      }
    }
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
      const fresh: Draft = {
        ...emptyDraft,
        kind: draft.kind,
        category: draft.category,
        format: draft.format,
        turns: isConversation(draft) ? startConversation("") : [],
      };
      setTurnsChecked(false);
      setDraft(fresh);
      window.localStorage.setItem(storageKey, JSON.stringify(fresh));
    }
  }

  // Turn problems show once the labeler tries to submit, then follow their edits.
  const [turnsChecked, setTurnsChecked] = useState(false);
  const shownTurnErrors: TurnErrors = useMemo(() => {
    const local = turnsChecked ? turnErrors(draft.turns) : { turns: {} };
    // The server's word on a turn (e.g. too long) where the form found nothing wrong.
    const turns = { ...local.turns };
    draft.turns.forEach((_, i) => {
      const server = errors[`messages.${i}.content`] ?? errors[`messages.${i}.role`] ?? errors[`messages.${i}`];
      if (server && !turns[i]) turns[i] = server;
    });
    return { list: local.list ?? errors.messages, turns };
  }, [turnsChecked, draft.turns, errors]);
  const pendingFocus = useRef<string | null>(null);
  const focusLater = (id: string) => {
    pendingFocus.current = id;
    requestAnimationFrame(() => {
      if (pendingFocus.current === id) document.getElementById(id)?.focus();
      pendingFocus.current = null;
    });
  };
  const setTurns = (turns: DraftTurn[]) => update({ turns });
  const setFormat = (format: Format) => {
    if (format === draft.format) return;
    if (format === "conversation") {
      update({ format, turns: draft.turns.length ? draft.turns : startConversation(draft.text) });
    } else {
      // Back to one message: the first user turn is kept as the text; the turns stay in the draft.
      const firstUser = draft.turns.find((turn) => turn.role === "user")?.content ?? "";
      update({ format, text: draft.text.trim() ? draft.text : firstUser });
    }
  };

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
        <div className="space-y-3">
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Format</legend>
            <div className="mt-1.5 inline-flex rounded-md bg-slate-100 p-0.5 text-sm" role="radiogroup" data-testid="prompt-format">
              {(
                [
                  ["text", "One message"],
                  ["conversation", "Conversation"],
                ] as const
              ).map(([format, title]) => (
                <label
                  key={format}
                  className={cn(
                    "cursor-pointer rounded px-3 py-1 font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600",
                    draft.format === format ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                  )}
                >
                  <input
                    type="radio"
                    name="prompt-format"
                    value={format}
                    checked={draft.format === format}
                    onChange={() => setFormat(format)}
                    className="sr-only"
                  />
                  {title}
                </label>
              ))}
            </div>
          </fieldset>
          {draft.format === "conversation" ? (
            <TurnsEditor turns={draft.turns} errors={shownTurnErrors} onChange={setTurns} onFocus={focusLater} />
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
        </div>
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

const ROLE_TITLES: Record<TurnRole, string> = { system: "System", user: "User", assistant: "Assistant" };
const ROLE_BAR: Record<TurnRole, string> = { system: "border-amber-400", user: "border-indigo-500", assistant: "border-emerald-500" };

/**
 * The turns of a conversation prompt, in order: each with its role (user or assistant; system only
 * as an optional first message) and text, added and removed with buttons. The model replies to
 * the last turn, so it must be the user's; the form says so under the list.
 */
function TurnsEditor({
  turns,
  errors,
  onChange,
  onFocus,
}: {
  turns: DraftTurn[];
  errors: TurnErrors;
  onChange: (turns: DraftTurn[]) => void;
  onFocus: (id: string) => void;
}) {
  const hasSystem = turns[0]?.role === "system";
  return (
    <fieldset className="space-y-3" data-testid="conversation-editor" aria-describedby="turns-hint">
      <legend className="text-sm font-medium text-slate-900">Conversation</legend>
      <p id="turns-hint" className="-mt-1 text-xs text-slate-500">
        Write the turns in order, as a user and an assistant would. The model answers the last turn, so it must be the user's.
      </p>
      <ol className="space-y-2.5">
        {turns.map((turn, index) => {
          const error = errors.turns[index];
          // The system message is no turn of the conversation: turns are numbered after it, as on the label screen.
          const number = hasSystem ? index : index + 1;
          return (
            <li
              key={turn.key}
              className={cn("rounded-r-md border-l-[3px] bg-slate-50/70 py-2 pr-3 pl-3", ROLE_BAR[turn.role])}
              data-testid="turn"
              data-role={turn.role}
            >
              <div className="mb-1.5 flex items-center gap-2">
                {turn.role === "system" ? (
                  <span className="text-xs font-semibold tracking-wide text-amber-800 uppercase">System message</span>
                ) : (
                  <>
                    <span className="text-xs font-semibold text-slate-500 tabular-nums">Turn {number}</span>
                    <label htmlFor={`turn-${index}-role`} className="sr-only">
                      Role of turn {number}
                    </label>
                    <Select
                      id={`turn-${index}-role`}
                      data-testid={`turn-${index}-role`}
                      value={turn.role}
                      onChange={(event) => onChange(setTurnRole(turns, index, event.target.value as TurnRole))}
                      invalid={!!errors.list && index === turns.length - 1}
                      aria-describedby={errors.list && index === turns.length - 1 ? "turns-error" : undefined}
                      wrapperClassName="w-32"
                      className="h-8 text-sm"
                    >
                      <option value="user">User</option>
                      <option value="assistant">Assistant</option>
                    </Select>
                  </>
                )}
                {turns.length > 1 ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    className="ml-auto"
                    data-testid={`turn-${index}-remove`}
                    aria-label={
                      turn.role === "system"
                        ? "Remove the system message"
                        : `Remove turn ${number} (${ROLE_TITLES[turn.role].toLowerCase()})`
                    }
                    onClick={() => {
                      onChange(removeTurn(turns, index));
                      onFocus(`turn-${Math.max(0, index - 1)}-text`);
                    }}
                  >
                    Remove
                  </Button>
                ) : null}
              </div>
              <label htmlFor={`turn-${index}-text`} className="sr-only">
                {turn.role === "system" ? "The system message" : `Turn ${number}, ${ROLE_TITLES[turn.role].toLowerCase()}`}
              </label>
              <Textarea
                id={`turn-${index}-text`}
                data-testid={`turn-${index}-text`}
                rows={turn.role === "assistant" ? 4 : 3}
                value={turn.content}
                onChange={(event) => onChange(setTurnContent(turns, index, event.target.value))}
                invalid={!!error}
                aria-describedby={error ? `turn-${index}-error` : undefined}
                placeholder={
                  turn.role === "system"
                    ? "Instructions the assistant follows throughout, e.g. “You are a concise travel agent.”"
                    : turn.role === "assistant"
                      ? "What the assistant said…"
                      : "What the user said…"
                }
              />
              <FieldError id={`turn-${index}-error`} message={error} />
            </li>
          );
        })}
      </ol>
      {errors.list ? (
        <p id="turns-error" role="alert" className="text-sm font-medium text-red-600" data-testid="turns-error">
          {errors.list}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          data-testid="add-turn"
          disabled={turns.length >= MAX_LABELER_TURNS}
          onClick={() => {
            const next = addTurn(turns);
            onChange(next);
            onFocus(`turn-${next.length - 1}-text`);
          }}
        >
          Add {turns.at(-1)?.role === "user" ? "assistant" : "user"} turn
        </Button>
        {hasSystem ? null : (
          <Button
            variant="ghost"
            size="sm"
            data-testid="add-system-turn"
            onClick={() => {
              onChange(addSystemTurn(turns));
              onFocus("turn-0-text");
            }}
          >
            Add a system message first
          </Button>
        )}
      </div>
    </fieldset>
  );
}
