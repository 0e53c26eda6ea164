import { admitAttempt, PAIR_MEMORY_MS, type ThrottleCounter, throttleKeys } from "@/lib/auth/throttle-policy";
import { db } from "@/lib/db";

/** The account typed and the client's address (null when no trusted proxy names it). */
export type SignInSubject = { email: string; ip: string | null };

export type SignInAdmission = { allowed: true } | { allowed: false; retryAt: Date };

// Thrown inside the transaction to roll back the counters it created for a refused attempt.
class Refused extends Error {
  constructor(readonly retryAt: Date) {
    super("sign-in refused by the throttle");
  }
}

/**
 * Counts a sign-in attempt as a failure before its password is checked, or refuses it (see
 * lib/auth/throttle-policy.ts). One statement creates the missing counters and locks them all, in
 * sorted order (so two attempts never wait on each other in a cycle); the decision is written in
 * the same transaction. Attempts on any number of instances, in parallel, are counted one by one.
 */
export async function admitSignInAttempt(subject: SignInSubject): Promise<SignInAdmission> {
  const keys = throttleKeys(subject.email, subject.ip);
  const sorted = [keys.pair, keys.ip].filter((key): key is string => key !== null).sort();
  try {
    await db.$transaction(
      async (tx) => {
        const now = new Date();
        // The no-op update locks an existing row and returns it, as the insert returns a new one.
        const rows = await tx.$queryRaw<(ThrottleCounter & { key: string })[]>`
          INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "updatedAt")
          SELECT key, 0, ${now}, ${now} FROM unnest(${sorted}::text[]) AS key ORDER BY key
          ON CONFLICT ("key") DO UPDATE SET "key" = EXCLUDED."key"
          RETURNING "key", "failures", "windowStart", "lockedUntil", "updatedAt"`;
        const byKey = new Map(rows.map((row) => [row.key, row]));
        const admission = admitAttempt(byKey.get(keys.pair) ?? null, keys.ip ? (byKey.get(keys.ip) ?? null) : null, now);
        if (!admission.allowed) throw new Refused(admission.retryAt);
        // updatedAt is the attempt's time, the one the rules read (a pair's last failure).
        await tx.signInThrottle.update({ where: { key: keys.pair }, data: { ...admission.pair, updatedAt: now } });
        if (keys.ip && admission.address) {
          await tx.signInThrottle.update({ where: { key: keys.ip }, data: { ...admission.address, updatedAt: now } });
        }
      },
      // Attempts on one hot key queue on its lock; a burst of them must queue, not fail.
      { maxWait: 10_000, timeout: 10_000 },
    );
    return { allowed: true };
  } catch (error) {
    if (error instanceof Refused) return { allowed: false, retryAt: error.retryAt };
    throw error;
  }
}

/**
 * The password was right: the pair's run of failures ends, and the address gets back the failure
 * counted in advance (only that one, so an attacker's own account cannot wipe its guesses).
 */
export async function forgiveSignInAttempt(subject: SignInSubject): Promise<void> {
  const keys = throttleKeys(subject.email, subject.ip);
  await db.signInThrottle.deleteMany({ where: { key: keys.pair } });
  if (keys.ip) {
    await db.$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${keys.ip}`;
  }
}

/**
 * Forgets counters quiet for longer than any rule looks back, so that attempts on made-up
 * addresses do not pile up rows (an indexed delete that usually finds nothing).
 */
export async function purgeQuietSignInCounters(): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { updatedAt: { lt: new Date(Date.now() - PAIR_MEMORY_MS) } } });
}
