import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam, snapshotNameParam } from "@/lib/api/params";
import { DATASET_CARD_FILE, openSnapshotFile } from "@/lib/exports/snapshots";

/**
 * A snapshot's dataset card (README.md) for the signed-in admin, from the export screen: the same
 * bytes as `GET /api/v1/projects/{slug}/snapshots/{name}/files/README.md`, which wants an API key.
 * Served as plain text so that a browser shows it in a tab instead of saving it.
 */
export const GET = defineOperation(
  {
    internal: true,
    operationId: "viewSnapshotCardAsAdmin",
    method: "get",
    path: "/api/admin/projects/{slug}/snapshots/{name}/card",
    tag: "Export",
    summary: "View a snapshot's dataset card",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, name: snapshotNameParam },
    responses: [{ status: 200, description: "The README.md, as stored.", contentType: "text/plain; charset=utf-8" }],
    errors: {
      404: "No project, snapshot or card (snapshots made before cards existed have none).",
      422: "The slug or the name is malformed.",
    },
  },
  async ({ project, params }) => {
    const opened = await openSnapshotFile(project, params.name, DATASET_CARD_FILE);
    return {
      status: 200,
      body: opened.body,
      headers: {
        "Content-Disposition": `inline; filename="${DATASET_CARD_FILE}"`,
        "X-Content-SHA256": opened.file.sha256,
        "Cache-Control": "private, max-age=0",
      },
    };
  },
);
