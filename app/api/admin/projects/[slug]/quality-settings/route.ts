import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { qualitySettingsOf, qualitySettingsSchema, updateQualitySettings } from "@/lib/labeling/quality-settings";

/** The Quality page's settings form: the same settings as PATCH /api/v1/projects/{slug}/settings. */
export const PATCH = defineOperation(
  {
    internal: true,
    operationId: "updateQualitySettingsAsAdmin",
    method: "patch",
    path: "/api/admin/projects/{slug}/quality-settings",
    tag: "Quality",
    summary: "Change the quality settings",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "QualitySettingsChange", schema: qualitySettingsSchema, example: { gold_rate: 0.1 } }] },
    responses: [{ status: 200, description: "The settings as saved." }],
    errors: { 404: "No such project.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => ({
    status: 200,
    body: { settings: qualitySettingsOf(await updateQualitySettings(project, body, { userId: user.id })) },
  }),
);
