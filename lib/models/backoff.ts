/*
 * When to try a model endpoint again. Pure: the clock and the random draw come from the caller.
 */

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first retry's ceiling; each later one doubles it. */
  baseDelayMs: number;
  /** The most a computed backoff waits. */
  maxDelayMs: number;
  /** The most a server's Retry-After is honoured: a server asking for an hour is not waited on for an hour. */
  maxRetryAfterMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/** Statuses worth another try: rate limiting, the server's own failures, and a request timeout. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Exponential backoff with full jitter (a uniform draw below min(max, base·2^retry)): clients that
 * failed together spread out instead of retrying in lockstep. `retry` counts from 0.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The wait before retry number `retry`: the server's Retry-After when it gave one (capped), else the backoff. */
export function retryDelay(retry: number, retryAfterMs: number | null, policy: RetryPolicy, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(retry, policy, random);
}
