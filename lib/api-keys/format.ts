import { generateToken } from "@/lib/auth/tokens";

const KEY_PREFIX = "rk_";

/** A new key: `rk_` + 40 random characters; `display` is what lists show to tell keys apart. */
export function generateApiKey(): { key: string; display: string } {
  const key = `${KEY_PREFIX}${generateToken(30)}`;
  return { key, display: key.slice(0, 10) };
}

/** The key from an `Authorization: Bearer <key>` header, or null when absent or malformed. */
export function bearerKey(authorization: string | null): string | null {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  const key = match?.[1];
  return key?.startsWith(KEY_PREFIX) && key.length < 200 ? key : null;
}
