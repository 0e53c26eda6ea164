import { describe, expect, it } from "vitest";
import { isSameOriginRequest, type OriginEvidence } from "@/lib/api/origin";

const ours: OriginEvidence = { origin: null, secFetchSite: null, host: "ranklab.example", publicOrigin: null };

describe("isSameOriginRequest", () => {
  it("accepts the app's own pages by Origin, Sec-Fetch-Site or both", () => {
    expect(isSameOriginRequest({ ...ours, origin: "https://ranklab.example" })).toBe(true);
    expect(isSameOriginRequest({ ...ours, secFetchSite: "same-origin" })).toBe(true);
    expect(isSameOriginRequest({ ...ours, origin: "https://ranklab.example", secFetchSite: "same-origin" })).toBe(true);
    // Behind a TLS-terminating proxy the app sees http while the browser says https: the host decides.
    expect(isSameOriginRequest({ ...ours, origin: "http://ranklab.example" })).toBe(true);
    expect(isSameOriginRequest({ ...ours, host: "localhost:3000", origin: "http://localhost:3000" })).toBe(true);
    // A proxy that rewrites Host: the configured public origin still matches.
    expect(
      isSameOriginRequest({ ...ours, host: "10.0.0.5:3000", origin: "https://ranklab.example", publicOrigin: "https://ranklab.example/" }),
    ).toBe(true);
  });

  it("refuses other sites, other ports, sibling subdomains and opaque origins", () => {
    expect(isSameOriginRequest({ ...ours, origin: "https://evil.example" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, origin: "https://ranklab.example.evil.example" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, origin: "https://ranklab.example:8443" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, origin: "null" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, origin: "file://ranklab.example" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, secFetchSite: "cross-site" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, secFetchSite: "same-site" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, secFetchSite: "none" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, origin: "https://evil.example", publicOrigin: "https://ranklab.example" })).toBe(false);
  });

  it("refuses a request whose headers disagree, or that carries neither", () => {
    expect(isSameOriginRequest({ ...ours, origin: "https://ranklab.example", secFetchSite: "cross-site" })).toBe(false);
    expect(isSameOriginRequest({ ...ours, origin: "https://evil.example", secFetchSite: "same-origin" })).toBe(false);
    expect(isSameOriginRequest(ours)).toBe(false);
    expect(isSameOriginRequest({ ...ours, host: null, origin: "https://ranklab.example" })).toBe(false);
  });
});
