import { defineOperation } from "@/lib/api/operation";
import { PROJECT_NOT_FOUND, projectSlugParam } from "@/lib/api/params";
import { createSnapshot, createSnapshotSchema, listSnapshots } from "@/lib/exports/snapshots";
import { snapshotListResponseSchema, snapshotResponseSchema } from "@/lib/openapi/responses";

export const GET = defineOperation(
  {
    operationId: "listSnapshots",
    method: "get",
    path: "/api/v1/projects/{slug}/snapshots",
    tag: "Export",
    summary: "List snapshots",
    description: "The project's snapshots, newest first, each with its manifest.",
    auth: { kind: "apiKey", scope: "export:read" },
    params: { slug: projectSlugParam },
    responses: [
      { status: 200, description: "The snapshots' manifests.", body: { name: "SnapshotList", schema: snapshotListResponseSchema } },
    ],
    errors: { 404: PROJECT_NOT_FOUND, 422: "The slug is malformed." },
  },
  async ({ project }) => ({ status: 200, body: { snapshots: await listSnapshots(project) } }),
);

export const POST = defineOperation(
  {
    operationId: "createSnapshot",
    method: "post",
    path: "/api/v1/projects/{slug}/snapshots",
    tag: "Export",
    summary: "Freeze a snapshot",
    description:
      "Freezes an export under a name: one gzipped NDJSON file per split (or the split asked for), stored so that every later download returns the same bytes. " +
      "Answers the manifest: filters, record counts per split, sha256 of each file, creation time. " +
      "A project stores at most its `snapshot_limit` snapshots (default 20, in the project's settings): delete one to make room. " +
      "Needs `export:write`; keys with only `export:read` list and download snapshots but cannot create them.",
    auth: { kind: "apiKey", scope: "export:write" },
    params: { slug: projectSlugParam },
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
      404: PROJECT_NOT_FOUND,
      409: "A snapshot with this name already exists, or the project already stores `snapshot_limit` snapshots.",
      422: "The slug is malformed or the body breaks the schema (the message lists the allowed values).",
    },
  },
  async ({ project, body, client }) => ({
    status: 201,
    body: { snapshot: await createSnapshot(project, body, { apiKeyId: client.keyId }) },
  }),
);
