import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam, snapshotNameParam } from "@/lib/api/params";
import { deleteSnapshot, getSnapshot, type SnapshotManifest } from "@/lib/exports/snapshots";
import { snapshotResponseSchema } from "@/lib/openapi/responses";

export const GET = defineOperation(
  {
    operationId: "getSnapshot",
    method: "get",
    path: "/api/v1/projects/{slug}/snapshots/{name}",
    tag: "Export",
    summary: "Get a snapshot's manifest",
    auth: { kind: "apiKey", scope: "export:read" },
    params: { slug: projectSlugParam, name: snapshotNameParam },
    responses: [{ status: 200, description: "The manifest.", body: { name: "SnapshotResponse", schema: snapshotResponseSchema } }],
    errors: { 404: "No project with this slug, or no snapshot with this name.", 422: "The slug or the snapshot name is malformed." },
  },
  async ({ project, params }) => ({
    status: 200,
    body: { snapshot: (await getSnapshot(project, params.name)).manifest as SnapshotManifest },
  }),
);

export const DELETE = defineOperation(
  {
    operationId: "deleteSnapshot",
    method: "delete",
    path: "/api/v1/projects/{slug}/snapshots/{name}",
    tag: "Export",
    summary: "Delete a snapshot",
    description: "Deletes the snapshot and its stored files, making room under the project's `snapshot_limit`. Its name can be used again.",
    auth: { kind: "apiKey", scope: "export:write" },
    params: { slug: projectSlugParam, name: snapshotNameParam },
    responses: [{ status: 204, description: "Deleted." }],
    errors: { 404: "No project with this slug, or no snapshot with this name.", 422: "The slug or the snapshot name is malformed." },
  },
  async ({ project, params, client }) => {
    await deleteSnapshot(project, params.name, { apiKeyId: client.keyId });
    return { status: 204 };
  },
);
