"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { POST } from "@/app/api/admin/projects/[slug]/demonstrations/route";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import type { ResponseOf } from "@/lib/api/operation";
import { callApi, type FieldErrors } from "@/lib/ui/api";
import { cn } from "@/lib/ui/cn";
import { formatCount } from "@/lib/ui/format";

type Mode = "chosen" | "newest";
type Answer = ResponseOf<typeof POST>;

// The server validates with requestDemonstrationsSchema (lib/labeling/import.ts) and names the
// field at fault; the form only shapes the input.
export function DemonstrationForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("newest");
  const [ids, setIds] = useState("");
  const [newest, setNewest] = useState("20");
  const [labels, setLabels] = useState("1");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  const pasted = ids
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    setErrors({});
    if (mode === "chosen" && !pasted.length) {
      setErrors({ prompt_ids: "Paste at least one prompt ID." });
      return;
    }
    setPending(true);
    const body = mode === "chosen" ? { prompt_ids: pasted, labels } : { newest, labels };
    const result = await callApi<Answer>(`/api/admin/projects/${encodeURIComponent(slug)}/demonstrations`, { method: "POST", body });
    setPending(false);
    if (!result.ok) {
      // Issues name "prompt_ids.3" for one bad ID; show them on the field.
      const fieldErrors: FieldErrors = {};
      for (const [path, text] of Object.entries(result.fieldErrors)) {
        const key = path.split(".")[0]!;
        if (!fieldErrors[key]) fieldErrors[key] = text;
      }
      setErrors(fieldErrors);
      setMessage({ tone: "error", text: result.message });
      return;
    }
    const n = result.data.created;
    setMessage(
      n
        ? {
            tone: "success",
            text: `Created ${formatCount(n)} demonstration ${n === 1 ? "task" : "tasks"}, each for ${labels} ${labels === "1" ? "labeler" : "different labelers"}.`,
          }
        : { tone: "info", text: "Every active prompt already has a demonstration task: nothing to create." },
    );
    if (mode === "chosen") setIds("");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="demonstration-form">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Which prompts</legend>
        <div className="mt-1.5 grid grid-cols-2 gap-1 rounded-md bg-slate-100 p-1 text-sm">
          {(
            [
              ["newest", "Newest without one"],
              ["chosen", "Paste prompt IDs"],
            ] as const
          ).map(([value, label]) => (
            <label
              key={value}
              className={cn(
                "cursor-pointer rounded px-2 py-1.5 text-center font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600",
                mode === value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
              )}
            >
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => {
                  setMode(value);
                  setErrors({});
                }}
                className="sr-only"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      {mode === "newest" ? (
        <Field
          id="demo-newest"
          label="How many prompts"
          error={errors.newest || errors.prompt_ids}
          hint="The newest active prompts that have no demonstration task yet, up to this many (at most 1,000)."
        >
          <Input
            id="demo-newest"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            value={newest}
            onChange={(event) => setNewest(event.target.value)}
            invalid={!!(errors.newest || errors.prompt_ids)}
            aria-describedby={errors.newest || errors.prompt_ids ? "demo-newest-error" : "demo-newest-hint"}
            className="max-w-[10rem] tabular-nums"
          />
        </Field>
      ) : (
        <Field
          id="demo-ids"
          label="Prompt IDs"
          error={errors.prompt_ids}
          hint={
            pasted.length
              ? `${formatCount(pasted.length)} ${pasted.length === 1 ? "ID" : "IDs"} (at most 1,000; repeated IDs count once).`
              : "One per line, as shown on the Prompts tab or returned by the API."
          }
        >
          <Textarea
            id="demo-ids"
            rows={5}
            value={ids}
            onChange={(event) => setIds(event.target.value)}
            invalid={!!errors.prompt_ids}
            spellCheck={false}
            aria-describedby={errors.prompt_ids ? "demo-ids-error" : "demo-ids-hint"}
            className="font-mono text-xs"
            placeholder={"cmabc123…\ncmdef456…"}
          />
        </Field>
      )}

      <Field
        id="demo-labels"
        label="Demonstrations per prompt"
        error={errors.labels}
        hint="How many different labelers write a response to each prompt (1 to 20)."
      >
        <Input
          id="demo-labels"
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          value={labels}
          onChange={(event) => setLabels(event.target.value)}
          invalid={!!errors.labels}
          aria-describedby={errors.labels ? "demo-labels-error" : "demo-labels-hint"}
          className="max-w-[10rem] tabular-nums"
        />
      </Field>

      {message ? (
        <Alert tone={message.tone} testId="demonstration-message">
          {message.text}
        </Alert>
      ) : null}
      <Button type="submit" pending={pending} data-testid="demonstration-submit">
        Ask for demonstrations
      </Button>
    </form>
  );
}
