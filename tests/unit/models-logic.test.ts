import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, retryDelay } from "@/lib/models/backoff";
import { nextRequestSize, nSupportFrom } from "@/lib/models/sample-plan";
import { createGenerationJobSchema, createGeneratorSchema } from "@/lib/models/schema";
import { keyringFromEnv, open, seal, sealedWith } from "@/lib/models/secret-box";
import { bucketCapacity, newBucket, takeToken } from "@/lib/models/token-bucket";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe("backoff", () => {
  it("draws below min(max, base·2^retry), full jitter", () => {
    expect(backoffDelay(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
    expect(backoffDelay(10, policy, () => 0.5)).toBe(500);
    expect(backoffDelay(2, policy, () => 0)).toBe(0);
  });

  it("honours Retry-After, capped", () => {
    expect(retryDelay(0, 2000, policy, () => 0)).toBe(2000);
    expect(retryDelay(0, 3_600_000, policy, () => 0)).toBe(5000);
    expect(retryDelay(1, null, policy, () => 0.5)).toBe(100);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:10 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });

  it("retries rate limits, server errors and request timeouts only", () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
  });
});

describe("token bucket", () => {
  it("allows one second's burst, then the rate", () => {
    expect(bucketCapacity(600)).toBe(10);
    expect(bucketCapacity(30)).toBe(1);
    let bucket = newBucket(600, 0);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const taken = takeToken(bucket, 600, 0);
      bucket = taken.bucket;
      waits.push(taken.waitMs);
    }
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    // 10 a second: the 11th waits 100 ms, the 12th 200 ms (reservations queue up).
    expect(waits.slice(10)).toEqual([100, 200]);
  });

  it("refills with time, up to the capacity", () => {
    let { bucket } = takeToken(newBucket(60, 0), 60, 0);
    expect(takeToken(bucket, 60, 500).waitMs).toBe(500);
    bucket = takeToken(bucket, 60, 1000).bucket;
    expect(takeToken(bucket, 60, 100_000).waitMs).toBe(0);
    expect(takeToken(bucket, 60, 100_000).bucket.tokens).toBe(0);
  });
});

describe("sample planning", () => {
  it("asks for all n at once unless the server is known to ignore n", () => {
    expect(nextRequestSize(4, null)).toBe(4);
    expect(nextRequestSize(4, true)).toBe(4);
    expect(nextRequestSize(4, false)).toBe(1);
  });

  it("learns n support from answers to n > 1 only", () => {
    expect(nSupportFrom(4, 4, null)).toBe(true);
    expect(nSupportFrom(4, 1, null)).toBe(false);
    expect(nSupportFrom(4, 1, true)).toBe(false);
    expect(nSupportFrom(1, 1, null)).toBeNull();
    expect(nSupportFrom(1, 1, false)).toBe(false);
  });
});

describe("secret box", () => {
  const keyA = Buffer.alloc(32, 1).toString("base64");
  const keyB = Buffer.alloc(32, 2).toString("base64");

  it("seals with AES-256-GCM and opens under the same key and context only", () => {
    const keyring = keyringFromEnv({ RANKLAB_SECRET_KEY: keyA });
    const box = seal("sk-secret-value", keyring, "project-1");
    expect(box).not.toContain("sk-secret-value");
    expect(seal("sk-secret-value", keyring, "project-1")).not.toBe(box);
    expect(open(box, keyring, "project-1")).toBe("sk-secret-value");
    expect(() => open(box, keyring, "project-2")).toThrow(/does not open/);
    const tampered = `${box.slice(0, -2)}${box.endsWith("A") ? "B" : "A"}A`;
    expect(() => open(tampered, keyring, "project-1")).toThrow();
  });

  it("opens old ciphertexts with the previous key after rotation, and names the key that sealed them", () => {
    const old = keyringFromEnv({ RANKLAB_SECRET_KEY: keyA });
    const box = seal("sk-1", old, "p");
    const rotated = keyringFromEnv({ RANKLAB_SECRET_KEY: keyB, RANKLAB_SECRET_KEY_PREVIOUS: keyA });
    expect(sealedWith(box)).toBe(old.current.id);
    expect(sealedWith(box)).not.toBe(rotated.current.id);
    expect(open(box, rotated, "p")).toBe("sk-1");
    expect(() => open(box, keyringFromEnv({ RANKLAB_SECRET_KEY: keyB }), "p")).toThrow(/RANKLAB_SECRET_KEY_PREVIOUS/);
  });

  it("refuses a missing or short key, without echoing it", () => {
    expect(() => keyringFromEnv({})).toThrow(/RANKLAB_SECRET_KEY is not set/);
    const short = Buffer.alloc(16, 7).toString("base64");
    expect(() => keyringFromEnv({ RANKLAB_SECRET_KEY: short })).toThrow(/32 bytes/);
    try {
      keyringFromEnv({ RANKLAB_SECRET_KEY: short });
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
  });
});

describe("schemas", () => {
  const generator = { name: "gen-1", base_url: "https://api.example.com/v1/", model: "m", api: "chat" };

  it("takes http(s) base URLs without credentials, trailing slash dropped", () => {
    expect(createGeneratorSchema.parse(generator).base_url).toBe("https://api.example.com/v1");
    for (const base_url of [
      "ftp://x/v1",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "https://user:pw@x/v1",
      "https://x/v1?key=1",
      "not a url",
    ]) {
      expect(createGeneratorSchema.safeParse({ ...generator, base_url }).success, base_url).toBe(false);
    }
  });

  it("refuses keys that could break their header", () => {
    expect(createGeneratorSchema.safeParse({ ...generator, api_key: "sk-ok_123" }).success).toBe(true);
    expect(createGeneratorSchema.safeParse({ ...generator, api_key: "sk\r\nX-Evil: 1" }).success).toBe(false);
    expect(createGeneratorSchema.safeParse({ ...generator, api_key: "" }).success).toBe(false);
  });

  it("wants the n's of a job to add up to 4–9, each generator once", () => {
    const job = (samples: { generator: string; n: number }[]) => createGenerationJobSchema.safeParse({ prompts: {}, samples }).success;
    expect(job([{ generator: "a", n: 4 }])).toBe(true);
    expect(
      job([
        { generator: "a", n: 2 },
        { generator: "b", n: 2 },
      ]),
    ).toBe(true);
    expect(job([{ generator: "a", n: 3 }])).toBe(false);
    expect(
      job([
        { generator: "a", n: 5 },
        { generator: "b", n: 5 },
      ]),
    ).toBe(false);
    expect(
      job([
        { generator: "a", n: 2 },
        { generator: "a", n: 2 },
      ]),
    ).toBe(false);
  });
});
