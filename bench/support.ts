// What the benchmarks share: a throwaway database (or BENCH_DATABASE_URL), the built app on it,
// and latency percentiles.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppServer, startAppServers } from "../scripts/lib/app-server";
import { ensureBuild } from "../scripts/lib/build";
import { findFreePort, startLocalPostgres } from "../scripts/lib/local-postgres";
import { applyMigrations } from "../scripts/lib/schema-engine";

export type BenchEnv = {
  databaseUrl: string;
  servers: AppServer[];
  /** CPU seconds used so far by the app instances and by the database server (null: not ours). */
  cpuSeconds: () => { app: number; db: number | null };
  close: () => Promise<void>;
};

/** The app instances' NEXTAUTH_SECRET: a bench can mint session tokens with it instead of signing in. */
export const BENCH_NEXTAUTH_SECRET = "bench-secret-0123456789abcdef";

export async function startBenchEnv(instances: number, serverEnv: Record<string, string> = {}): Promise<BenchEnv> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  ensureBuild();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "ranklab-bench-"));
  const database = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, stop: async () => {} }
    : await startLocalPostgres({ dataDir: scratch, port: await findFreePort(57432), database: "ranklab_bench", quiet: true });
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  const servers = await startAppServers(
    instances,
    { ...process.env, ...serverEnv, DATABASE_URL: database.url, NEXTAUTH_SECRET: BENCH_NEXTAUTH_SECRET },
    3700,
  );
  const postmasterPidFile = path.join(scratch, "cluster", "postmaster.pid");
  const postmasterPid = existsSync(postmasterPidFile) ? Number(readFileSync(postmasterPidFile, "utf8").split("\n")[0]) : null;
  return {
    databaseUrl: database.url,
    servers,
    cpuSeconds: () => ({
      app: servers.reduce((sum, server) => sum + processTreeCpuSeconds(server.process.pid!), 0),
      db: postmasterPid ? processTreeCpuSeconds(postmasterPid) : null,
    }),
    close: async () => {
      // The instances must be gone before the database stops, or their pools report the lost
      // connections as they exit (a profile being written keeps them alive a little longer).
      const exited = servers.map((server) => new Promise((resolve) => server.process.once("exit", resolve)));
      for (const server of servers) server.stop();
      await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 10_000))]);
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

/**
 * CPU seconds (user + system) used by a process and its descendants: the live ones, plus the
 * children it has already reaped (a PostgreSQL backend's time moves to the postmaster when it ends).
 */
export function processTreeCpuSeconds(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number; reapedTicks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the ")" that closes the command name: state, ppid, …, utime (14), stime, cutime, cstime.
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      const at = (field: number) => Number(fields[field - 3]);
      stats.set(Number(entry), { ppid: at(4), ticks: at(14) + at(15), reapedTicks: at(16) + at(17) });
    } catch {} // the process ended while we looked
  }
  let ticks = stats.get(rootPid)?.reapedTicks ?? 0;
  const pending = [rootPid];
  while (pending.length) {
    const pid = pending.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child);
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}
