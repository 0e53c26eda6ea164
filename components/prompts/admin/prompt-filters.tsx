"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { SOURCE_LABELS, SPLIT_LABELS, STATUS_LABELS, USE_CASE_LABELS } from "@/components/prompts/admin/labels";
import { buttonClasses } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { PromptFilters } from "@/lib/prompts/queries";
import { USE_CASES } from "@/lib/prompts/schema";

// A plain GET form: the filters live in the URL, so a filtered page can be shared or bookmarked,
// and it works before any JavaScript has loaded. Applying starts again from the newest prompt.
export function PromptFilterForm({ basePath, filters }: { basePath: string; filters: PromptFilters }) {
  const router = useRouter();
  // With JavaScript, the "All" (empty) fields are left out of the URL.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget))
      if (typeof value === "string" && value.trim()) params.set(key, value.trim());
    router.push(params.size ? `${basePath}?${params}` : basePath);
  }
  const active = !!(filters.q || filters.split || filters.source || filters.category || filters.status);
  return (
    <form
      method="get"
      action={basePath}
      onSubmit={onSubmit}
      role="search"
      aria-label="Filter prompts"
      className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,2fr)_repeat(4,minmax(0,1fr))_auto]"
    >
      <div className="col-span-2 space-y-1 lg:col-span-1">
        <Label htmlFor="filter-q" className="text-xs">
          Search text
        </Label>
        <Input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          placeholder="Words anywhere in the prompt"
          maxLength={200}
          autoComplete="off"
        />
      </div>
      <FilterSelect id="filter-split" name="split" label="Split" value={filters.split} options={SPLIT_LABELS} />
      <FilterSelect id="filter-source" name="source" label="Source" value={filters.source} options={SOURCE_LABELS} />
      <FilterSelect
        id="filter-category"
        name="category"
        label="Category"
        value={filters.category}
        options={{ ...Object.fromEntries(USE_CASES.map((useCase) => [useCase, USE_CASE_LABELS[useCase]])), none: "No category" }}
      />
      <FilterSelect id="filter-status" name="status" label="Status" value={filters.status} options={STATUS_LABELS} />
      <div className="col-span-2 flex items-end gap-2 lg:col-span-1">
        <button type="submit" className={buttonClasses({ className: "flex-1 lg:flex-none" })}>
          Apply
        </button>
        {active ? (
          <Link href={basePath} className={buttonClasses({ variant: "ghost", className: "flex-1 lg:flex-none" })}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
