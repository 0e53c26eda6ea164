// Prisma's schema engine, run from its WebAssembly build over node-postgres, so that migrations
// work offline (the Prisma 7 CLI would first download a native engine). This leans on engine
// internals: the versions of @prisma/schema-engine-wasm and the adapters are pinned exactly.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");
const filters = { externalTables: [], externalEnums: [] };

let engineModule: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

function loadEngineModule() {
  engineModule ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // The package's exports hide the .wasm file; find it beside the JS glue.
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return engineModule;
}

async function withEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const schema = readFileSync(schemaPath, "utf8");
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

function listMigrationNames(): string[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function loadMigrationList(): MigrationList {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: listMigrationNames().map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  } as MigrationList;
}

// Any fixed number shared by every instance: instances starting together apply migrations in turn.
const MIGRATION_LOCK_ID = 7_246_551_01;

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    return await withEngine(databaseUrl, async (engine) => {
      const result = await engine.applyMigrations({ migrationsList: loadMigrationList(), filters });
      return result.appliedMigrationNames;
    });
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}

// Each migration keeps a copy of the schema it leads to, so the next one is a diff between two
// schema files: the wasm engine cannot diff from a migrations folder or a live database.
function latestSchemaSnapshot(): string | undefined {
  const names = listMigrationNames();
  const last = names.at(-1);
  return last ? readFileSync(path.join(migrationsDir, last, "schema.prisma"), "utf8") : undefined;
}

/** The SQL that takes the latest migration's schema to prisma/schema.prisma; "" when they agree. */
export async function pendingSchemaSql(databaseUrl: string): Promise<string> {
  const previous = latestSchemaSnapshot();
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: previous ? { tag: "schemaDatamodel", files: [{ path: "previous.prisma", content: previous }] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] },
      script: true,
      exitCode: true,
      filters,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  });
}

/** Writes prisma/migrations/<timestamp>_<name>/ from the pending schema change; null when none. */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  const sql = await pendingSchemaSql(databaseUrl);
  if (!sql.trim()) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dirName = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}`;
  const dir = path.join(migrationsDir, dirName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  copyFileSync(schemaPath, path.join(dir, "schema.prisma"));
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(lockPath)) writeFileSync(lockPath, 'provider = "postgresql"\n');
  return dirName;
}
