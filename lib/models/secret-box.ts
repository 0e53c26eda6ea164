import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/*
 * Endpoint API keys at rest: AES-256-GCM under a key from the environment. Each ciphertext names
 * the key that sealed it (the first bytes of the key's SHA-256), so a rotated deployment still
 * opens old ciphertexts with RANKLAB_SECRET_KEY_PREVIOUS until `cli secrets rotate` reseals them.
 * Format: `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts.
 */

export const SECRET_KEY_ENV = "RANKLAB_SECRET_KEY";
export const PREVIOUS_SECRET_KEY_ENV = "RANKLAB_SECRET_KEY_PREVIOUS";

type SealingKey = { id: string; key: Buffer };
export type Keyring = { current: SealingKey; previous: SealingKey[] };

/** A key or keyring that cannot be used; the message names the variable and never holds the key. */
export class SecretKeyError extends Error {}

function sealingKey(value: string, variable: string): SealingKey {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) throw new SecretKeyError(`${variable} must be 32 bytes in base64 (openssl rand -base64 32).`);
  return { id: createHash("sha256").update(key).digest("base64url").slice(0, 8), key };
}

/** The keyring the environment gives: the current key and any previous ones (comma-separated). */
export function keyringFromEnv(env: Record<string, string | undefined> = process.env): Keyring {
  const current = env[SECRET_KEY_ENV];
  if (!current) throw new SecretKeyError(`${SECRET_KEY_ENV} is not set, so endpoint API keys cannot be stored or used.`);
  const previous = (env[PREVIOUS_SECRET_KEY_ENV] ?? "")
    .split(",")
    .filter((part) => part.trim())
    .map((part) => sealingKey(part, PREVIOUS_SECRET_KEY_ENV));
  return { current: sealingKey(current, SECRET_KEY_ENV), previous };
}

/** Seals `plain`, bound to `context` (the owner's id): a ciphertext copied to another row does not open. */
export function seal(plain: string, keyring: Keyring, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", keyring.current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ".",
  );
}

/** The id of the key that sealed `box`. */
export function sealedWith(box: string): string {
  return box.split(".")[1] ?? "";
}

/** Opens a ciphertext sealed under the current or a previous key. */
export function open(box: string, keyring: Keyring, context: string): string {
  const [version, keyId, iv, tag, body] = box.split(".");
  if (version !== "v1" || !keyId || !iv || !tag || body === undefined)
    throw new SecretKeyError("The stored secret is not in a known format.");
  const key = [keyring.current, ...keyring.previous].find((candidate) => candidate.id === keyId);
  if (!key)
    throw new SecretKeyError(
      `The stored secret was sealed with key ${keyId}, which neither ${SECRET_KEY_ENV} nor ${PREVIOUS_SECRET_KEY_ENV} holds.`,
    );
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("The stored secret does not open with its key (tampered with, or moved to another row).");
  }
}
