import { defineOperation } from "@/lib/api/operation";
import { listUsers } from "@/lib/users/queries";

export const GET = defineOperation(
  {
    internal: true,
    operationId: "listUsers",
    method: "get",
    path: "/api/admin/users",
    tag: "Meta",
    summary: "Everyone with an account",
    auth: { kind: "session", role: "admin" },
    responses: [{ status: 200, description: "The people." }],
    errors: {},
  },
  async () => ({ status: 200, body: { users: await listUsers() } }),
);
