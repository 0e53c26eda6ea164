import { LOCK_AFTER, LOCKOUT_MS, signInDelayMs, THROTTLE_WINDOW_MS, type ThrottleKind, throttleKey } from "@/lib/auth/throttle-policy";
import { db } from "@/lib/db";

export type SignInSubject = { email: string; ip: string | null };

function keysFor(subject: SignInSubject): { key: string; kind: ThrottleKind }[] {
  const keys: { key: string; kind: ThrottleKind }[] = [{ key: throttleKey("email", subject.email), kind: "email" }];
  if (subject.ip) keys.push({ key: throttleKey("ip", subject.ip), kind: "ip" });
  return keys;
}

export type ThrottleState = { lockedUntil: Date | null; delayMs: number };

/** Reads the throttle state from the database, so that every app instance sees the same count. */
export async function getSignInThrottle(subject: SignInSubject): Promise<ThrottleState> {
  const keys = keysFor(subject).map((k) => k.key);
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys } } });
  const now = Date.now();
  let lockedUntil: Date | null = null;
  let failures = 0;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil.getTime() > now) {
      if (!lockedUntil || row.lockedUntil > lockedUntil) lockedUntil = row.lockedUntil;
    }
    if (now - row.windowStart.getTime() < THROTTLE_WINDOW_MS && row.key.startsWith("email:")) {
      failures = Math.max(failures, row.failures);
    }
  }
  return { lockedUntil, delayMs: signInDelayMs(failures) };
}

/**
 * Counts one failure for each key in one atomic statement per key: concurrent failures on two
 * instances both count, and the window restarts once it has passed.
 */
export async function recordSignInFailure(subject: SignInSubject): Promise<void> {
  for (const { key, kind } of keysFor(subject)) {
    await db.$executeRaw`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "updatedAt")
      VALUES (${key}, 1, now(), now())
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStart" < now() - ${THROTTLE_WINDOW_MS} * interval '1 millisecond'
                          THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < now() - ${THROTTLE_WINDOW_MS} * interval '1 millisecond'
                          THEN now() ELSE "SignInThrottle"."windowStart" END,
        "updatedAt" = now()`;
    await db.$executeRaw`
      UPDATE "SignInThrottle"
      SET "lockedUntil" = now() + ${LOCKOUT_MS} * interval '1 millisecond', "failures" = 0, "windowStart" = now()
      WHERE "key" = ${key} AND "failures" >= ${LOCK_AFTER[kind]}`;
  }
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function clearSignInFailures(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: throttleKey("email", email) } });
}
