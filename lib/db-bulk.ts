import pg from "pg";

/*
 * A small second pool for the few reads that fetch a whole project's rankings (the quality
 * reports: 100k rows and more). Prisma decodes every value of a raw query through its query
 * interpreter, which costs seconds at that size; here rows come back as arrays of raw text that
 * the caller parses. Read-only use: writes go through Prisma (lib/db.ts) and its transactions.
 */

const globalForBulk = globalThis as unknown as { bulkPool?: pg.Pool };
const rawText = { getTypeParser: () => (value: string) => value };

function pool(): pg.Pool {
  // Created on first use: `next build` imports this module without a database.
  if (!globalForBulk.bulkPool) {
    globalForBulk.bulkPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2, idleTimeoutMillis: 30_000 });
    // An idle connection the server closed (a restart, a failover) is dropped, not fatal; the next
    // query opens a new one.
    globalForBulk.bulkPool.on("error", () => {});
  }
  return globalForBulk.bulkPool;
}

/** Closes the pool (scripts and benches that end while the database stays up, or before it stops). */
export async function closeBulkPool(): Promise<void> {
  await globalForBulk.bulkPool?.end();
  globalForBulk.bulkPool = undefined;
}

/** Runs a read and returns its rows as arrays of text (null for SQL NULL), nothing parsed. */
export async function queryTextRows(text: string, values: unknown[]): Promise<(string | null)[][]> {
  const result = await pool().query({ text, values, rowMode: "array", types: rawText });
  return result.rows as (string | null)[][];
}
