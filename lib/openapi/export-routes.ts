import { z } from "zod";
import { EXPORT_DATASETS, type ExportDataset, exportQuerySchema, FORMATS_BY_DATASET } from "@/lib/exports/schema";
import { createSnapshotSchema, snapshotNameSchema } from "@/lib/exports/snapshots";
import { slugSchema } from "@/lib/projects/schema";
import type { ApiOperation, Parameter } from "./registry-types";
import { snapshotListResponseSchema, snapshotResponseSchema } from "./responses";

/*
 * The export route (app/api/v1/projects/[slug]/export/[dataset]/route.ts) takes the dataset as a
 * path segment and a query schema per dataset, so it is described as one operation per dataset
 * (concrete paths), each with the query parameters `exportQuerySchema(dataset)` accepts.
 *
 * Records are NDJSON lines whose shapes are built in lib/exports/formats.ts without zod schemas;
 * they are described in words. To publish their JSON Schemas, add `…RecordSchema`s to
 * lib/exports/schema.ts and give them to the 200 response here as `body`.
 */

const EXPORT_ROUTE_FILE = "app/api/v1/projects/[slug]/export/[dataset]/route.ts";

const slugParam: Parameter = { schema: slugSchema, description: "The project's slug (see `GET /api/v1/projects`).", example: "demo" };

const DATASET_TEXT: Record<ExportDataset, { summary: string; description: string }> = {
  comparisons: {
    summary: "Export comparisons",
    description:
      "Completed rankings. `format=batches`: one record per ranking (`group_id`, the prompt, every output with id, model, text, rank, Likert and flags, " +
      "the tie groups, `pairs` = all C(K,2) (better, worse) output-id pairs minus ties, prompt labels, a pseudonymous labeler id, instructions version, split, timestamps). " +
      "`pairs|trl|trl-conversational|openai|hh`: one record per (better, worse) pair in each trainer's own layout, each with `group_id` so a trainer can batch a ranking; " +
      "tied pairs are left out unless `ties=include`, where they are marked.",
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

export const exportOperations: ApiOperation[] = EXPORT_DATASETS.map((dataset) => ({
  operationId: `export${dataset[0]!.toUpperCase()}${dataset.slice(1)}`,
  method: "get",
  path: `/api/v1/projects/{slug}/export/${dataset}`,
  routeFile: EXPORT_ROUTE_FILE,
  tag: "Export",
  summary: DATASET_TEXT[dataset].summary,
  description:
    `${DATASET_TEXT[dataset].description} Formats: ${FORMATS_BY_DATASET[dataset].map((format) => `\`${format}\``).join(", ")}. ` +
    "Streams NDJSON, gzip-compressed when the request accepts it. The order is stable: the same request returns the same bytes while no new data arrives. " +
    "For incremental pulls, pass the previous answer's `X-Next-Cursor` as `since`.",
  auth: { kind: "apiKey", scope: "export:read" },
  pathParams: { slug: slugParam },
  query: exportQuerySchema(dataset),
  responses: [
    {
      status: 200,
      description: "One JSON record per line (empty when nothing is new since the cursor).",
      contentType: "application/x-ndjson",
      headers: {
        "X-Next-Cursor": { description: "Pass as `since` to get only what arrives after this export.", schema: z.string() },
        "Content-Encoding": { description: "`gzip` when the request's Accept-Encoding allows it.", schema: z.literal("gzip") },
      },
    },
  ],
  errors: {
    404: "No project with this slug.",
    422: "The slug, the dataset or a query parameter is not valid; the message lists the allowed values.",
  },
}));

const snapshotNameParam: Parameter = {
  schema: snapshotNameSchema,
  description: "The snapshot's name, unique in the project.",
  example: "rm-v1",
};
// The files route validates the name inline; this is the same pattern.
const snapshotFileParam: Parameter = {
  schema: z.string().regex(/^[\w.-]{1,200}$/),
  description: "A file name from the snapshot's manifest.",
  example: "comparisons-batches-train.jsonl.gz",
};

export const snapshotOperations: ApiOperation[] = [
  {
    operationId: "listSnapshots",
    method: "get",
    path: "/api/v1/projects/{slug}/snapshots",
    tag: "Export",
    summary: "List snapshots",
    description: "The project's snapshots, newest first, each with its manifest.",
    auth: { kind: "apiKey", scope: "export:read" },
    pathParams: { slug: slugParam },
    responses: [
      { status: 200, description: "The snapshots' manifests.", body: { name: "SnapshotList", schema: snapshotListResponseSchema } },
    ],
    errors: { 404: "No project with this slug.", 422: "The slug is malformed." },
  },
  {
    operationId: "createSnapshot",
    method: "post",
    path: "/api/v1/projects/{slug}/snapshots",
    tag: "Export",
    summary: "Freeze a snapshot",
    description:
      "Freezes an export under a name: one gzipped NDJSON file per split (or the split asked for), stored so that every later download returns the same bytes. " +
      "Answers the manifest: filters, record counts per split, sha256 of each file, creation time.",
    auth: { kind: "apiKey", scope: "export:read" },
    pathParams: { slug: slugParam },
    body: {
      variants: [
        {
          name: "CreateSnapshotRequest",
          schema: createSnapshotSchema,
          example: { name: "rm-v1", dataset: "comparisons", format: "batches" },
        },
      ],
    },
    responses: [
      { status: 201, description: "The snapshot's manifest.", body: { name: "SnapshotResponse", schema: snapshotResponseSchema } },
    ],
    errors: {
      404: "No project with this slug.",
      409: "A snapshot with this name already exists.",
      422: "The slug is malformed or the body breaks the schema (the message lists the allowed values).",
    },
  },
  {
    operationId: "getSnapshot",
    method: "get",
    path: "/api/v1/projects/{slug}/snapshots/{name}",
    tag: "Export",
    summary: "Get a snapshot's manifest",
    auth: { kind: "apiKey", scope: "export:read" },
    pathParams: { slug: slugParam, name: snapshotNameParam },
    responses: [{ status: 200, description: "The manifest.", body: { name: "SnapshotResponse", schema: snapshotResponseSchema } }],
    errors: { 404: "No project with this slug, or no snapshot with this name.", 422: "The slug or the snapshot name is malformed." },
  },
  {
    operationId: "downloadSnapshotFile",
    method: "get",
    path: "/api/v1/projects/{slug}/snapshots/{name}/files/{file}",
    tag: "Export",
    summary: "Download a snapshot file",
    description: "The file's stored bytes (gzipped NDJSON), identical on every download; check them against the manifest's sha256.",
    auth: { kind: "apiKey", scope: "export:read" },
    pathParams: { slug: slugParam, name: snapshotNameParam, file: snapshotFileParam },
    responses: [
      {
        status: 200,
        description: "Gzipped NDJSON, one record per line once decompressed.",
        contentType: "application/gzip",
        headers: {
          "X-Content-SHA256": { description: "The sha256 of the bytes sent, as in the manifest.", schema: z.string() },
          "Content-Disposition": { description: "`attachment` with the file name.", schema: z.string() },
        },
      },
    ],
    errors: { 404: "No project, snapshot or file with these names.", 422: "The slug, the snapshot name or the file name is malformed." },
  },
];
