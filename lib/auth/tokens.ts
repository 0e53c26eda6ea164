import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random URL-safe secret with `bytes` bytes of entropy. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * The stored form of a high-entropy secret (invitation links, setup links, API keys). SHA-256 is
 * enough here because the secret itself is random; passwords use argon2 instead.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
