import { defineOperation } from "@/lib/api/operation";
import { idParam } from "@/lib/api/params";
import { revokeApiKey } from "@/lib/api-keys/mutations";

export const DELETE = defineOperation(
  {
    internal: true,
    operationId: "revokeApiKey",
    method: "delete",
    path: "/api/admin/api-keys/{id}",
    tag: "Meta",
    summary: "Revoke an API key",
    auth: { kind: "session", role: "admin" },
    params: { id: idParam("API key ID") },
    responses: [{ status: 204, description: "Revoked." }],
    errors: { 404: "No such key." },
  },
  async ({ params, user }) => {
    await revokeApiKey(params.id, user.id);
    return { status: 204 };
  },
);
