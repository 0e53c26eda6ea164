import { defineOperation } from "@/lib/api/operation";
import { BAD_SLUG, PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { getQualityReport } from "@/lib/quality/report";
import { qualityReportSchema } from "@/lib/quality/report-types";

export const GET = defineOperation(
  {
    operationId: "getQuality",
    method: "get",
    path: "/api/v1/projects/{slug}/quality",
    tag: "Quality",
    summary: "Label quality",
    description:
      "How much the labelers agree and how each labeler does. Pairwise agreement: over every non-gold task with two or more rankings, every pair of " +
      "its labelers and every pair of its outputs, the share where both labelers' relations (better, worse, tied) are equal; a labeler's own over " +
      "the labeler pairs that include them; everyone's rankings count, blocked labelers' too. Kendall τ-b averaged over (task, labeler pair); " +
      "Krippendorff's α (interval) over the 1–7 ratings, units = outputs. Gold accuracy: on gold tasks, the share of the pairs the reference " +
      "orders strictly that the labeler orders the same way (a tie is a miss). Position bias: the share of rankings whose first-shown output is " +
      "in the top tie group, beside chance (mean |top group| / K). Intervals: 95% percentile bootstrap over tasks, 1,000 resamples, fixed seed; a figure over 100 or more tasks (overall or a labeler's) gets the delta method's normal interval instead.",
    auth: { kind: "apiKey", scope: "quality:read" },
    params: { slug: projectSlugParam },
    responses: [
      {
        status: 200,
        description: "The figures, each with its interval and count.",
        body: { name: "QualityReport", schema: qualityReportSchema },
      },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: `${BAD_SLUG}.` },
  },
  async ({ project }) => ({ status: 200, body: await getQualityReport(project) }),
);
