// What the benchmarks share: a throwaway database (or BENCH_DATABASE_URL), the built app on it,
// and latency percentiles.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServers, type AppServer } from "../scripts/lib/app-server";
import { ensureBuild } from "../scripts/lib/build";
import { findFreePort, startLocalPostgres } from "../scripts/lib/local-postgres";
import { applyMigrations } from "../scripts/lib/schema-engine";

export type BenchEnv = { databaseUrl: string; servers: AppServer[]; close: () => Promise<void> };

export async function startBenchEnv(instances: number, serverEnv: Record<string, string> = {}): Promise<BenchEnv> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  ensureBuild();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "ranklab-bench-"));
  const database = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, stop: async () => {} }
    : await startLocalPostgres({ dataDir: scratch, port: await findFreePort(57432), database: "ranklab_bench", quiet: true });
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  const servers = await startAppServers(instances, { ...process.env, ...serverEnv, DATABASE_URL: database.url, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef" }, 3700);
  return {
    databaseUrl: database.url,
    servers,
    close: async () => {
      for (const server of servers) server.stop();
      // The bench's own Prisma client must let go before the database stops.
      const { db } = await import("../lib/db");
      await db.$disconnect();
      await database.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (!sortedMs.length) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)]!;
}

/** Runs `tasks` with at most `concurrency` at once. */
export async function runPool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}
