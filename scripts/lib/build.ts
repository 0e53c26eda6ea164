// `npm start` builds only when the sources changed since the last build.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measureBudgets, printBudgetReport } from "../js-budget";
import { projectRoot } from "./database";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
// instrumentation.ts and proxy.ts sit at the root, outside SOURCE_DIRS, but are built into the app.
const SOURCE_FILES = [
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const stampFile = path.join(projectRoot, ".next", "ranklab-source-hash");

function walk(dir: string, out: string[]) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated" && entry.name !== "node_modules") walk(full, out);
    } else out.push(full);
  }
}

function sourceHash(): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(path.join(projectRoot, dir), files);
  for (const file of SOURCE_FILES) if (existsSync(path.join(projectRoot, file))) files.push(path.join(projectRoot, file));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(path.relative(projectRoot, file));
    hash.update(String(statSync(file).size));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}).`);
}

/** Generates the Prisma client when it is missing or was generated from another schema (after a pull). */
export function ensurePrismaClient() {
  const schemaHash = createHash("sha256")
    .update(readFileSync(path.join(projectRoot, "prisma/schema.prisma")))
    .digest("hex");
  const stamp = path.join(projectRoot, "lib/generated/prisma/.schema-hash");
  if (
    existsSync(path.join(projectRoot, "lib/generated/prisma/client.ts")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === schemaHash
  )
    return;
  run(process.execPath, [path.join(projectRoot, "node_modules/prisma/build/index.js"), "generate"]);
  writeFileSync(stamp, schemaHash);
}

/** Runs `next build` when no build exists or the sources changed since the last one. */
export function ensureBuild(options: { force?: boolean; report?: boolean } = {}) {
  ensurePrismaClient();
  const hash = sourceHash();
  const built =
    existsSync(path.join(projectRoot, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash;
  if (built && !options.force) return;
  console.log("Building the app (next build)…");
  run(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "build"]);
  writeFileSync(stampFile, hash);
  // First-load JavaScript per key page, said after every build (npm test reports it itself).
  if (options.report !== false) printBudgetReport(measureBudgets(path.join(projectRoot, ".next")));
}
