import { defineOperation } from "@/lib/api/operation";
import { publicOrigin } from "@/lib/api/origin";
import { createInvitation } from "@/lib/users/mutations";
import { listOpenInvitations } from "@/lib/users/queries";
import { inviteSchema } from "@/lib/users/schema";

export const GET = defineOperation(
  {
    internal: true,
    operationId: "listInvitations",
    method: "get",
    path: "/api/admin/invitations",
    tag: "Meta",
    summary: "List open invitations",
    auth: { kind: "session", role: "admin" },
    responses: [{ status: 200, description: "Invitations not yet used, revoked or expired." }],
    errors: {},
  },
  async () => ({ status: 200, body: { invitations: await listOpenInvitations() } }),
);

/** Creates an invitation; the link is in this answer only (the token is stored hashed). */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "createInvitation",
    method: "post",
    path: "/api/admin/invitations",
    tag: "Meta",
    summary: "Invite someone",
    auth: { kind: "session", role: "admin" },
    body: { variants: [{ name: "Invite", schema: inviteSchema, example: { email: "new@example.com", role: "labeler" } }] },
    responses: [{ status: 201, description: "The invitation and its one-time link." }],
    errors: { 409: "That person already has an account.", 422: "The body breaks the schema." },
  },
  async ({ request, body, user }) => {
    const { token, ...invitation } = await createInvitation(body, user.id);
    return { status: 201, body: { invitation, url: `${publicOrigin(request)}/invite/${token}` } };
  },
);
