import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { promptSettingsOf, updatePromptSettings } from "@/lib/prompts/mutations";
import { projectPromptSettingsSchema } from "@/lib/prompts/schema";

export const GET = defineOperation(
  {
    internal: true,
    operationId: "getProjectSettings",
    method: "get",
    path: "/api/admin/projects/{slug}/settings",
    tag: "Projects",
    summary: "A project's pipeline and labeling settings",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    responses: [{ status: 200, description: "The settings." }],
    errors: { 404: "No such project." },
  },
  async ({ project }) => ({ status: 200, body: { settings: promptSettingsOf(project) } }),
);

/** Changes the pipeline settings; a new prefix length rebuilds the dedup index before answering. */
export const PATCH = defineOperation(
  {
    internal: true,
    operationId: "updateProjectSettings",
    method: "patch",
    path: "/api/admin/projects/{slug}/settings",
    tag: "Projects",
    summary: "Change a project's settings",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "ProjectSettings", schema: projectPromptSettingsSchema, example: { promptQuota: 100 } }] },
    responses: [{ status: 200, description: "The settings, what changed, and the dedup rebuild if any." }],
    errors: { 404: "No such project.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => {
    const result = await updatePromptSettings(project, body, user.id);
    return { status: 200, body: { settings: promptSettingsOf(result.project), changed: result.changed, dedupRebuild: result.rebuild } };
  },
);
