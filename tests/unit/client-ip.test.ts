import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/client-ip";

describe("clientIp", () => {
  it("ignores forwarding headers unless the proxy is trusted", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), false)).toBeNull();
  });

  it("takes the first hop of X-Forwarded-For behind a trusted proxy", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }), true)).toBe("203.0.113.9");
    expect(clientIp({ "x-real-ip": "198.51.100.4" }, true)).toBe("198.51.100.4");
    expect(clientIp(new Headers(), true)).toBeNull();
  });
});
