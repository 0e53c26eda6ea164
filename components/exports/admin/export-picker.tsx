"use client";

import { usePathname, useRouter } from "next/navigation";
import { type FormEvent, useTransition } from "react";
import { FormatOptions, SplitOptions } from "@/components/exports/admin/format-options";
import { Select } from "@/components/ui/input";

export type ExportChoice = { dataset: string; format: string; split: string; ties: "include" | "exclude" };

/**
 * Which export the preview and the snippets show. A GET form, so it works before hydration; once
 * hydrated every change navigates at once (the server renders the preview for the new choice).
 */
export function ExportPicker({
  formats,
  splits,
  value,
}: {
  formats: Record<string, readonly string[]>;
  splits: readonly string[];
  value: ExportChoice;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const pairFormat = value.dataset === "comparisons" && value.format !== "batches";

  function go(form: HTMLFormElement) {
    const data = new FormData(form);
    const [dataset, format] = String(data.get("view") ?? "").split(":");
    const params = new URLSearchParams();
    if (dataset) params.set("dataset", dataset);
    if (format) params.set("format", format);
    const split = String(data.get("split") ?? "");
    if (split) params.set("split", split);
    if (data.get("ties") === "include") params.set("ties", "include");
    startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    go(event.currentTarget);
  }

  return (
    <form
      method="get"
      onSubmit={onSubmit}
      onChange={(event) => go(event.currentTarget)}
      aria-busy={pending || undefined}
      className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
    >
      <div className="min-w-0 space-y-1.5 sm:w-80">
        <label htmlFor="export-view" className="block text-sm font-medium text-slate-700">
          Dataset and format
        </label>
        <Select id="export-view" name="view" defaultValue={`${value.dataset}:${value.format}`} data-testid="export-format">
          <FormatOptions formats={formats} />
        </Select>
      </div>
      <div className="space-y-1.5 sm:w-36">
        <label htmlFor="export-split" className="block text-sm font-medium text-slate-700">
          Split
        </label>
        <Select id="export-split" name="split" defaultValue={value.split} data-testid="export-split">
          <SplitOptions splits={splits} />
        </Select>
      </div>
      <label className={`flex h-9 items-center gap-2 text-sm ${pairFormat ? "text-slate-700" : "text-slate-400"}`}>
        <input
          type="checkbox"
          name="ties"
          value="include"
          defaultChecked={value.ties === "include"}
          disabled={!pairFormat}
          className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
        />
        Include tied pairs
      </label>
      <noscript>
        <button type="submit" className="h-9 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white">
          Show
        </button>
      </noscript>
      {pending ? (
        <span className="flex h-9 items-center text-xs text-slate-500" aria-live="polite">
          Loading…
        </span>
      ) : null}
    </form>
  );
}
