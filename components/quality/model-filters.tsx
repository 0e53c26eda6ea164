"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PATCH } from "@/app/api/admin/projects/[slug]/quality-settings/route";
import { SPLIT_LABELS } from "@/components/quality/labels";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { hrefWith } from "@/components/ui/pager";
import type { ResponseOf } from "@/lib/api/operation";
import { callApi } from "@/lib/ui/api";

/**
 * The Models page's baseline and split, kept in the URL (a plain GET form without JavaScript); a
 * baseline other than the project's can be saved as the project's, which the API uses by default.
 */
export function ModelFilters({
  slug,
  models,
  baseline,
  savedBaseline,
  split,
}: {
  slug: string;
  models: string[];
  baseline: string | null;
  savedBaseline: string | null;
  split: string | null;
}) {
  const router = useRouter();
  const basePath = `/admin/projects/${slug}/models`;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function go(next: { baseline?: string | null; split?: string | null }) {
    const merged = { baseline, split, ...next };
    router.push(hrefWith(basePath, { baseline: merged.baseline === savedBaseline ? null : merged.baseline, split: merged.split }));
  }

  async function saveBaseline() {
    setPending(true);
    setError(null);
    const result = await callApi<ResponseOf<typeof PATCH>>(`/api/admin/projects/${encodeURIComponent(slug)}/quality-settings`, {
      method: "PATCH",
      body: { baseline_model: baseline },
    });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    router.push(hrefWith(basePath, { split }));
    router.refresh();
  }

  const options = baseline && !models.includes(baseline) ? [baseline, ...models] : models;
  return (
    <form method="get" action={basePath} role="search" aria-label="Choose the baseline and split" className="space-y-2">
      <div className="grid grid-cols-1 items-end gap-3 sm:flex">
        <div className="space-y-1 sm:w-72">
          <Label htmlFor="model-baseline" className="text-xs">
            Baseline
          </Label>
          <Select
            id="model-baseline"
            name="baseline"
            value={baseline ?? ""}
            onChange={(event) => go({ baseline: event.target.value || null })}
            data-testid="model-baseline"
          >
            {baseline ? null : <option value="">Choose a model…</option>}
            {options.map((model) => (
              <option key={model} value={model}>
                {model}
                {model === savedBaseline ? " (project baseline)" : ""}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1 sm:w-48">
          <Label htmlFor="model-split" className="text-xs">
            Prompts
          </Label>
          <Select
            id="model-split"
            name="split"
            value={split ?? ""}
            onChange={(event) => go({ split: event.target.value || null })}
            data-testid="model-split"
          >
            <option value="">All splits</option>
            {Object.entries(SPLIT_LABELS).map(([key, text]) => (
              <option key={key} value={key}>
                {text}
                {key === "test" ? " (held-out users)" : ""}
              </option>
            ))}
          </Select>
        </div>
        <noscript>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </noscript>
        {baseline && baseline !== savedBaseline ? (
          <Button variant="secondary" onClick={() => void saveBaseline()} pending={pending} data-testid="save-baseline">
            Make it the project&apos;s baseline
          </Button>
        ) : null}
      </div>
      {error ? <p className="text-sm font-medium text-red-600">{error}</p> : null}
    </form>
  );
}
