import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { SPLITS } from "@/lib/prompts/split";
import { getModelReport } from "@/lib/quality/report";
import { modelReportSchema } from "@/lib/quality/report-types";

const modelsQuerySchema = z.object({
  baseline: safeString(FIELD_BYTES.name)
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "The baseline model; the project's `baseline_model` by default." }),
  split: z
    .enum(SPLITS, { error: `Use one of: ${SPLITS.join(", ")}.` })
    .optional()
    .meta({ description: "Only prompts of this split." }),
  since: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, { message: "Use an X-Next-Cursor value of an export." })
    .optional()
    .meta({ description: "Only rankings after this export cursor (`X-Next-Cursor`)." }),
});

export const GET = defineOperation(
  {
    operationId: "getModels",
    method: "get",
    path: "/api/v1/projects/{slug}/models",
    tag: "Quality",
    summary: "Model win rates and leaderboard",
    description:
      "Per model, over the rankings that count (non-gold tasks; labelers not blocked and not failed screening): the win rate against the baseline " +
      "(over every (ranking, output of the model, output of the baseline): 1 when ranked better, ½ when tied, 0 when worse; the mean) with its 95% " +
      "interval (percentile bootstrap over prompts, 1,000 resamples, fixed seed), the Bradley–Terry score from every cross-model output pair (ties " +
      "half a win each) on an Elo-like scale (400·log10; the baseline scores 1000, else the mean is 1000) with its interval, the mean Likert rating " +
      "and the share of ratings carrying each flag. Sorted by score.",
    auth: { kind: "apiKey", scope: "quality:read" },
    params: { slug: projectSlugParam },
    query: modelsQuerySchema,
    responses: [{ status: 200, description: "The models, best first.", body: { name: "ModelReport", schema: modelReportSchema } }],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}, or a query parameter is not valid.` },
  },
  async ({ project, query }) => ({ status: 200, body: await getModelReport(project, query) }),
);
