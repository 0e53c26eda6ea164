import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/auth/callback-url";

const origin = "http://localhost:3000";

describe("sameOriginPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(sameOriginPath("/projects/a?x=1#top", origin)).toBe("/projects/a?x=1#top");
    expect(sameOriginPath("/admin/people", origin)).toBe("/admin/people");
    expect(sameOriginPath(["/admin", "/other"], origin)).toBe("/admin");
  });

  it("keeps only the path of an absolute URL to this very origin", () => {
    expect(sameOriginPath("http://localhost:3000/projects/a?x=1", origin)).toBe("/projects/a?x=1");
    expect(sameOriginPath("HTTP://LOCALHOST:3000/x", origin)).toBe("/x");
  });

  it("refuses absolute URLs to other hosts, ports and schemes", () => {
    for (const value of [
      "https://evil.example/steal",
      "http://localhost:3001/x",
      "https://localhost:3000/x",
      "http://localhost:3000.evil.example/",
      "http://localhost:3000@evil.example/",
      "javascript:alert(1)",
      "data:text/html,hi",
    ]) {
      expect(sameOriginPath(value, origin), value).toBe("/");
    }
  });

  it("refuses protocol-relative paths however they are disguised", () => {
    for (const value of [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "\t//evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "  //evil.example",
      "/.//evil.example",
      "/a/..//evil.example",
      "http://localhost:3000//evil.example",
    ]) {
      expect(sameOriginPath(value, origin), JSON.stringify(value)).toBe("/");
    }
  });

  it("keeps encoded characters encoded, so they stay one path segment here", () => {
    expect(sameOriginPath("/%2F%2Fevil.example", origin)).toBe("/%2F%2Fevil.example");
    expect(sameOriginPath("/%09/evil.example", origin)).toBe("/%09/evil.example");
    expect(sameOriginPath("/%5C%5Cevil.example", origin)).toBe("/%5C%5Cevil.example");
  });

  it("never returns control characters, which would break a Location header", () => {
    expect(sameOriginPath("/projects\n/a", origin)).toBe("/projects/a");
    expect(sameOriginPath("/a?next=\r\nSet-Cookie:x", origin)).toBe("/a?next=Set-Cookie:x");
  });

  it("sends anything else home", () => {
    for (const value of [undefined, null, "", 42, {}, []]) expect(sameOriginPath(value, origin)).toBe("/");
    expect(sameOriginPath("/x", "not an origin")).toBe("/");
  });
});
