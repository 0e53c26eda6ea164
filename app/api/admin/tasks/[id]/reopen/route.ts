import { defineOperation } from "@/lib/api/operation";
import { idParam } from "@/lib/api/params";
import { reopenTask } from "@/lib/labeling/queue";

export const POST = defineOperation(
  {
    internal: true,
    operationId: "reopenTask",
    method: "post",
    path: "/api/admin/tasks/{id}/reopen",
    tag: "Labeling",
    summary: "Reopen a finished task for one more label",
    auth: { kind: "session", role: "admin" },
    params: { id: idParam("task ID") },
    responses: [{ status: 200, description: "Reopened." }],
    errors: { 404: "No such task." },
  },
  async ({ params, user }) => {
    await reopenTask(params.id, user.id);
    return { status: 200, body: { status: "reopened" as const } };
  },
);
