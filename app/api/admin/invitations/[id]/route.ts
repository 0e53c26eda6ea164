import { defineOperation } from "@/lib/api/operation";
import { idParam } from "@/lib/api/params";
import { revokeInvitation } from "@/lib/users/mutations";

export const DELETE = defineOperation(
  {
    internal: true,
    operationId: "revokeInvitation",
    method: "delete",
    path: "/api/admin/invitations/{id}",
    tag: "Meta",
    summary: "Revoke an invitation",
    auth: { kind: "session", role: "admin" },
    params: { id: idParam("invitation ID") },
    responses: [{ status: 204, description: "Revoked." }],
    errors: { 404: "No such invitation." },
  },
  async ({ params, user }) => {
    await revokeInvitation(params.id, user.id);
    return { status: 204 };
  },
);
