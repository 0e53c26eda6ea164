import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { createSnapshot, createSnapshotSchema } from "@/lib/exports/snapshots";

/** An admin freezes an export from the export screen. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "createSnapshotAsAdmin",
    method: "post",
    path: "/api/admin/projects/{slug}/snapshots",
    tag: "Export",
    summary: "Freeze a snapshot",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "CreateSnapshotRequest", schema: createSnapshotSchema, example: null }] },
    responses: [{ status: 201, description: "The snapshot's manifest." }],
    errors: {
      404: "No such project.",
      409: "The name is taken, or the project stores its snapshot_limit already.",
      422: "The body breaks the schema.",
    },
  },
  async ({ project, body, user }) => ({ status: 201, body: { snapshot: await createSnapshot(project, body, { userId: user.id }) } }),
);
