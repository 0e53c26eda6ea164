import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import {
  qualitySettingsOf,
  qualitySettingsResponseSchema,
  qualitySettingsSchema,
  updateQualitySettings,
} from "@/lib/labeling/quality-settings";

export const GET = defineOperation(
  {
    operationId: "getQualitySettings",
    method: "get",
    path: "/api/v1/projects/{slug}/settings",
    tag: "Quality",
    summary: "Get the quality settings",
    auth: { kind: "apiKey", scope: "projects:admin" },
    params: { slug: projectSlugParam },
    responses: [{ status: 200, description: "The settings.", body: { name: "QualitySettings", schema: qualitySettingsResponseSchema } }],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}.` },
  },
  async ({ project }) => ({ status: 200, body: { settings: qualitySettingsOf(project) } }),
);

export const PATCH = defineOperation(
  {
    operationId: "updateQualitySettings",
    method: "patch",
    path: "/api/v1/projects/{slug}/settings",
    tag: "Quality",
    summary: "Change the quality settings",
    description:
      "Gold tasks, screening and the thresholds that warn and block labelers, the baseline model of win rates, which labelers may work in the project (`labeler_access`; switching to `members` releases the leases of everyone else), whether model outputs are redacted (`redact_outputs`; prompts always are), and whether well-known public figures' names are kept (`keep_public_figures`). Send only what changes.",
    auth: { kind: "apiKey", scope: "projects:admin" },
    params: { slug: projectSlugParam },
    body: {
      variants: [
        {
          name: "QualitySettingsChange",
          schema: qualitySettingsSchema,
          example: { gold_rate: 0.1, screening_tasks: 5, baseline_model: "gpt-3-175b", labeler_access: "members" },
        },
      ],
    },
    responses: [
      { status: 200, description: "The settings as saved.", body: { name: "QualitySettings", schema: qualitySettingsResponseSchema } },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}, or the body breaks the schema (e.g. the warning bar below the blocking bar).` },
  },
  async ({ project, body, client }) => ({
    status: 200,
    body: { settings: qualitySettingsOf(await updateQualitySettings(project, body, { apiKeyId: client.keyId })) },
  }),
);
