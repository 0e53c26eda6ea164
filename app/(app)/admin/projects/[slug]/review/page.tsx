import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReviewQueue } from "@/components/quality/review-queue";
import { Card } from "@/components/ui/card";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { getReviewTask, listDisagreements } from "@/lib/quality/report";

export const metadata: Metadata = { title: "Review" };
export const dynamic = "force-dynamic";

const LIMIT = 20;

export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ task?: string | string[] }>;
}) {
  const { project } = await loadProjectForAdmin(params);
  const { task: taskId } = await searchParams;

  // One task (a gold task's reference being changed, from the Quality tab's gold list).
  if (typeof taskId === "string") {
    const item = await getReviewTask(project, taskId);
    if (!item) notFound();
    return (
      <div className="space-y-4">
        <p className="text-sm">
          <Link href={`/admin/projects/${project.slug}/review`} className="font-medium text-indigo-600 hover:text-indigo-500">
            ← The review queue
          </Link>
        </p>
        <ReviewQueue slug={project.slug} items={[item]} initialOpen={item.task_id} />
      </div>
    );
  }

  const items = await listDisagreements(project, { limit: LIMIT });
  return (
    <div className="space-y-4">
      <div className="max-w-3xl text-sm text-slate-600">
        <p>
          Tasks ranked by two or more labelers, where they disagree most first (the share of output pairs two labelers ordered the same
          way). Read the outputs, decide the right order and save it: the task becomes a gold task, served once to every labeler who has not
          had it and scored against your ranking. Letters follow the stored order of the outputs, not each labeler&apos;s screen.
        </p>
      </div>
      <ReviewQueue slug={project.slug} items={items} />
      {items.length ? null : (
        <Card className="px-6 py-12 text-center" data-testid="review-empty">
          <p className="text-sm font-medium text-slate-900">Nothing to review yet</p>
          <p className="mt-1 text-sm text-slate-500">
            Tasks appear here once two or more labelers have ranked them. Set Labels per task above 1 on the Settings tab.
          </p>
        </Card>
      )}
    </div>
  );
}
