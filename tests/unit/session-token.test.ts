import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeRemembered } from "@/lib/auth/session-token";

const secret = "unit-test-secret-0123456789abcdef";

describe("remembered session tokens", () => {
  it("decode to the same claims every time, and only with the secret they were made with", async () => {
    const token = await encode({ token: { id: "u1", sessionVersion: 3 }, secret, maxAge: 3600 });
    const first = await decodeRemembered({ token, secret });
    expect(first).toMatchObject({ id: "u1", sessionVersion: 3 });
    expect(await decodeRemembered({ token, secret })).toEqual(first);
    const other = await encode({ token: { id: "u2" }, secret: "another-secret-0123456789abcdef", maxAge: 3600 });
    await expect(decodeRemembered({ token: other, secret })).rejects.toThrow();
    await expect(decodeRemembered({ token: `${token.slice(0, -4)}AAAA`, secret })).rejects.toThrow();
  });

  it("stop working once expired, although remembered", async () => {
    const token = await encode({ token: { id: "u3" }, secret, maxAge: 20 });
    expect(await decodeRemembered({ token, secret })).toMatchObject({ id: "u3" });
    const realNow = Date.now;
    try {
      Date.now = () => realNow() + 60_000; // past its expiry and next-auth's 15 s tolerance
      expect(await decodeRemembered({ token, secret })).toBeNull();
    } finally {
      Date.now = realNow;
    }
  });
});
