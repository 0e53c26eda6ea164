import { describe, expect, it } from "vitest";
import { applyMigrations, pendingSchemaSql } from "../../scripts/lib/schema-engine";

describe("migrations", () => {
  it("cover every change to prisma/schema.prisma", async () => {
    // Fails when the schema was edited without `npm run migrate -- create <name>`.
    expect(await pendingSchemaSql(process.env.DATABASE_URL!)).toBe("");
  });

  it("are already applied and applying again changes nothing", async () => {
    expect(await applyMigrations(process.env.DATABASE_URL!)).toEqual([]);
  });
});
