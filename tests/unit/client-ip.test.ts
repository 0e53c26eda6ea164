import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/client-ip";

describe("clientIp", () => {
  it("ignores forwarding headers unless the proxy is trusted", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), false)).toBeNull();
  });

  it("takes the hop the trusted proxy appended, not the ones the client wrote", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), true)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 5.6.7.8,203.0.113.9" }), true)).toBe("203.0.113.9");
    expect(clientIp({ "x-real-ip": "198.51.100.4" }, true)).toBe("198.51.100.4");
    expect(clientIp(new Headers(), true)).toBeNull();
  });
});
