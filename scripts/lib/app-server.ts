// Starting built app instances for the tests and benchmarks (`next start`, no tsx in between).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./database";
import { findFreePort } from "./local-postgres";

export type AppServer = { url: string; process: ChildProcess; stop: () => void };

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer ${url}/api/health in time.`);
}

/**
 * Node flags for the app server. --expose-gc lets the server collect once after a burst of work,
 * while idle (lib/idle-memory.ts), so that it goes back to its idle footprint. V8's default young
 * generation is kept: a 64 MB one (--max-semi-space-size=64) saved ~6 ms of app CPU per 1,000
 * prompts ingested, but V8 never gives its pages back, which held ~90 MB more resident for good.
 */
export const SERVER_NODE_FLAGS = ["--expose-gc"];

/**
 * Environment for the app server. Two malloc arenas instead of glibc's eight per core: the
 * redaction and bootstrap threads otherwise each keep an arena of freed memory resident
 * (bench:ingest: 333 -> 276 MB idle after 10k prompts).
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: "2" };

/**
 * Starts `count` instances of the built app on one database, as behind a load balancer. The
 * first instance's address is the public one (NEXTAUTH_URL) unless `env` gives another.
 */
export async function startAppServers(count: number, env: NodeJS.ProcessEnv, firstPort = 3300): Promise<AppServer[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await findFreePort(ports.length ? ports.at(-1)! + 1 : firstPort));
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${ports[0]}`;
  // SERVER_CPU_PROF=<dir> writes a V8 CPU profile of each instance there when it stops (for the
  // benchmarks: Node refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.SERVER_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SERVER_CPU_PROF}`] : [];
  const servers = ports.map((port) => {
    const child = spawn(
      process.execPath,
      [...SERVER_NODE_FLAGS, ...profile, path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
      {
        cwd: projectRoot,
        env: { NEXT_TELEMETRY_DISABLED: "1", ...SERVER_ENV, ...env, NEXTAUTH_URL: publicUrl, PORT: String(port) },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    return { url: `http://localhost:${port}`, process: child, stop: () => void child.kill("SIGTERM") };
  });
  await Promise.all(servers.map((server) => waitForHealth(server.url, 60_000)));
  return servers;
}
