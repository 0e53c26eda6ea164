import type { Metadata } from "next";
import Link from "next/link";
import { PromptFilterForm } from "@/components/prompts/admin/prompt-filters";
import { PromptList, type PromptListItem } from "@/components/prompts/admin/prompt-list";
import { Card, CardBody } from "@/components/ui/card";
import { KeysetPager } from "@/components/ui/pager";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { countPrompts, listPrompts, type PromptFilters, parsePromptFiltersLenient } from "@/lib/prompts/queries";
import { formatCount, formatDateTime, roundEstimate } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Prompts" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PromptsPage({ params, searchParams }: Props) {
  const { project } = await loadProjectForAdmin(params);
  const filters = parsePromptFiltersLenient(await searchParams);
  const [page, count] = await Promise.all([listPrompts(project.id, filters), countPrompts(project.id, filters)]);
  const basePath = `/admin/projects/${project.slug}/prompts`;
  const filterParams = { q: filters.q, split: filters.split, source: filters.source, category: filters.category, status: filters.status };
  const filtered = Object.values(filterParams).some(Boolean);

  const prompts: PromptListItem[] = page.rows.map(({ createdAt, userRef, ...row }) => ({
    ...row,
    created: formatDateTime(createdAt),
    userShort: `user ${userRef.slice(0, 8)}`,
  }));

  const noun = filtered ? "matching" : count.exact && count.count === 1 ? "prompt" : "prompts";
  const summary = count.exact ? `${formatCount(count.count)} ${noun}` : `about ${roundEstimate(count.estimate)} ${noun}`;

  return (
    <div className="space-y-4">
      <Card>
        <CardBody>
          {/* Keyed by the filters, so the fields show the URL's values after Clear or Back. */}
          <PromptFilterForm key={JSON.stringify(filterParams)} basePath={basePath} filters={filters} />
        </CardBody>
      </Card>
      <Card>
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3 sm:px-5">
          <h2 className="text-sm font-semibold text-slate-900">
            {filtered ? "Matching prompts" : "All prompts"} <span className="font-normal text-slate-500">· newest first</span>
          </h2>
          <p className="text-xs text-slate-500 tabular-nums" data-testid="prompt-count">
            {summary}
          </p>
        </div>
        {prompts.length ? (
          <PromptList slug={project.slug} prompts={prompts} />
        ) : (
          <EmptyState filtered={filtered} basePath={basePath} slug={project.slug} filters={filters} />
        )}
        <KeysetPager basePath={basePath} filterParams={filterParams} cursor={filters} page={page} />
      </Card>
    </div>
  );
}

function EmptyState({ filtered, basePath, slug, filters }: { filtered: boolean; basePath: string; slug: string; filters: PromptFilters }) {
  return (
    <div className="px-5 py-10 text-center text-sm text-slate-500">
      {filtered ? (
        <>
          No prompts match{filters.q ? <> “{filters.q}”</> : null} with these filters.{" "}
          <Link href={basePath} className="font-medium text-indigo-600 hover:text-indigo-500">
            Clear the filters
          </Link>
          .
        </>
      ) : (
        <>
          No prompts yet. Send them to{" "}
          <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">POST /api/v1/projects/{slug}/prompts</code> or{" "}
          <Link href={`/admin/projects/${slug}/import`} className="font-medium text-indigo-600 hover:text-indigo-500">
            import a file
          </Link>
          .
        </>
      )}
    </div>
  );
}
