import { db } from "@/lib/db";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";

/** The `Idempotency-Key` header an operation may declare. */
export const idempotencyKeyHeaderSchema = safeString(FIELD_BYTES.name).trim().min(1).max(200);

// API clients retry within minutes; a day is ample. Imports keep their batch keys (scope
// "import:…") for as long as the import exists, so a resumed import never counts a batch twice.
const API_KEY_RETENTION_HOURS = 24;

/** Forgets API idempotency keys older than a day; run now and then, not on every request. */
export async function deleteExpiredIdempotencyKeys(): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "IdempotencyRecord"
    WHERE "scope" LIKE 'key:%' AND "createdAt" < now() - ${API_KEY_RETENTION_HOURS} * interval '1 hour'`;
}
