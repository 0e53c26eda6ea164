import { describe, expect, it } from "vitest";
import { arrivedOverHttps, contentSecurityPolicy, pageSecurityHeaders } from "@/lib/security/headers";

describe("page security headers", () => {
  it("allow scripts by this response's nonce only, and eval only in development", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: false, development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "abc123", https: false, development: true })).toContain("'strict-dynamic' 'unsafe-eval'");
  });

  it("add HSTS and upgrade-insecure-requests over HTTPS only", () => {
    expect(pageSecurityHeaders({ nonce: "n", https: false, development: false })).not.toHaveProperty("Strict-Transport-Security");
    const https = pageSecurityHeaders({ nonce: "n", https: true, development: false });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("know HTTPS from the URL, the nearest X-Forwarded-Proto hop, or an https public URL", () => {
    const plain = { protocol: "http:", forwardedProto: null, publicUrl: undefined };
    expect(arrivedOverHttps(plain)).toBe(false);
    expect(arrivedOverHttps({ ...plain, protocol: "https:" })).toBe(true);
    expect(arrivedOverHttps({ ...plain, forwardedProto: "HTTPS, http" })).toBe(true);
    expect(arrivedOverHttps({ ...plain, forwardedProto: "http, https" })).toBe(false);
    expect(arrivedOverHttps({ ...plain, publicUrl: "https://ranklab.example" })).toBe(true);
    expect(arrivedOverHttps({ ...plain, publicUrl: "http://localhost:3000" })).toBe(false);
  });
});
