// The embedded PostgreSQL keeps stored data out of its log: failed statements are not echoed,
// and neither are the values in their error details.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { findFreePort, startLocalPostgres } from "../../scripts/lib/local-postgres";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ranklab-pglog-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the embedded PostgreSQL's log", () => {
  it("holds no statement text and no values, even when statements fail on them", async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return write(chunk as string, ...(rest as []));
    });
    const server = await startLocalPostgres({ dataDir, port: await findFreePort(56500), database: "app" });
    const marker = `secret-marker-${Date.now()}`;
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const settings = await client.query(
        "SELECT name, setting FROM pg_settings WHERE name IN ('log_error_verbosity', 'log_min_error_statement', 'log_statement') ORDER BY name",
      );
      expect(settings.rows).toEqual([
        { name: "log_error_verbosity", setting: "terse" },
        { name: "log_min_error_statement", setting: "panic" },
        { name: "log_statement", setting: "none" },
      ]);
      await client.query("CREATE TABLE people (email text UNIQUE)");
      await client.query("INSERT INTO people VALUES ($1)", [marker]);
      // A unique violation (the value is in DETAIL), a value in the primary message, a statement's text.
      await expect(client.query("INSERT INTO people VALUES ($1)", [marker])).rejects.toThrow(/duplicate key/);
      await expect(client.query("SELECT $1::int", [marker])).rejects.toThrow(/invalid input syntax/);
      await expect(client.query(`SELECT '${marker}'::int`)).rejects.toThrow(/invalid input syntax/);
      await client.end();
      // The server's own troubles still show: a FATAL for an unknown database.
      const stranger = new pg.Client({ connectionString: server.url.replace(/\/app$/, "/no_such_database") });
      await expect(stranger.connect()).rejects.toThrow(/does not exist/);
      await expect.poll(() => written.join(""), { timeout: 5_000 }).toMatch(/no_such_database/);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await server.stop();
      spy.mockRestore();
    }
    expect(written.join("")).not.toContain(marker);
  }, 60_000);
});
