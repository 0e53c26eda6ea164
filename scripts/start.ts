// npm start: build if needed, open the database (embedded when no DATABASE_URL), migrate,
// make sure there is a way in for the first admin, then serve the app until Ctrl-C.
import "dotenv/config";
import { spawn } from "node:child_process";
import path from "node:path";
import { SERVER_ENV, SERVER_NODE_FLAGS } from "./lib/app-server";
import { ensureBuild } from "./lib/build";
import { openDatabase, projectRoot } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";
import { ensureAuthSecret, ensureSecretKey } from "./lib/secrets";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = Number(process.env.PORT ?? 3000);
const baseUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

ensureBuild();
const database = await openDatabase();
process.env.DATABASE_URL = database.url;

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await database.stop().catch(() => {});
  process.exit(code);
}

try {
  const applied = await applyMigrations(database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

  const { bootstrapFirstAdmin } = await import("../lib/users/bootstrap");
  const outcome = await bootstrapFirstAdmin({ ADMIN_EMAIL: process.env.ADMIN_EMAIL, ADMIN_PASSWORD: process.env.ADMIN_PASSWORD });
  if (outcome.kind === "admin-created") console.log(`Created the admin account ${outcome.email}.`);
  if (outcome.kind === "setup-link") {
    console.log(
      `\nNo admin yet. Open this one-time link to create the first admin account:\n\n  ${baseUrl}/setup?token=${outcome.token}\n`,
    );
  }
  const { db } = await import("../lib/db");
  await db.$disconnect();
} catch (error) {
  console.error((error as Error).message);
  await shutdown(1);
}

const server = spawn(
  process.execPath,
  [...SERVER_NODE_FLAGS, path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
  {
    cwd: projectRoot,
    stdio: "inherit",
    env: {
      ...SERVER_ENV,
      ...process.env,
      NEXTAUTH_SECRET: ensureAuthSecret(),
      RANKLAB_SECRET_KEY: ensureSecretKey(),
      NEXTAUTH_URL: baseUrl,
      DATABASE_URL: database.url,
    },
  },
);
console.log(`Ranklab is starting on ${baseUrl}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill("SIGTERM");
    else void shutdown(0);
  });
}
server.on("exit", (code) => void shutdown(code ?? 0));
