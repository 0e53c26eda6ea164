import Link from "next/link";
import { TASK_KIND_LABELS } from "@/components/labeling/admin/labels";
import { ReopenButton } from "@/components/labeling/admin/reopen-button";
import { Badge } from "@/components/ui/badge";
import type { TaskRow } from "@/lib/labeling/admin-queries";
import { formatCount } from "@/lib/ui/format";

export type TaskListItem = Omit<TaskRow, "createdAt" | "doneAt"> & { created: string; done: string | null };

/** A page of tasks: what each asks (a link to its answers), how far it is, and a Reopen button on the done ones. */
export function TaskList({
  tasks,
  basePath,
}: {
  tasks: TaskListItem[] /** The tasks page; a task's own page is under it. */;
  basePath: string;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="task-list">
      {tasks.map((task) => (
        <li key={task.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4 sm:px-5" data-testid="task-row">
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-1.5">
              <Badge tone={task.kind === "ranking" ? "indigo" : "amber"}>{TASK_KIND_LABELS[task.kind]}</Badge>
              {task.status === "done" ? (
                <Badge tone="green">Done</Badge>
              ) : task.submittedCount + task.leasedCount >= task.labelsNeeded ? (
                <Badge>In progress</Badge>
              ) : (
                <Badge tone="slate" className="bg-white">
                  Waiting
                </Badge>
              )}
              <span className="font-mono text-xs text-slate-400">{task.id}</span>
            </div>
            <p className="mt-1 truncate text-sm" title={task.promptLine}>
              <Link href={`${basePath}/${task.id}`} className="text-slate-900 hover:text-indigo-600" data-testid="task-link">
                {task.promptLine || <em className="text-slate-400">empty first line</em>}
              </Link>
            </p>
            <p className="mt-0.5 text-xs text-slate-500 tabular-nums">
              {task.kind === "ranking" ? `${task.outputs} outputs · ` : null}
              <span data-testid="task-labels">
                {formatCount(task.submittedCount)}/{formatCount(task.labelsNeeded)} labels
              </span>
              {task.leasedCount ? ` · ${task.leasedCount} leased now` : null}
              {task.skips ? ` · ${task.skips} skipped` : null}
              {" · "}
              {task.done ? `done ${task.done}` : `created ${task.created}`}
            </p>
          </div>
          {task.status === "done" ? (
            <div className="shrink-0">
              <ReopenButton taskId={task.id} labels={task.submittedCount} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
