import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { promptStatusSchema, setPromptStatus } from "@/lib/prompts/mutations";

/** Archives ({status: "archived"}) or restores ({status: "active"}) a prompt. */
export const PATCH = defineOperation(
  {
    internal: true,
    operationId: "setPromptStatus",
    method: "patch",
    path: "/api/admin/projects/{slug}/prompts/{id}",
    tag: "Prompts",
    summary: "Archive or restore a prompt",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("prompt ID") },
    body: { variants: [{ name: "PromptStatus", schema: promptStatusSchema, example: { status: "archived" } }] },
    responses: [{ status: 200, description: "The prompt's status, and whether it changed." }],
    errors: { 404: "No such project or prompt.", 422: "The body breaks the schema." },
  },
  async ({ project, params, body, user }) => {
    const result = await setPromptStatus(project, params.id, body.status, user.id);
    return { status: 200, body: { prompt: { id: result.id, status: result.status }, changed: result.changed } };
  },
);
