import { describe, expect, it } from "vitest";
import {
  ADDRESS_LIMIT,
  ADDRESS_WINDOW_MS,
  admitAttempt,
  PAIR_MEMORY_MS,
  retryDelayMs,
  type ThrottleCounter,
  throttleKeys,
} from "@/lib/auth/throttle-policy";

const now = new Date("2026-12-04T08:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const later = (ms: number) => new Date(now.getTime() + ms);
const counter = (values: Partial<ThrottleCounter>): ThrottleCounter => ({
  failures: 0,
  windowStart: ago(60_000),
  lockedUntil: null,
  updatedAt: ago(1000),
  ...values,
});

describe("sign-in throttle policy", () => {
  it("makes no one wait after the first two failures in a row", () => {
    expect([0, 1, 2].map(retryDelayMs)).toEqual([0, 0, 0]);
  });

  it("then waits one second, doubling with every failure, up to fifteen minutes", () => {
    expect([3, 4, 5, 6, 12, 13, 50].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 512_000, 900_000, 900_000]);
  });

  it("counts an attempt before its password is checked and sets the wait before the next", () => {
    const first = admitAttempt(null, null, now);
    expect(first).toEqual({ allowed: true, pair: { failures: 1, windowStart: now, lockedUntil: null }, address: null });
    const third = admitAttempt(counter({ failures: 2 }), null, now);
    expect(third.allowed && third.pair).toMatchObject({ failures: 3, lockedUntil: later(1000) });
  });

  it("refuses an attempt during its pair's wait, and counts nothing then", () => {
    expect(admitAttempt(counter({ failures: 4, lockedUntil: later(1500) }), null, now)).toEqual({ allowed: false, retryAt: later(1500) });
    const after = admitAttempt(counter({ failures: 4, lockedUntil: now }), null, now);
    expect(after.allowed && after.pair).toMatchObject({ failures: 5, lockedUntil: later(4000) });
  });

  it("forgets a pair quiet for a day", () => {
    const quiet = counter({ failures: 20, lockedUntil: later(60_000), updatedAt: ago(PAIR_MEMORY_MS) });
    expect(admitAttempt(quiet, null, now)).toMatchObject({ allowed: true, pair: { failures: 1, lockedUntil: null } });
  });

  it("caps an address's failures per hour over every account", () => {
    const windowStart = ago(10 * 60_000);
    const full = counter({ failures: ADDRESS_LIMIT, windowStart });
    expect(admitAttempt(null, full, now)).toEqual({ allowed: false, retryAt: new Date(windowStart.getTime() + ADDRESS_WINDOW_MS) });
    const almost = admitAttempt(null, counter({ failures: ADDRESS_LIMIT - 1, windowStart }), now);
    expect(almost).toMatchObject({ allowed: true, address: { failures: ADDRESS_LIMIT, windowStart } });
    const nextHour = admitAttempt(null, counter({ failures: ADDRESS_LIMIT, windowStart: ago(ADDRESS_WINDOW_MS) }), now);
    expect(nextHour).toMatchObject({ allowed: true, address: { failures: 1, windowStart: now } });
  });

  it("answers with the later time when both counters refuse", () => {
    const pair = counter({ failures: 9, lockedUntil: later(5000) });
    const address = counter({ failures: ADDRESS_LIMIT, windowStart: ago(ADDRESS_WINDOW_MS - 2000) });
    expect(admitAttempt(pair, address, now)).toEqual({ allowed: false, retryAt: later(5000) });
  });

  it("keys a pair by account and address, folding case and spaces", () => {
    expect(throttleKeys("  Alice@Example.COM ", "10.0.0.1")).toEqual({ pair: "pair:alice@example.com|10.0.0.1", ip: "ip:10.0.0.1" });
    expect(throttleKeys("alice@example.com", null)).toEqual({ pair: "pair:alice@example.com|unknown", ip: null });
  });
});
