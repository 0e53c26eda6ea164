import { defineOperation } from "@/lib/api/operation";
import { idParam } from "@/lib/api/params";
import { releaseLease } from "@/lib/labeling/queue";

export const POST = defineOperation(
  {
    internal: true,
    operationId: "releaseLease",
    method: "post",
    path: "/api/admin/assignments/{id}/release",
    tag: "Labeling",
    summary: "Release a labeler's lease",
    auth: { kind: "session", role: "admin" },
    params: { id: idParam("assignment ID") },
    responses: [{ status: 200, description: "Released." }],
    errors: { 404: "No such lease.", 409: "The lease is no longer held." },
  },
  async ({ params, user }) => {
    await releaseLease(params.id, user.id);
    return { status: 200, body: { status: "released" as const } };
  },
);
