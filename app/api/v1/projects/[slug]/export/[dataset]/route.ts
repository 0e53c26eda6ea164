import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { encodeCursor, exportRecords, ndjsonStream, planExport } from "@/lib/exports/records";
import { EXPORT_DATASETS, type ExportDataset, exportDatasetSchema, exportQuerySchema, FORMATS_BY_DATASET } from "@/lib/exports/schema";

// Records are NDJSON lines whose shapes are built in lib/exports/formats.ts without zod schemas;
// they are described in words. A text/ type: the server's gzip (next.config.js `compress`)
// applies only to types it knows to be compressible.
const NDJSON = "text/x-ndjson; charset=utf-8";

const DATASET_TEXT: Record<ExportDataset, { summary: string; description: string }> = {
  comparisons: {
    summary: "Export comparisons",
    description:
      "Completed rankings. `format=batches`: one record per ranking (`group_id`, the prompt, every output with id, model, text, rank, Likert and flags, " +
      "the tie groups, `pairs` = all C(K,2) (better, worse) output-id pairs minus ties, prompt labels, a pseudonymous labeler id, instructions version, split, timestamps). " +
      "`pairs|trl|trl-conversational|openai|hh`: one record per (better, worse) pair in each trainer's own layout, each with `group_id` so a trainer can batch a ranking; " +
      "tied pairs are left out unless `ties=include`, where they are marked. " +
      "`consensus`: one record per task with two or more rankings: `group_id` (the task id), the prompt (id, text, split), the outputs (id, model, text, `mean_rank`), " +
      '`rankings` (how many), `aggregate` (tie groups of output ids, best first), `method: "mean_rank"` (a Borda count on fractional ranks: a tie group gives its outputs the mean ' +
      "of the positions it spans; outputs are ordered by their mean over the labelers, equal means tie; order-independent, fair to ties, and what the vote counts sum to) " +
      "and `pairs`: for every output pair, a before b in the task's output order, `{a, b, a_better, b_better, tied}` vote counts: soft labels. " +
      "A task's record is positioned at its latest ranking and holds every ranking up to the export's end, so an incremental pull sends a task again, with its new count, " +
      "when it has received a ranking since the cursor: keep the last record per `group_id`. `limit` counts tasks; `ties` does not apply. " +
      "Filters: `gold=exclude` (default) leaves out rankings of gold tasks (quality checks), `gold=include` keeps them; `labelers=counted` (default) leaves out " +
      "rankings by labelers now blocked or failed at screening in the project, `labelers=all` keeps them. Both are read when the export runs and apply to every format; " +
      "records already pulled are not recalled when a task or a labeler changes later.",
  },
  demonstrations: {
    summary: "Export demonstrations",
    description:
      "Labeler-written responses for supervised fine-tuning: `format=sft` (prompt / completion) or `format=messages` (chat messages), each with its `group_id`.",
  },
  prompts: {
    summary: "Export prompts",
    description:
      "Prompts for RL training: id, text, split, category, source, and `user`, a stable pseudonym of the end-user ID (never the ID itself).",
  },
};

/**
 * Streams a dataset as NDJSON. X-Next-Cursor is where the next incremental pull starts (`since`);
 * the same request returns the same bytes while no new data arrives. Documented as one operation
 * per dataset, each with the query parameters its dataset accepts.
 */
export const GET = defineOperation(
  {
    operationId: "exportDataset",
    method: "get",
    path: "/api/v1/projects/{slug}/export/{dataset}",
    tag: "Export",
    summary: "Export a dataset",
    auth: { kind: "apiKey", scope: "export:read" },
    params: { slug: projectSlugParam, dataset: { schema: exportDatasetSchema, description: "The dataset.", label: "dataset" } },
    query: (params) => exportQuerySchema(params.dataset as ExportDataset),
    instances: EXPORT_DATASETS.map((dataset) => ({
      params: { dataset },
      operationId: `export${dataset[0]!.toUpperCase()}${dataset.slice(1)}`,
      summary: DATASET_TEXT[dataset].summary,
      description:
        `${DATASET_TEXT[dataset].description} Formats: ${FORMATS_BY_DATASET[dataset].map((format) => `\`${format}\``).join(", ")}. ` +
        "Streams NDJSON, gzip-compressed when the request accepts it. The order is stable: the same request returns the same bytes while no new data arrives. " +
        "For incremental pulls, pass the previous answer's `X-Next-Cursor` as `since`.",
    })),
    responses: [
      {
        status: 200,
        description: "One JSON record per line (empty when nothing is new since the cursor).",
        contentType: NDJSON,
        headers: {
          "X-Next-Cursor": { description: "Pass as `since` to get only what arrives after this export.", schema: z.string() },
          "Content-Encoding": { description: "`gzip` when the request's Accept-Encoding allows it.", schema: z.literal("gzip") },
        },
      },
    ],
    errors: {
      404: PROJECT_NOT_FOUND,
      422: "The slug, the dataset or a query parameter is not valid; the message lists the allowed values.",
    },
  },
  async ({ project, params, query }) => {
    const dataset = params.dataset;
    const range = await planExport(project, dataset, query);
    const headers = {
      "Cache-Control": "no-store",
      "X-Next-Cursor": range ? encodeCursor(range.until) : (query.since ?? encodeCursor({ txid: -1n, id: "" })),
    };
    // Gzip is applied by the server when the client accepts it: Next drops a Content-Encoding
    // header set here, so the handler must not compress by itself.
    return { status: 200, headers, body: range ? ndjsonStream(exportRecords(project, dataset, query, range)) : null };
  },
);
