import { defineOperation } from "@/lib/api/operation";
import { idParam } from "@/lib/api/params";
import { updateUser } from "@/lib/users/mutations";
import { updateUserSchema } from "@/lib/users/schema";

/** Changes a person's role, or deactivates / reactivates them. */
export const PATCH = defineOperation(
  {
    internal: true,
    operationId: "updateUser",
    method: "patch",
    path: "/api/admin/users/{id}",
    tag: "Meta",
    summary: "Change a person's role or deactivate them",
    auth: { kind: "session", role: "admin" },
    params: { id: idParam("user ID") },
    body: { variants: [{ name: "UpdateUser", schema: updateUserSchema, example: { active: false } }] },
    responses: [{ status: 200, description: "The person as saved." }],
    errors: { 404: "No such person.", 409: "The last admin cannot be demoted or deactivated.", 422: "The body breaks the schema." },
  },
  async ({ params, body, user }) => ({ status: 200, body: { user: await updateUser(params.id, body, user.id) } }),
);
