import { beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "../support/fresh-database";

// Runs against its own empty database: the first-admin rules depend on there being no admin yet.
let bootstrap: typeof import("@/lib/users/bootstrap");
let mutations: typeof import("@/lib/users/mutations");

beforeAll(async () => {
  process.env.DATABASE_URL = await createFreshDatabase();
  bootstrap = await import("@/lib/users/bootstrap");
  mutations = await import("@/lib/users/mutations");
});

describe("the first admin", () => {
  it("gets a one-time setup link when no admin exists and none is configured", async () => {
    const outcome = await bootstrap.bootstrapFirstAdmin({});
    expect(outcome.kind).toBe("setup-link");
    if (outcome.kind !== "setup-link") return;
    expect(await mutations.isSetupTokenOpen(outcome.token)).toBe(true);
    const admin = await mutations.completeSetup({
      token: outcome.token,
      email: "first@example.com",
      name: "First",
      password: "first-admin-password",
    });
    expect(admin.role).toBe("admin");
    expect(await mutations.isSetupTokenOpen(outcome.token)).toBe(false);
    await expect(
      mutations.completeSetup({ token: outcome.token, email: "second@example.com", name: "Second", password: "first-admin-password" }),
    ).rejects.toThrow(/expired or was already used/);
    expect((await bootstrap.bootstrapFirstAdmin({})).kind).toBe("admin-exists");
  });

  it("is created from ADMIN_EMAIL and ADMIN_PASSWORD once", async () => {
    const env = { ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "ops-password-long" };
    expect(await bootstrap.bootstrapFirstAdmin(env)).toEqual({ kind: "admin-created", email: "ops@example.com" });
    expect(await bootstrap.bootstrapFirstAdmin(env)).toEqual({ kind: "admin-exists" });
  });

  it("rejects a weak ADMIN_PASSWORD with a clear message", async () => {
    await expect(bootstrap.bootstrapFirstAdmin({ ADMIN_EMAIL: "weak@example.com", ADMIN_PASSWORD: "short" })).rejects.toThrow(
      /ADMIN_PASSWORD/,
    );
  });
});
