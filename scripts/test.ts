// npm test: every test on a throwaway database, ending with one line "N passed, N failed, N skipped".
//   1. unit and integration tests (vitest) against a fresh embedded PostgreSQL
//   2. the app built and started on that database, then HTTP and browser tests (Playwright)
// TEST_DATABASE_URL points the run at another (empty, throwaway) PostgreSQL database instead.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureBudgets, printBudgetReport } from "./js-budget";
import { type AppServer, startAppServers } from "./lib/app-server";
import { ensureBuild, ensurePrismaClient } from "./lib/build";
import { projectRoot } from "./lib/database";
import { findFreePort, startLocalPostgres } from "./lib/local-postgres";
import { applyMigrations } from "./lib/schema-engine";

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
// For quick loops: `npm test -- --no-e2e [vitest filters…]` skips the build and Playwright;
// `npm test -- --only-e2e [Playwright filters…]` skips vitest.
const args = process.argv.slice(2);
const skipE2e = args.includes("--no-e2e");
const onlyE2e = args.includes("--only-e2e");
const filters = args.filter((arg) => !arg.startsWith("--"));

function ensureChromium(): string {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return chromium;
  console.log("Installing Debian's chromium for the browser tests (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  for (const args of [
    ["apt-get", "update", "-qq"],
    ["apt-get", "install", "-y", "-qq", "chromium"],
  ]) {
    const [command, ...rest] = [...sudo, ...args];
    const result = spawnSync(command!, rest, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed; install chromium or set CHROMIUM_PATH.`);
  }
  return chromium;
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

async function runVitest(env: NodeJS.ProcessEnv) {
  const vitestJson = path.join(resultsDir, "vitest.json");
  const vitestArgs = [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
    ...filters,
  ];
  const code = await runTool(process.execPath, vitestArgs, env);
  const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestJson);
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
  if (code !== 0 && (!report || report.numFailedTests === 0)) totals.failed += 1; // a crash counts
}

const resultsDir = path.join(projectRoot, "test-results");
rmSync(resultsDir, { recursive: true, force: true });
process.env.NEXT_TELEMETRY_DISABLED = "1";
ensurePrismaClient();

const scratch = mkdtempSync(path.join(os.tmpdir(), "ranklab-test-"));
const database = process.env.TEST_DATABASE_URL
  ? { url: process.env.TEST_DATABASE_URL, stop: async () => {} }
  : await startLocalPostgres({ dataDir: scratch, port: await findFreePort(55432), database: "ranklab_test", quiet: true });
let servers: AppServer[] = [];
let exitCode = 1;

try {
  await applyMigrations(database.url);
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789",
    // 32 bytes, base64: seals the test generators' endpoint keys.
    RANKLAB_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
  };

  if (!onlyE2e) await runVitest(env);
  if (!skipE2e) {
    const chromium = ensureChromium();
    ensureBuild({ report: false });
    // The build's first-load JavaScript per key page (scripts/js-budget.ts) counts as one test.
    const overBudget = printBudgetReport(measureBudgets(path.join(projectRoot, ".next")));
    if (overBudget.length > 0) {
      console.error(`First-load JavaScript over budget: ${overBudget.map((report) => report.route).join(", ")}`);
      totals.failed += 1;
    } else totals.passed += 1;
    // Two instances on one database, as behind a load balancer: tests that need shared state
    // (sign-in throttling, deactivation, quotas) use both.
    servers = await startAppServers(2, { ...env, TRUST_PROXY: "1" });
    const playwrightCode = await runTool(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...(onlyE2e ? filters : [])], {
      ...env,
      BASE_URL: servers[0]!.url,
      SECOND_BASE_URL: servers[1]!.url,
      CHROMIUM_PATH: chromium,
    });
    const report = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(
      path.join(resultsDir, "playwright.json"),
    );
    if (report) {
      totals.passed += report.stats.expected + report.stats.flaky;
      totals.failed += report.stats.unexpected;
      totals.skipped += report.stats.skipped;
    }
    if (playwrightCode !== 0 && (!report || report.stats.unexpected === 0)) totals.failed += 1;
  }
  exitCode = totals.failed > 0 ? 1 : 0;
} catch (error) {
  console.error((error as Error).message);
  totals.failed += 1;
} finally {
  for (const server of servers) server.stop();
  await database.stop().catch(() => {});
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
