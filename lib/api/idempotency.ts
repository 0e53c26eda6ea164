import { z } from "zod";
import { parseOrThrow } from "@/lib/api/errors";

const idempotencyKeySchema = z.string().trim().min(1).max(200);

/** The Idempotency-Key header, validated, or undefined when the caller sent none. */
export function readIdempotencyKey(request: Request): string | undefined {
  const header = request.headers.get("idempotency-key");
  return header === null ? undefined : parseOrThrow(idempotencyKeySchema, header, "Idempotency-Key header");
}
