import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, startLocalPostgres } from "../../scripts/lib/local-postgres";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ranklab-stale-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// A run of `npm start` that is killed with -9: its postgres keeps running without an owner.
async function startAndKill(port: number): Promise<string> {
  const script = `
    import { startLocalPostgres } from "./scripts/lib/local-postgres.ts";
    const server = await startLocalPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: "app", quiet: true });
    console.log(server.url);
    setInterval(() => {}, 1000);`;
  // Node itself runs the script (tsx as a loader, not its CLI, which would run it in a child that
  // outlives the kill below).
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on("exit", (code) => reject(new Error(`the first run exited with ${code}`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  return url;
}

describe("the embedded PostgreSQL", () => {
  it("recovers from a server left running by a killed run, keeping the data", async () => {
    const port = await findFreePort(56400);
    const firstUrl = await startAndKill(port);
    const first = new pg.Client({ connectionString: firstUrl });
    await first.connect();
    await first.query("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
    await first.end();

    const server = await startLocalPostgres({ dataDir, port, database: "app", quiet: true });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query("SELECT value FROM kept");
      expect(rows).toEqual([{ value: "still here" }]);
      await client.end();
    } finally {
      await server.stop();
    }
  }, 60_000);
});
