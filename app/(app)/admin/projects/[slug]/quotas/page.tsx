import type { Metadata } from "next";
import Link from "next/link";
import { QuotaManager, type QuotaRow } from "@/components/prompts/admin/quota-manager";
import { Card, CardBody } from "@/components/ui/card";
import { hrefWith, Pager } from "@/components/ui/pager";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { getEndUserSummary, listEndUsersByUsage, usageCursorSchema } from "@/lib/prompts/queries";
import { formatCount, formatDate } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Quotas" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QuotasPage({ params, searchParams }: Props) {
  const { project } = await loadProjectForAdmin(params);
  const rawAfter = (await searchParams).after;
  // A cursor that does not parse starts again from the top rather than failing the page.
  const after = usageCursorSchema.safeParse(Array.isArray(rawAfter) ? rawAfter[0] : rawAfter);
  const [page, summary] = await Promise.all([
    listEndUsersByUsage(project.id, after.success ? after.data : undefined),
    getEndUserSummary(project.id),
  ]);
  const basePath = `/admin/projects/${project.slug}/quotas`;
  const rows: QuotaRow[] = page.rows.map((row) => ({
    userRef: row.userRef,
    label: row.label,
    split: row.split,
    acceptedCount: row.acceptedCount,
    quotaOverride: row.quotaOverride,
    lastSeen: formatDate(row.lastSeenAt),
  }));

  return (
    <div className="space-y-4">
      <Card>
        <CardBody className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Project limit</p>
            <p className="mt-0.5 text-2xl font-semibold text-slate-900 tabular-nums" data-testid="default-limit">
              {formatCount(project.promptQuota)} <span className="text-sm font-normal text-slate-500">prompts per end user</span>
            </p>
          </div>
          <div className="text-sm text-slate-500 sm:text-right">
            <p>
              {formatCount(summary.users)} end user{summary.users === 1 ? "" : "s"}, {formatCount(summary.overrides)} with an override
            </p>
            <Link href={`/admin/projects/${project.slug}/settings`} className="font-medium text-indigo-600 hover:text-indigo-500">
              Change the project limit
            </Link>
          </div>
        </CardBody>
      </Card>
      <QuotaManager
        slug={project.slug}
        defaultLimit={project.promptQuota}
        rows={rows}
        pager={
          after.success || page.next ? (
            <Pager
              newerLabel="← First page"
              newerHref={after.success ? basePath : null}
              olderHref={page.next ? hrefWith(basePath, { after: page.next }) : null}
            />
          ) : null
        }
      />
    </div>
  );
}
