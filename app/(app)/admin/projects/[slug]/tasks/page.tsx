import type { Metadata } from "next";
import Link from "next/link";
import { ComparisonImportForm } from "@/components/labeling/admin/comparison-import-form";
import { DemonstrationForm } from "@/components/labeling/admin/demonstration-form";
import { TaskFilterForm } from "@/components/labeling/admin/task-filters";
import { TaskList } from "@/components/labeling/admin/task-list";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { KeysetPager } from "@/components/ui/pager";
import { listTasks, parseTaskFiltersLenient } from "@/lib/labeling/admin-queries";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { formatDateTime } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Tasks" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ params, searchParams }: Props) {
  const { project } = await loadProjectForAdmin(params);
  const filters = parseTaskFiltersLenient(await searchParams);
  const page = await listTasks(project.id, filters);
  const basePath = `/admin/projects/${project.slug}/tasks`;
  const filterParams = { kind: filters.kind, status: filters.status };
  const filtered = !!(filters.kind || filters.status);

  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Import comparisons</CardTitle>
            <CardDescription>
              Ranking tasks from a JSONL file, each to be completed by {project.labelsPerTask}{" "}
              {project.labelsPerTask === 1 ? "labeler" : "different labelers"} (
              <Link href={`/admin/projects/${project.slug}/settings`} className="font-medium text-indigo-600 hover:text-indigo-500">
                labels per task
              </Link>
              ). The API takes the same records one at a time.
            </CardDescription>
          </CardHeader>
          <CardBody>
            <ComparisonImportForm slug={project.slug} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Ask for demonstrations</CardTitle>
            <CardDescription>Labelers write the response they would want from the model, for supervised fine-tuning.</CardDescription>
          </CardHeader>
          <CardBody>
            <DemonstrationForm slug={project.slug} />
          </CardBody>
        </Card>
      </div>

      <Card>
        <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-3 sm:flex-row sm:items-end sm:justify-between sm:px-5">
          <h2 className="text-sm font-semibold text-slate-900">
            {filtered ? "Matching tasks" : "All tasks"} <span className="font-normal text-slate-500">· newest first</span>
          </h2>
          <TaskFilterForm key={JSON.stringify(filterParams)} basePath={basePath} kind={filters.kind} status={filters.status} />
        </div>
        {page.rows.length ? (
          <TaskList
            basePath={basePath}
            tasks={page.rows.map(({ createdAt, doneAt, ...row }) => ({
              ...row,
              created: formatDateTime(createdAt),
              done: doneAt ? formatDateTime(doneAt) : null,
            }))}
          />
        ) : (
          <div className="px-5 py-10 text-center text-sm text-slate-500">
            {filtered ? (
              <>
                No tasks match these filters.{" "}
                <Link href={basePath} className="font-medium text-indigo-600 hover:text-indigo-500">
                  Clear the filters
                </Link>
                .
              </>
            ) : (
              <>
                No tasks yet. Import comparisons above, ask for demonstrations, or send outputs to{" "}
                <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">POST /api/v1/projects/{project.slug}/comparisons</code>
                .
              </>
            )}
          </div>
        )}
        <KeysetPager basePath={basePath} filterParams={filterParams} cursor={filters} page={page} />
      </Card>
    </div>
  );
}
