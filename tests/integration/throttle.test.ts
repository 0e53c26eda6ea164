import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { runWithSignInRefusal } from "@/lib/auth/sign-in-refusal";
import { admitSignInAttempt, forgiveSignInAttempt } from "@/lib/auth/throttle";
import { ADDRESS_LIMIT, throttleKeys } from "@/lib/auth/throttle-policy";
import { db } from "@/lib/db";
import { makeUser } from "../support/factory";
import { uniqueEmail } from "../support/unique";

const randomIp = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

// The credentials check as next-auth calls it, with the body it parsed and the request's headers.
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

async function admittedCount(attempts: Promise<{ allowed: boolean }>[]) {
  return (await Promise.all(attempts)).filter((attempt) => attempt.allowed).length;
}

describe("sign-in throttle (state in the database)", () => {
  beforeAll(() => {
    vi.stubEnv("TRUST_PROXY", "1");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("lets three attempts in a row through, then makes the next wait, even when all arrive at once", async () => {
    const subject = { email: uniqueEmail("parallel"), ip: randomIp() };
    // Ten attempts at once, as two instances would receive them: each is counted before the next is judged.
    expect(await admittedCount(Array.from({ length: 10 }, () => admitSignInAttempt(subject)))).toBe(3);
    const key = throttleKeys(subject.email, subject.ip).pair;
    const afterThree = await db.signInThrottle.findUniqueOrThrow({ where: { key } });
    expect(afterThree.failures).toBe(3);
    expect(afterThree.lockedUntil!.getTime() - afterThree.updatedAt.getTime()).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await admitSignInAttempt(subject)).allowed).toBe(true);
    expect((await admitSignInAttempt(subject)).allowed).toBe(false);
    const afterFour = await db.signInThrottle.findUniqueOrThrow({ where: { key } });
    expect(afterFour.failures).toBe(4);
    expect(afterFour.lockedUntil!.getTime() - afterFour.updatedAt.getTime()).toBe(2000);
  });

  it("does not slow the account's owner down from another address", async () => {
    const email = uniqueEmail("victim");
    const attacker = randomIp();
    for (let i = 0; i < 3; i++) await admitSignInAttempt({ email, ip: attacker });
    expect((await admitSignInAttempt({ email, ip: attacker })).allowed).toBe(false);
    expect((await admitSignInAttempt({ email, ip: randomIp() })).allowed).toBe(true);
  });

  it("caps one address's failures over every account it tries", async () => {
    const ip = randomIp();
    const spray = Array.from({ length: ADDRESS_LIMIT }, () => admitSignInAttempt({ email: uniqueEmail("spray"), ip }));
    expect(await admittedCount(spray)).toBe(ADDRESS_LIMIT);
    const fresh = uniqueEmail("fresh");
    const refused = await admitSignInAttempt({ email: fresh, ip });
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect((await admitSignInAttempt({ email: fresh, ip: randomIp() })).allowed).toBe(true);
    // A refused attempt leaves nothing behind.
    expect(await db.signInThrottle.count({ where: { key: throttleKeys(fresh, ip).pair } })).toBe(0);
  });

  it("forgives the pair on the right password, and the address only that attempt", async () => {
    const subject = { email: uniqueEmail("forgiven"), ip: randomIp() };
    for (let i = 0; i < 3; i++) await admitSignInAttempt(subject);
    await forgiveSignInAttempt(subject);
    expect((await admitSignInAttempt(subject)).allowed).toBe(true);
    const keys = throttleKeys(subject.email, subject.ip);
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: keys.ip! } })).failures).toBe(3);
  });

  it("refuses even the right password while a pair waits, in the credentials check itself", async () => {
    const user = await makeUser("labeler");
    const headers = { "x-forwarded-for": randomIp() };
    for (let i = 0; i < 3; i++) expect(await authorize({ email: user.email, password: "wrong-password-here" }, { headers })).toBeNull();
    // The account as typed, in another case: the check counts what it signs in with.
    const { result, retryAt } = await runWithSignInRefusal(() =>
      authorize({ email: ` ${user.email.toUpperCase()}`, password: user.password }, { headers }).catch((error: Error) => error.message),
    );
    expect(result).toBe("RateLimited");
    expect(retryAt).not.toBeNull();
    expect(await authorize({ email: user.email, password: user.password }, { headers: { "x-forwarded-for": randomIp() } })).toMatchObject({
      id: user.id,
    });
  });
});
