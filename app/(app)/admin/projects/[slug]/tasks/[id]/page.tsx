import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RedactionReview } from "@/components/labeling/admin/redaction-review";
import { TaskAnswers } from "@/components/labeling/admin/task-answers";
import { taskIdParam } from "@/lib/api/params";
import { getTaskDetail } from "@/lib/labeling/admin-queries";
import { getTaskRedactions } from "@/lib/pii/review";
import { loadProjectForAdmin } from "@/lib/projects/load";

export const metadata: Metadata = { title: "Task" };
export const dynamic = "force-dynamic";

/** One task: its prompt and outputs, each labeler's ranking, ratings, flags, note and time, and what the redactor replaced. */
export default async function TaskPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const id = taskIdParam.schema.safeParse((await params).id);
  const [task, redactions] = id.success
    ? await Promise.all([getTaskDetail(project.id, id.data), getTaskRedactions(project.id, id.data)])
    : [null, null];
  if (!task || !redactions) notFound();
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">
        <Link href={`/admin/projects/${project.slug}/tasks`} className="font-medium text-indigo-600 hover:text-indigo-500">
          ← All tasks
        </Link>
      </p>
      <TaskAnswers task={task} />
      <RedactionReview review={redactions} />
    </div>
  );
}
