import { defineOperation } from "@/lib/api/operation";
import { acceptInvitation } from "@/lib/users/mutations";
import { acceptInvitationSchema } from "@/lib/users/schema";

/** The invitee sets a name and password; the link works once. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "acceptInvitation",
    method: "post",
    path: "/api/invitations/accept",
    tag: "Meta",
    summary: "Accept an invitation",
    auth: { kind: "public" },
    body: { variants: [{ name: "AcceptInvitation", schema: acceptInvitationSchema, example: null }] },
    responses: [{ status: 201, description: "The new account." }],
    errors: { 410: "The link was used, revoked or has expired.", 422: "The body breaks the schema." },
  },
  async ({ body }) => {
    const user = await acceptInvitation(body);
    return { status: 201, body: { user: { email: user.email, role: user.role } } };
  },
);
