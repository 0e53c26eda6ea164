import { describe, expect, it } from "vitest";
import { bearerKey, generateApiKey } from "@/lib/api-keys/format";
import { generateToken, hashToken, tokensEqual } from "@/lib/auth/tokens";

describe("tokens", () => {
  it("generates distinct URL-safe tokens", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => generateToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("hashes deterministically and never returns the token itself", () => {
    const token = generateToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).not.toBe(hashToken(`${token}x`));
  });

  it("compares tokens of different lengths without throwing", () => {
    expect(tokensEqual("abc", "abc")).toBe(true);
    expect(tokensEqual("abc", "abcd")).toBe(false);
  });
});

describe("API key format", () => {
  it("makes keys with a recognisable prefix and a short display form", () => {
    const { key, display } = generateApiKey();
    expect(key).toMatch(/^rk_[A-Za-z0-9_-]{40}$/);
    expect(display).toBe(key.slice(0, 10));
  });

  it("reads only well-formed bearer headers", () => {
    const { key } = generateApiKey();
    expect(bearerKey(`Bearer ${key}`)).toBe(key);
    expect(bearerKey(`bearer ${key}  `)).toBe(key);
    expect(bearerKey(null)).toBeNull();
    expect(bearerKey(key)).toBeNull();
    expect(bearerKey("Bearer not-a-ranklab-key")).toBeNull();
    expect(bearerKey(`Basic ${key}`)).toBeNull();
    expect(bearerKey(`Bearer ${key} extra`)).toBeNull();
  });
});
