import { AppError } from "@/lib/api/errors";
import { generateApiKey } from "@/lib/api-keys/format";
import type { CreateApiKeyInput } from "@/lib/api-keys/schema";
import { writeAudit } from "@/lib/audit/log";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";

/** Creates a key and returns it in clear, once: only its hash is stored. */
export async function createApiKey(input: CreateApiKeyInput, actorId: string | null) {
  const { key, display } = generateApiKey();
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: input.name, prefix: display, keyHash: hashToken(key), scopes: input.scopes, createdById: actorId },
      select: { id: true, name: true, prefix: true, scopes: true, createdAt: true },
    });
    await writeAudit(tx, { actorId, action: "api_key.create", targetType: "api_key", targetId: row.id, details: { scopes: input.scopes } });
    return row;
  });
  return { ...created, key };
}

export async function revokeApiKey(id: string, actorId: string) {
  const result = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 0) throw new AppError("not_found", "No active API key with that id.");
  await writeAudit(db, { actorId, action: "api_key.revoke", targetType: "api_key", targetId: id });
}
