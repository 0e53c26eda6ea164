import pg from "pg";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { unique } from "./unique";

/**
 * A new, migrated database on the test server, for tests that need an empty instance (no admin
 * yet, say). Set DATABASE_URL to it before the first dynamic import of lib/db.
 */
export async function createFreshDatabase(): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set; run the tests with npm test.");
  const name = unique("fresh_");
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return url.toString();
}
