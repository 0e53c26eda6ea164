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
  const point = (Buffer.from(userRef, "base64url").readUInt32BE(0) / 2 ** 32) * total;
  if (point < proportions.train) return "train";
  if (point < proportions.train + proportions.valid) return "valid";
  return "test";
}
