import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

/*
 * A small second pool for the few reads that fetch a whole project's rankings (the quality
 * reports: 100k rows and more). Prisma decodes every value of a raw query through its query
 * interpreter, which costs seconds at that size; here rows come back as raw text (queryTextRows)
 * or, for the largest reads, as the raw bytes of COPY … TO STDOUT (copyRows): no row objects, no
 * string per value, and the caller parses each row as it arrives, while PostgreSQL writes the next.
 * Read-only use: writes go through Prisma (lib/db.ts) and its transactions.
 */

const globalForBulk = globalThis as unknown as { bulkPool?: pg.Pool };
const rawText = { getTypeParser: () => (value: string) => value };
// A report reads its rankings (two halves), its sorted task ids, its tasks' models and the small
// tables at once.
const POOL_SIZE = 5;

function pool(): pg.Pool {
  // Created on first use: `next build` imports this module without a database.
  if (!globalForBulk.bulkPool) {
    globalForBulk.bulkPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE, idleTimeoutMillis: 30_000 });
    // An idle connection the server closed (a restart, a failover) is dropped, not fatal; the next
    // query opens a new one.
    globalForBulk.bulkPool.on("error", () => {});
  }
  return globalForBulk.bulkPool;
}

/**
 * Opens the pool's connections ahead of a large read (they open in parallel, while the caller
 * waits for something else), so its queries do not wait for connections one after the other.
 */
export function warmBulkPool(): void {
  const bulk = pool();
  const missing = POOL_SIZE - bulk.totalCount;
  for (let i = 0; i < missing; i++) {
    bulk.connect().then(
      (client) => client.release(),
      () => {},
    );
  }
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

/** A value spelled as an SQL string literal (COPY takes no bind parameters). */
export function sqlLiteral(value: string): string {
  return pg.escapeLiteral(value);
}

/**
 * `COPY (query) TO STDOUT` in text format: onRow gets each row's bytes as they arrive, as
 * buffer[from, to) (tab-separated values, `\N` for NULL, ending with a newline); the buffer is only
 * valid during the call. pg-copy-streams reads the COPY's frames straight off the connection and
 * hands over several rows per chunk: no message object or Buffer per row. (A row never holds a raw
 * newline: COPY's text format escapes it.) A query that fails rejects; so does an onRow that throws.
 */
export async function copyRows(query: string, onRow: (buffer: Buffer, from: number, to: number) => void): Promise<void> {
  const client = await pool().connect();
  let failure: Error | undefined;
  try {
    const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
    /** The start of a row cut by the end of a chunk. */
    let rest: Buffer | null = null;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let at = 0;
      if (rest) {
        const end = chunk.indexOf(NEWLINE);
        if (end < 0) {
          rest = Buffer.concat([rest, chunk]);
          continue;
        }
        const row = Buffer.concat([rest, chunk.subarray(0, end + 1)]);
        rest = null;
        onRow(row, 0, row.length);
        at = end + 1;
      }
      for (let end = chunk.indexOf(NEWLINE, at); end >= 0; end = chunk.indexOf(NEWLINE, at)) {
        onRow(chunk, at, end + 1);
        at = end + 1;
      }
      if (at < chunk.length) rest = Buffer.from(chunk.subarray(at));
    }
    if (rest) throw new Error("COPY ended inside a row.");
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw failure;
  } finally {
    // A connection that failed mid-COPY is closed, not reused.
    client.release(failure);
  }
}

const NEWLINE = 0x0a;
