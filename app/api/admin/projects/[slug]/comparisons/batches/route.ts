import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { comparisonBatchSchema, ingestComparisonBatch } from "@/lib/labeling/import";

/**
 * One batch (up to 200 lines) of a JSONL file of comparisons: a ranking task per valid line, and
 * every line's outcome, so the browser can list the bad lines by number.
 */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "importComparisonBatch",
    method: "post",
    path: "/api/admin/projects/{slug}/comparisons/batches",
    tag: "Labeling",
    summary: "Import a batch of comparisons",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "ComparisonBatch", schema: comparisonBatchSchema, example: null }] },
    responses: [{ status: 200, description: "Each line's outcome." }],
    errors: { 404: "No such project.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => {
    const outcomes = await ingestComparisonBatch(project, body, user.id);
    const created = outcomes.filter((outcome) => outcome.status === "created").length;
    return { status: 200, body: { created, invalid: outcomes.length - created, outcomes } };
  },
);
