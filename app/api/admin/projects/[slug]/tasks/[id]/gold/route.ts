import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { adjudicationSchema, promoteToGold, retireGold } from "@/lib/labeling/gold-admin";

/** Records an adjudicated ranking and makes the task a gold task (or updates its reference). */
export const PUT = defineOperation(
  {
    internal: true,
    operationId: "promoteToGold",
    method: "put",
    path: "/api/admin/projects/{slug}/tasks/{id}/gold",
    tag: "Quality",
    summary: "Adjudicate a task and make it gold",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("task ID") },
    body: {
      variants: [{ name: "Adjudication", schema: adjudicationSchema, example: { ranking: [["OUTPUT_A"], ["OUTPUT_B", "OUTPUT_C"]] } }],
    },
    responses: [{ status: 200, description: "The task is gold." }],
    errors: { 404: "No such project or ranking task.", 422: "The ranking does not rank every output exactly once." },
  },
  async ({ project, params, body, user }) => ({ status: 200, body: await promoteToGold(project, params.id, body, user.id) }),
);

export const DELETE = defineOperation(
  {
    internal: true,
    operationId: "retireGold",
    method: "delete",
    path: "/api/admin/projects/{slug}/tasks/{id}/gold",
    tag: "Quality",
    summary: "Retire a gold task",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("task ID") },
    responses: [{ status: 200, description: "The task is no longer gold." }],
    errors: { 404: "No such project or gold task." },
  },
  async ({ project, params, user }) => ({ status: 200, body: await retireGold(project, params.id, user.id) }),
);
