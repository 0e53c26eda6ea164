import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TaskAnswers } from "@/components/labeling/admin/task-answers";
import { taskIdParam } from "@/lib/api/params";
import { getTaskDetail } from "@/lib/labeling/admin-queries";
import { loadProjectForAdmin } from "@/lib/projects/load";

export const metadata: Metadata = { title: "Task" };
export const dynamic = "force-dynamic";

/** One task: its prompt and outputs, and each labeler's ranking, ratings, flags, note and time. */
export default async function TaskPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const id = taskIdParam.schema.safeParse((await params).id);
  const task = id.success ? await getTaskDetail(project.id, id.data) : null;
  if (!task) notFound();
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">
        <Link href={`/admin/projects/${project.slug}/tasks`} className="font-medium text-indigo-600 hover:text-indigo-500">
          ← All tasks
        </Link>
      </p>
      <TaskAnswers task={task} />
    </div>
  );
}
