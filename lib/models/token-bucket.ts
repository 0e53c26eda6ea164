/*
 * A token bucket for a requests-per-minute limit. Pure: the caller keeps the state and the clock.
 * Tokens may go negative: each caller reserves the next free slot and waits for it, so waiting
 * callers are served in order and the rate holds however many wait at once.
 */

export type Bucket = { tokens: number; updatedAt: number };

/**
 * The burst a bucket allows: one second's worth of requests (at least one), so a limit of 600/min
 * sends at most 10 at once and then 10 a second, never a whole minute's worth in one go.
 */
export function bucketCapacity(requestsPerMinute: number): number {
  return Math.max(1, Math.floor(requestsPerMinute / 60));
}

/** A full bucket at `now`. */
export function newBucket(requestsPerMinute: number, now: number): Bucket {
  return { tokens: bucketCapacity(requestsPerMinute), updatedAt: now };
}

/** Takes one token at `now`: the new state and how long the caller must wait before sending. */
export function takeToken(bucket: Bucket, requestsPerMinute: number, now: number): { bucket: Bucket; waitMs: number } {
  const perMs = requestsPerMinute / 60_000;
  const refilled = Math.min(bucketCapacity(requestsPerMinute), bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMs);
  const tokens = refilled - 1;
  return { bucket: { tokens, updatedAt: now }, waitMs: tokens >= 0 ? 0 : Math.ceil(-tokens / perMs) };
}
