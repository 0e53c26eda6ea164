import { defineOperation } from "@/lib/api/operation";
import { createApiKey } from "@/lib/api-keys/mutations";
import { listApiKeys } from "@/lib/api-keys/queries";
import { createApiKeySchema } from "@/lib/api-keys/schema";

export const GET = defineOperation(
  {
    internal: true,
    operationId: "listApiKeys",
    method: "get",
    path: "/api/admin/api-keys",
    tag: "Meta",
    summary: "List API keys",
    auth: { kind: "session", role: "admin" },
    responses: [{ status: 200, description: "Every key, without its secret." }],
    errors: {},
  },
  async () => ({ status: 200, body: { keys: await listApiKeys() } }),
);

/** Creates a key; the key itself is in this answer only. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "createApiKey",
    method: "post",
    path: "/api/admin/api-keys",
    tag: "Meta",
    summary: "Create an API key",
    auth: { kind: "session", role: "admin" },
    body: { variants: [{ name: "CreateApiKey", schema: createApiKeySchema, example: { name: "trainer", scopes: ["export:read"] } }] },
    responses: [{ status: 201, description: "The key, shown this once." }],
    errors: { 422: "The body breaks the schema." },
  },
  async ({ body, user }) => ({ status: 201, body: { key: await createApiKey(body, user.id) } }),
);
