import { describe, expect, it } from "vitest";
import { clearSignInFailures, getSignInThrottle, recordSignInFailure } from "@/lib/auth/throttle";
import { LOCK_AFTER } from "@/lib/auth/throttle-policy";
import { uniqueEmail } from "../support/unique";

describe("sign-in throttle (state in the database)", () => {
  it("slows an account down, then locks it", async () => {
    const email = uniqueEmail("throttled");
    for (let i = 0; i < 4; i++) await recordSignInFailure({ email, ip: null });
    const slowed = await getSignInThrottle({ email, ip: null });
    expect(slowed.lockedUntil).toBeNull();
    expect(slowed.delayMs).toBeGreaterThan(0);
    for (let i = 4; i < LOCK_AFTER.email; i++) await recordSignInFailure({ email, ip: null });
    const locked = await getSignInThrottle({ email, ip: null });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
  });

  it("counts concurrent failures exactly, as two instances would send them", async () => {
    const email = uniqueEmail("parallel");
    await Promise.all(Array.from({ length: LOCK_AFTER.email }, () => recordSignInFailure({ email, ip: null })));
    expect((await getSignInThrottle({ email, ip: null })).lockedUntil).not.toBeNull();
  });

  it("locks an address that tries many accounts", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const fresh = uniqueEmail("victim");
    await Promise.all(Array.from({ length: LOCK_AFTER.ip }, () => recordSignInFailure({ email: uniqueEmail("spray"), ip })));
    expect((await getSignInThrottle({ email: fresh, ip })).lockedUntil).not.toBeNull();
    expect((await getSignInThrottle({ email: fresh, ip: null })).lockedUntil).toBeNull();
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const email = uniqueEmail("forgiven");
    for (let i = 0; i < 5; i++) await recordSignInFailure({ email, ip: null });
    await clearSignInFailures(email);
    expect(await getSignInThrottle({ email, ip: null })).toEqual({ lockedUntil: null, delayMs: 0 });
  });
});
