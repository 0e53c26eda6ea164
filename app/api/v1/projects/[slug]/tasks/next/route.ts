import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { leaseNextTask } from "@/lib/labeling/queue";
import { nextTaskSchema } from "@/lib/labeling/schema";

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
    return task ? { status: 200, body: task } : { status: 204 };
  },
);
