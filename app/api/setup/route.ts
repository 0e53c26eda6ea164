import { defineOperation } from "@/lib/api/operation";
import { completeSetup } from "@/lib/users/mutations";
import { setupAdminSchema } from "@/lib/users/schema";

/** Creates the first admin from the one-time setup link printed at first start. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "completeSetup",
    method: "post",
    path: "/api/setup",
    tag: "Meta",
    summary: "Create the first admin",
    auth: { kind: "public" },
    body: { variants: [{ name: "SetupAdmin", schema: setupAdminSchema, example: null }] },
    responses: [{ status: 201, description: "The first admin." }],
    errors: { 410: "Setup is already done or the link expired.", 422: "The body breaks the schema." },
  },
  async ({ body }) => {
    const user = await completeSetup(body);
    return { status: 201, body: { user: { email: user.email, role: user.role } } };
  },
);
