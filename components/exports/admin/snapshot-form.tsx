"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import type { POST } from "@/app/api/admin/projects/[slug]/snapshots/route";
import { FormatOptions, SplitOptions } from "@/components/exports/admin/format-options";
import { SnapshotFiles } from "@/components/exports/admin/snapshot-files";
import { orderedSplits } from "@/components/exports/admin/snapshot-list";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { ResponseOf } from "@/lib/api/operation";
import type { SnapshotManifest } from "@/lib/exports/snapshots";
import { callApi, type FieldErrors } from "@/lib/ui/api";
import { formatCount, formatDateTime } from "@/lib/ui/format";

/** Freezes an export under a name (POST /api/admin/projects/{slug}/snapshots) and shows its manifest. */
export function SnapshotForm({
  slug,
  base,
  formats,
  splits,
  initial,
}: {
  slug: string;
  base: string;
  formats: Record<string, readonly string[]>;
  splits: readonly string[];
  initial: { dataset: string; format: string };
}) {
  const router = useRouter();
  const [view, setView] = useState(`${initial.dataset}:${initial.format}`);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [manifest, setManifest] = useState<SnapshotManifest | null>(null);
  const [dataset, format] = view.split(":") as [string, string];
  const pairFormat = dataset === "comparisons" && format !== "batches" && format !== "consensus";
  const comparisons = dataset === "comparisons";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const model = String(data.get("model") ?? "").trim();
    const split = String(data.get("split") ?? "");
    setPending(true);
    setErrors({});
    setMessage(null);
    const result = await callApi<ResponseOf<typeof POST>>(`/api/admin/projects/${encodeURIComponent(slug)}/snapshots`, {
      method: "POST",
      body: {
        name: String(data.get("name") ?? "").trim(),
        dataset,
        format,
        ...(split ? { split } : {}),
        ...(model ? { model } : {}),
        ...(pairFormat && data.get("ties") === "include" ? { ties: "include" } : {}),
        ...(comparisons && data.get("gold") === "include" ? { gold: "include" } : {}),
        ...(comparisons && data.get("labelers") === "all" ? { labelers: "all" } : {}),
      },
    });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
      setManifest(null);
      return;
    }
    setManifest(result.data.snapshot);
    router.refresh();
  }

  const nameError = errors.name;
  const nameHint = "Lowercase letters, digits, dots, dashes, underscores; it cannot be reused.";

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="snapshot-name" label="Name" hint={nameHint} error={nameError}>
          <Input
            id="snapshot-name"
            name="name"
            required
            maxLength={80}
            autoComplete="off"
            placeholder="rm-2026-11-v1"
            data-testid="snapshot-name"
            invalid={!!nameError}
            aria-describedby={describedBy("snapshot-name", { hint: nameHint, error: nameError })}
            className="font-mono"
          />
        </Field>
        <Field id="snapshot-view" label="Dataset and format" error={errors.format ?? errors.dataset}>
          <Select id="snapshot-view" value={view} onChange={(event) => setView(event.target.value)} data-testid="snapshot-format">
            <FormatOptions formats={formats} />
          </Select>
        </Field>
        <Field id="snapshot-split" label="Split" hint="All splits makes one file per split." error={errors.split}>
          <Select id="snapshot-split" name="split" defaultValue="">
            <SplitOptions splits={splits} />
          </Select>
        </Field>
        <Field
          id="snapshot-model"
          label="Model (optional)"
          hint={dataset === "comparisons" ? "Only pairs with an output of this model." : "Applies to comparisons only."}
          error={errors.model}
        >
          <Input
            id="snapshot-model"
            name="model"
            maxLength={200}
            autoComplete="off"
            disabled={dataset !== "comparisons"}
            placeholder="e.g. sft-1.3b"
          />
        </Field>
        <div className="flex flex-col gap-3 sm:col-span-2 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-6 lg:col-span-4">
          <FilterToggle name="ties" value="include" enabled={pairFormat}>
            Include tied pairs (marked <code className="font-mono text-xs">tie: true</code>)
          </FilterToggle>
          <FilterToggle name="gold" value="include" enabled={comparisons}>
            Include gold tasks
          </FilterToggle>
          <FilterToggle name="labelers" value="all" enabled={comparisons}>
            Include blocked and screened-out labelers
          </FilterToggle>
          <Button type="submit" pending={pending} data-testid="snapshot-submit" className="sm:ml-auto">
            {pending ? "Freezing…" : "Create snapshot"}
          </Button>
        </div>
      </form>

      {message && !manifest ? <Alert tone="error">{message}</Alert> : null}

      {manifest ? (
        <div className="space-y-3" data-testid="snapshot-manifest">
          <Alert tone="success" title={`Snapshot "${manifest.name}" created`}>
            {manifest.dataset} · {manifest.format} · {formatDateTime(manifest.created_at)} ·{" "}
            {orderedSplits(manifest.records_per_split)
              .map(([split, records]) => `${split} ${formatCount(records)}`)
              .join(" · ")}{" "}
            records. The files below need an API key with <code className="font-mono text-xs">export:read</code>: use the curl line of each
            (the dataset card also opens here).
          </Alert>
          <SnapshotFiles base={base} slug={slug} snapshot={manifest.name} files={manifest.files} card={manifest.card} />
        </div>
      ) : null}
    </div>
  );
}

/** A checkbox that sends `value` under `name` when ticked; greyed out where the filter does not apply. */
function FilterToggle({ name, value, enabled, children }: { name: string; value: string; enabled: boolean; children: ReactNode }) {
  return (
    <label className={`flex items-center gap-2 text-sm ${enabled ? "text-slate-700" : "text-slate-400"}`}>
      <input
        type="checkbox"
        name={name}
        value={value}
        disabled={!enabled}
        className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
      />
      {children}
    </label>
  );
}
