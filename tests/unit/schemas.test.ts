import { describe, expect, it } from "vitest";
import { AppError, parseOrThrow } from "@/lib/api/errors";
import { createApiKeySchema, scopeListSchema } from "@/lib/api-keys/schema";
import { createProjectSchema, slugSchema } from "@/lib/projects/schema";
import { createUserSchema, emailSchema, updateUserSchema } from "@/lib/users/schema";

describe("input schemas", () => {
  it("normalises emails and rejects non-addresses", () => {
    expect(emailSchema.parse("  Ada@Example.ORG ")).toBe("ada@example.org");
    expect(emailSchema.safeParse("not-an-email").success).toBe(false);
  });

  it("requires passwords of at least 10 characters and a known role", () => {
    expect(createUserSchema.safeParse({ email: "a@b.co", password: "123456789", role: "admin" }).success).toBe(false);
    expect(createUserSchema.safeParse({ email: "a@b.co", password: "1234567890", role: "owner" }).success).toBe(false);
    expect(createUserSchema.safeParse({ email: "a@b.co", password: "1234567890", role: "labeler" }).success).toBe(true);
  });

  it("accepts only lowercase hyphenated slugs", () => {
    for (const good of ["demo", "rm-data-2026", "a1"]) expect(slugSchema.safeParse(good).success).toBe(true);
    for (const bad of ["Demo", "a", "-demo", "demo-", "de--mo", "de mo", "dé"]) expect(slugSchema.safeParse(bad).success).toBe(false);
  });

  it("fills project defaults", () => {
    expect(createProjectSchema.parse({ slug: "demo", name: "Demo" })).toEqual({
      slug: "demo",
      name: "Demo",
      description: "",
      instructions: "",
    });
  });

  it("parses scope lists from the command line, deduplicated", () => {
    expect(scopeListSchema.parse("prompts:write, export:read,prompts:write")).toEqual(["prompts:write", "export:read"]);
    expect(scopeListSchema.safeParse("prompts:write,admin").success).toBe(false);
    expect(scopeListSchema.safeParse("").success).toBe(false);
    expect(createApiKeySchema.safeParse({ name: "ci", scopes: [] }).success).toBe(false);
  });

  it("needs something to change on a person", () => {
    expect(updateUserSchema.safeParse({}).success).toBe(false);
    expect(updateUserSchema.safeParse({ active: false }).success).toBe(true);
  });

  it("turns schema failures into a 422 listing each problem", () => {
    try {
      parseOrThrow(createProjectSchema, { slug: "Bad Slug", name: "" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.status).toBe(422);
      expect(appError.issues?.map((issue) => issue.path).sort()).toEqual(["name", "slug"]);
    }
  });
});
