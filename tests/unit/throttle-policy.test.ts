import { describe, expect, it } from "vitest";
import { LOCK_AFTER, shouldLock, signInDelayMs, throttleKey } from "@/lib/auth/throttle-policy";

describe("sign-in throttle policy", () => {
  it("does not slow the first three failures", () => {
    expect([0, 1, 2, 3].map(signInDelayMs)).toEqual([0, 0, 0, 0]);
  });

  it("doubles the delay after that, up to four seconds", () => {
    expect([4, 5, 6, 7, 8, 20].map(signInDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });

  it("locks an account sooner than a shared address", () => {
    expect(shouldLock("email", LOCK_AFTER.email - 1)).toBe(false);
    expect(shouldLock("email", LOCK_AFTER.email)).toBe(true);
    expect(shouldLock("ip", LOCK_AFTER.email)).toBe(false);
    expect(shouldLock("ip", LOCK_AFTER.ip)).toBe(true);
  });

  it("folds case and spaces in keys so Alice@X and alice@x count together", () => {
    expect(throttleKey("email", "  Alice@Example.COM ")).toBe("email:alice@example.com");
    expect(throttleKey("ip", "10.0.0.1")).toBe("ip:10.0.0.1");
  });
});
