import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { listPrompts, promptFiltersSchema } from "@/lib/prompts/queries";

/**
 * One page of prompts, newest first, filtered like the prompt browser (`q`, `split`, `source`,
 * `category` (a use case or "none"), `status`); `after`/`before` take the `older`/`newer` cursors.
 */
export const GET = defineOperation(
  {
    internal: true,
    operationId: "listPrompts",
    method: "get",
    path: "/api/admin/projects/{slug}/prompts",
    tag: "Prompts",
    summary: "Browse prompts",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    query: promptFiltersSchema,
    responses: [{ status: 200, description: "One page of prompts with the cursors around it." }],
    errors: { 404: "No such project.", 422: "A filter is not valid." },
  },
  async ({ project, query }) => {
    const page = await listPrompts(project.id, query);
    return { status: 200, body: { prompts: page.rows.map(({ userRef: _userRef, ...row }) => row), older: page.older, newer: page.newer } };
  },
);
