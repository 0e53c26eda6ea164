import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { ADMIN_STATUSES, setLabelerStatus } from "@/lib/labeling/standing";

/** An admin warns, blocks or reinstates (active) a labeler in one project; recorded in the audit log. */
export const PUT = defineOperation(
  {
    internal: true,
    operationId: "setLabelerStatus",
    method: "put",
    path: "/api/admin/projects/{slug}/labelers/{id}/status",
    tag: "Quality",
    summary: "Warn, block or reinstate a labeler",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("labeler ID") },
    body: {
      variants: [{ name: "LabelerStatusChange", schema: z.object({ status: z.enum(ADMIN_STATUSES) }), example: { status: "active" } }],
    },
    responses: [{ status: 200, description: "The labeler's new status." }],
    errors: { 404: "No such project or labeler.", 422: "The body breaks the schema." },
  },
  async ({ project, params, body, user }) => ({ status: 200, body: await setLabelerStatus(project, params.id, body.status, user.id) }),
);
