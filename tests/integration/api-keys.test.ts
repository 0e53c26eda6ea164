import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { revokeApiKey } from "@/lib/api-keys/mutations";
import { db } from "@/lib/db";
import { makeApiKey, makeUser } from "../support/factory";

function requestWith(authorization?: string) {
  return new Request("http://localhost/api/v1/projects", { headers: authorization ? { authorization } : {} });
}

async function statusOf(promise: Promise<unknown>) {
  return promise.then(
    () => 200,
    (error: unknown) => (error instanceof AppError ? error.status : 500),
  );
}

describe("API keys", () => {
  it("are stored as a hash only", async () => {
    const created = await makeApiKey(["export:read"]);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).not.toContain(created.key);
    expect(JSON.stringify(row)).not.toContain(created.key);
  });

  it("authenticate with the right scope and record the last use", async () => {
    const created = await makeApiKey(["prompts:write"]);
    const client = await requireApiKey(requestWith(`Bearer ${created.key}`), "prompts:write");
    expect(client.keyId).toBe(created.id);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("answer 401 without a valid key and 403 without the scope", async () => {
    const created = await makeApiKey(["prompts:write"]);
    expect(await statusOf(requireApiKey(requestWith(), "prompts:write"))).toBe(401);
    expect(await statusOf(requireApiKey(requestWith("Bearer rk_unknownkeyunknownkeyunknownkey00000000"), "prompts:write"))).toBe(401);
    expect(await statusOf(requireApiKey(requestWith(`Bearer ${created.key}`), "export:read"))).toBe(403);
    expect(await statusOf(requireApiKey(requestWith(`Bearer ${created.key}`)))).toBe(200);
  });

  it("stop working once revoked", async () => {
    const admin = await makeUser("admin");
    const created = await makeApiKey(["export:read"]);
    await revokeApiKey(created.id, admin.id);
    expect(await statusOf(requireApiKey(requestWith(`Bearer ${created.key}`), "export:read"))).toBe(401);
    expect(await statusOf(revokeApiKey(created.id, admin.id))).toBe(404);
  });
});
