import { createHmac } from "node:crypto";

export const SPLITS = ["train", "valid", "test"] as const;
export type Split = (typeof SPLITS)[number];
export type SplitProportions = Record<Split, number>;
export const DEFAULT_SPLIT_PROPORTIONS: SplitProportions = { train: 80, valid: 10, test: 10 };

/**
 * A stable pseudonym for an end-user ID within one project: keyed by the project's salt, so it
 * reveals nothing about the ID and cannot be linked across projects. Quotas, splits and exports
 * use it; the raw ID is never stored when it carries personal data.
 */
export function endUserRef(salt: string, endUserId: string): string {
  return createHmac("sha256", salt).update(endUserId, "utf8").digest("base64url").slice(0, 32);
}

/**
 * The split of every prompt of one end user: a point in [0, 100) drawn from the user's
 * pseudonym, placed on the cumulative proportions. The same user always lands in the same split.
 */
export function splitForUser(userRef: string, proportions: SplitProportions): Split {
  const total = proportions.train + proportions.valid + proportions.test;
  const point = (leading32Bits(userRef) / 2 ** 32) * total;
  if (point < proportions.train) return "train";
  if (point < proportions.train + proportions.valid) return "valid";
  return "test";
}

const BASE64URL_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Each base64url character's 6-bit value, by character code. */
const BASE64URL_VALUE = new Uint8Array(128);
for (let i = 0; i < BASE64URL_DIGITS.length; i++) BASE64URL_VALUE[BASE64URL_DIGITS.charCodeAt(i)] = i;

/**
 * The first 32 bits of a pseudonym's bytes (what Buffer.from(ref, "base64url").readUInt32BE(0)
 * reads), from its first six characters: five whole (30 bits) and the top two bits of the sixth.
 * Read here rather than through a Buffer, which cost more than the rest of a prompt's split.
 */
function leading32Bits(userRef: string): number {
  let bits = 0;
  for (let i = 0; i < 5; i++) bits = bits * 64 + BASE64URL_VALUE[userRef.charCodeAt(i) & 127]!;
  return bits * 4 + (BASE64URL_VALUE[userRef.charCodeAt(5) & 127]! >> 4);
}
