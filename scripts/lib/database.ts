// Where the app's database is: DATABASE_URL when given, else the embedded server in .data/.
import path from "node:path";
import { type LocalPostgres, startLocalPostgres } from "./local-postgres";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const dataDir = path.join(projectRoot, ".data");

export async function openDatabase(options: { quiet?: boolean } = {}): Promise<LocalPostgres> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  if (!options.quiet) console.log("No DATABASE_URL: starting the embedded PostgreSQL (data in .data/postgres)…");
  return startLocalPostgres({
    dataDir: path.join(dataDir, "postgres"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    database: "ranklab",
    quiet: options.quiet,
  });
}
