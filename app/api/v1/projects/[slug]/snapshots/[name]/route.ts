import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam, snapshotNameParam } from "@/lib/api/params";
import { getSnapshot, type SnapshotManifest } from "@/lib/exports/snapshots";
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
