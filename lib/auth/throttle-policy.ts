// Sign-in throttling as pure rules over the counters lib/auth/throttle.ts keeps in the database.
// Two counters meet every attempt:
// - the pair (account typed, client address): after a few failures in a row each further attempt
//   must wait, the wait doubling with every failure up to a cap. A stranger failing on someone's
//   account slows down only that stranger's address, never the owner signing in from elsewhere
//   (the hard account lockout this replaces let anyone lock anyone out).
// - the address: a cap on failures per hour over all accounts, so that one address cannot spray
//   passwords across many accounts at one free guess each.
// An attempt is counted as a failure before its password is checked (and forgiven once it turns
// out right), so attempts sent in parallel cannot all slip through before the first is counted.

/** Failures in a row that cost nothing: typos, a forgotten caps lock. */
export const FREE_FAILURES = 3;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60_000;
/** A pair quiet for this long starts again from nothing. */
export const PAIR_MEMORY_MS = 24 * 3600_000;
export const ADDRESS_WINDOW_MS = 3600_000;
// An office behind one NAT shares an address: a hundred failures an hour is far above its typos
// and far below what password spraying needs.
export const ADDRESS_LIMIT = 100;

/** A counter as stored. For a pair, `failures` is the run of failures and `updatedAt` the last one. */
export type ThrottleCounter = { failures: number; windowStart: Date; lockedUntil: Date | null; updatedAt: Date };
/** What to store after counting an attempt. */
export type CounterUpdate = { failures: number; windowStart: Date; lockedUntil: Date | null };

export type Admission = { allowed: true; pair: CounterUpdate; address: CounterUpdate | null } | { allowed: false; retryAt: Date };

/** The wait before the next attempt after `failures` failures in a row: none for the first three, then 1 s doubling to 15 min. */
export function retryDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/**
 * Whether an attempt may have its password checked now, given its pair's counter and its address's
 * (null when the address is unknown), and if so the counters with this attempt counted as a failure. A refused attempt changes nothing, so waiting it out is enough.
 */
export function admitAttempt(pair: ThrottleCounter | null, address: ThrottleCounter | null, now: Date): Admission {
  const refusals: Date[] = [];

  const pairRemembered = pair !== null && now.getTime() - pair.updatedAt.getTime() < PAIR_MEMORY_MS;
  if (pairRemembered && pair.lockedUntil && pair.lockedUntil > now) refusals.push(pair.lockedUntil);
  const pairFailures = (pairRemembered ? pair.failures : 0) + 1;
  const pairDelay = retryDelayMs(pairFailures);
  const nextPair: CounterUpdate = {
    failures: pairFailures,
    windowStart: pairRemembered ? pair.windowStart : now,
    lockedUntil: pairDelay > 0 ? new Date(now.getTime() + pairDelay) : null,
  };

  let nextAddress: CounterUpdate | null = null;
  if (address) {
    const windowOpen = now.getTime() - address.windowStart.getTime() < ADDRESS_WINDOW_MS;
    const failures = windowOpen ? address.failures : 0;
    const windowStart = windowOpen ? address.windowStart : now;
    if (failures >= ADDRESS_LIMIT) refusals.push(new Date(windowStart.getTime() + ADDRESS_WINDOW_MS));
    nextAddress = { failures: failures + 1, windowStart, lockedUntil: null };
  }

  if (refusals.length > 0) return { allowed: false, retryAt: new Date(Math.max(...refusals.map((date) => date.getTime()))) };
  return { allowed: true, pair: nextPair, address: nextAddress };
}

/** The counters' keys; case and spaces are folded so that Alice@X and alice@x count together. */
export function throttleKeys(email: string, ip: string | null): { pair: string; ip: string | null } {
  const account = email.trim().toLowerCase();
  // Without a trusted proxy every client shares one unknown address: the pair is then the account.
  return { pair: `pair:${account}|${ip ?? "unknown"}`, ip: ip ? `ip:${ip}` : null };
}
