"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { TASK_KIND_LABELS, TASK_STATUS_LABELS } from "@/components/labeling/admin/labels";
import { buttonClasses } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";

// A plain GET form: the filters live in the URL and work before JavaScript has loaded.
export function TaskFilterForm({ basePath, kind, status }: { basePath: string; kind?: string; status?: string }) {
  const router = useRouter();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) if (typeof value === "string" && value) params.set(key, value);
    router.push(params.size ? `${basePath}?${params}` : basePath);
  }
  return (
    <form
      method="get"
      action={basePath}
      onSubmit={onSubmit}
      role="search"
      aria-label="Filter tasks"
      className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-end gap-2 sm:flex sm:gap-3"
    >
      <FilterSelect id="task-kind" name="kind" label="Kind" value={kind} options={TASK_KIND_LABELS} wrapperClassName="sm:w-40" />
      <FilterSelect id="task-status" name="status" label="Status" value={status} options={TASK_STATUS_LABELS} wrapperClassName="sm:w-40" />
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses({ variant: "secondary" })}>
          Apply
        </button>
        {kind || status ? (
          <Link href={basePath} className={buttonClasses({ variant: "ghost" })}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
