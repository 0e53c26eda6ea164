import { AppError } from "@/lib/api/errors";
import { bearerKey } from "@/lib/api-keys/format";
import type { ApiKeyScope } from "@/lib/api-keys/schema";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";

export type ApiClient = { keyId: string; name: string; scopes: string[] };

// Recording every use would write on every request; a minute's precision is enough for people.
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The API key a request carries, checked against the database: 401 when it is missing, unknown
 * or revoked; 403 when it lacks `scope` (omit `scope` for routes any valid key may call).
 */
export async function requireApiKey(request: Request, scope?: ApiKeyScope): Promise<ApiClient> {
  const key = bearerKey(request.headers.get("authorization"));
  if (!key) throw new AppError("unauthorized", "Send an API key as `Authorization: Bearer <key>`.");
  const row = await db.apiKey.findUnique({ where: { keyHash: hashToken(key) } });
  if (!row || row.revokedAt) throw new AppError("unauthorized", "This API key is not valid or was revoked.");
  if (scope && !row.scopes.includes(scope)) {
    throw new AppError("forbidden", `This API key lacks the \`${scope}\` scope.`);
  }
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { keyId: row.id, name: row.name, scopes: row.scopes };
}
