import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { leaseNextTask } from "@/lib/labeling/queue";
import { type NextTask, nextTaskSchema } from "@/lib/labeling/schema";

export const POST = defineOperation(
  {
    operationId: "leaseNextTask",
    method: "post",
    path: "/api/v1/projects/{slug}/tasks/next",
    tag: "Labeling",
    summary: "Lease the next task",
    description:
      "The signed-in labeler's current task, or a newly leased one. The lease holds the task for the project's lease time; outputs come in this labeler's own order.",
    auth: { kind: "session" },
    params: { slug: projectSlugParam },
    responses: [
      { status: 200, description: "The task to work on.", body: { name: "NextTask", schema: nextTaskSchema } },
      { status: 204, description: "Nothing is left for this labeler." },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}.` },
  },
  async ({ project, user }) => {
    const task = await leaseNextTask(project, user.id);
    if (!task) return { status: 204 };
    // A lease is one person's and changes: never stored. A task that fits in TCP's first window
    // (~14 kB) arrives in one round trip gzipped or not, so it is not compressed (gzip was ~5% of
    // the app's CPU under load); longer ones are.
    const small = approximateSize(task) < 14_000;
    return { status: 200, body: task, headers: { "Cache-Control": small ? "private, no-store, no-transform" : "private, no-store" } };
  },
);

/** A task's JSON size in bytes, roughly (its texts plus room for the rest), without writing it out twice. */
function approximateSize(task: NextTask): number {
  const { prompt } = task;
  let size = 1_000 + Buffer.byteLength(prompt.text) + (prompt.structure == null ? 0 : Buffer.byteLength(JSON.stringify(prompt.structure)));
  for (const message of prompt.messages ?? []) size += Buffer.byteLength(message.content) + 40;
  for (const output of task.outputs) size += Buffer.byteLength(output.text) + 60;
  return size;
}
