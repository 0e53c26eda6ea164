import { defineOperation } from "@/lib/api/operation";
import { idParam } from "@/lib/api/params";
import { signOutEverywhere } from "@/lib/auth/sessions";

/** Ends every session of a person (a lost laptop, a shared password): they sign in again to go on. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "signOutUserEverywhere",
    method: "post",
    path: "/api/admin/users/{id}/sign-out",
    tag: "Meta",
    summary: "Sign a person out everywhere",
    auth: { kind: "session", role: "admin" },
    params: { id: idParam("user ID") },
    responses: [{ status: 200, description: "Every session the person had has ended." }],
    errors: { 404: "No such person." },
  },
  async ({ params, user }) => {
    await signOutEverywhere(params.id, user.id);
    return { status: 200, body: { status: "signed_out" as const } };
  },
);
