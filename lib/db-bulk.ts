import { createHash } from "node:crypto";
import pg from "pg";

/*
 * node-postgres pools beside Prisma's, for the few places where Prisma's per-value work costs more
 * than the query itself.
 * - Reads that fetch a whole project's rankings (the quality reports: 100k rows and more). Prisma
 *   decodes every value of a raw query through its query interpreter, which costs seconds at that
 *   size; here rows come back as raw text (queryTextRows) or, for the largest reads, as the raw bytes
 *   of COPY … TO STDOUT (copyRows): no row objects, no string per value, and the caller parses each
 *   row as it arrives, while PostgreSQL writes the next.
 * - The prompt pipeline's transaction (inTransaction): a few statements per batch that each carry a
 *   thousand rows. Through Prisma, every value of every parameter array was checked, converted and
 *   escaped again on its way (a fifth of the pipeline's CPU outside redaction); here the rows go as
 *   a few array parameters per statement.
 * Every other write goes through Prisma (lib/db.ts) and its transactions.
 */

const globalForBulk = globalThis as unknown as { bulkPool?: pg.Pool; writePool?: pg.Pool };
const rawText = { getTypeParser: () => (value: string) => value };
// A report reads its rankings (two halves), its sorted task ids, its tasks' models and the small
// tables at once.
const POOL_SIZE = 5;

function pool(): pg.Pool {
  // Created on first use: `next build` imports this module without a database.
  if (!globalForBulk.bulkPool) {
    // Connections stay open once opened (the server opens them at start: lib/quality/warm.ts): a
    // report on fresh ones waited for five connections and their first queries. Idle, they never
    // keep a script's process alive.
    globalForBulk.bulkPool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: POOL_SIZE,
      idleTimeoutMillis: 0,
      allowExitOnIdle: true,
    });
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

/** Closes the pools (scripts and benches that end while the database stays up, or before it stops). */
export async function closeBulkPool(): Promise<void> {
  await globalForBulk.bulkPool?.end();
  globalForBulk.bulkPool = undefined;
  await globalForBulk.writePool?.end();
  globalForBulk.writePool = undefined;
}

function writePool(): pg.Pool {
  if (!globalForBulk.writePool) {
    // As many connections as Prisma's pool (lib/db.ts): concurrent batches each hold one for their
    // transaction. Idle ones close after 10 s (pg's default). A transaction waits at most 30 s for
    // a connection, then fails.
    globalForBulk.writePool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    globalForBulk.writePool.on("error", () => {});
  }
  return globalForBulk.writePool;
}

/**
 * The name a statement is prepared under on each connection: the same text always gets the same
 * name, so a batch's statements are parsed once per connection (node-postgres remembers which
 * names it has prepared), not once per batch.
 */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `bulk_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}
const statementNames = new Map<string, string>();

/** Runs one statement (`$1`… placeholders) in a transaction and returns its rows. */
export type SqlRun = <Row>(text: string, values: unknown[]) => Promise<Row[]>;

/**
 * Runs `work` in one transaction on a connection of its own, and commits; rolls back when it
 * throws. No statement of the transaction may run longer than `timeoutMs` (PostgreSQL cancels it,
 * and the transaction fails).
 */
export async function inTransaction<T>(work: (run: SqlRun) => Promise<T>, options: { timeoutMs: number }): Promise<T> {
  const client = await writePool().connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`);
    const run: SqlRun = async <Row>(text: string, values: unknown[]) =>
      (await client.query({ name: statementName(text), text, values })).rows as Row[];
    const result = await work(run);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is closed, not reused.
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
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
 * valid during the call. The COPY's frames are read straight off the connection's socket chunks
 * (CopyRows below): no message object, Buffer or promise per row. (A row never holds a raw newline:
 * COPY's text format escapes it.) A query that fails rejects; so does an onRow that throws.
 */
export async function copyRows(query: string, onRow: (buffer: Buffer, from: number, to: number) => void): Promise<void> {
  const client = await pool().connect();
  let failure: Error | undefined;
  try {
    await new Promise<void>((resolve, reject) => client.query(new CopyRows(`COPY (${query}) TO STDOUT`, onRow, resolve, reject)));
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw failure;
  } finally {
    // A connection that failed mid-COPY is closed, not reused.
    client.release(failure);
  }
}

/** Backend message codes (PostgreSQL protocol 3). */
const COPY_DATA = 0x64; // d
const COPY_OUT_RESPONSE = 0x48; // H
const NOTICE = 0x4e; // N
const PARAMETER_STATUS = 0x53; // S
const NOTIFICATION = 0x41; // A

/** Whether a frame with this code belongs to the COPY's stream (else the stream has ended, or failed). */
function isStreamFrame(code: number): boolean {
  return code === COPY_DATA || code === COPY_OUT_RESPONSE || code === NOTICE || code === PARAMETER_STATUS || code === NOTIFICATION;
}

/**
 * A query node-postgres runs as it is (a "submittable"): while the COPY's rows stream, it reads the
 * socket itself and calls onRow on each CopyData frame where it lies in the chunk; a frame cut by
 * the end of a chunk is joined with the next. At the first frame that is not part of the stream
 * (CopyDone, an error), it gives the socket and the bytes left back to node-postgres, which reads
 * the end of the query and calls handleError / handleReadyForQuery.
 */
class CopyRows {
  private connection: { stream: NodeJS.EventEmitter; query(text: string): void } | null = null;
  private pgOnData: ((chunk: Buffer) => void) | null = null;
  /** The start of a frame cut by the end of a chunk, and how many bytes of it have come. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private failure: Error | null = null;
  private readonly onData = (chunk: Buffer) => this.read(chunk);

  constructor(
    private readonly text: string,
    private readonly onRow: (buffer: Buffer, from: number, to: number) => void,
    private readonly resolve: () => void,
    private readonly reject: (error: Error) => void,
  ) {}

  submit(connection: { stream: NodeJS.EventEmitter; query(text: string): void }): void {
    this.connection = connection;
    const [pgOnData, ...others] = connection.stream.listeners("data") as ((chunk: Buffer) => void)[];
    if (!pgOnData || others.length) throw new Error("Unexpected listeners on the connection's socket.");
    this.pgOnData = pgOnData;
    connection.stream.removeListener("data", pgOnData);
    connection.stream.on("data", this.onData);
    connection.query(this.text);
  }

  private read(chunk: Buffer): void {
    let at = 0;
    if (this.partialBytes) {
      // The cut frame is completed from the start of this chunk: only its own bytes are copied.
      const before = this.partialBytes;
      this.partial.push(chunk);
      this.partialBytes += chunk.length;
      const end = this.partialFrameEnd();
      if (this.partialBytes < end) return;
      const pieces = this.partial;
      this.partial = [];
      this.partialBytes = 0;
      if (!isStreamFrame(pieces[0]![0]!)) {
        // The end of the COPY: node-postgres reads it and all that follows.
        this.detach(Buffer.concat(pieces));
        return;
      }
      this.frame(Buffer.concat([...pieces.slice(0, -1), chunk.subarray(0, end - before)], end), 0);
      at = end - before;
    }
    while (chunk.length - at >= 5) {
      const end = at + 1 + chunk.readUInt32BE(at + 1);
      if (end > chunk.length) break;
      if (!this.frame(chunk, at)) return;
      at = end;
    }
    if (at < chunk.length) {
      this.partial = [chunk.subarray(at)];
      this.partialBytes = chunk.length - at;
    }
  }

  /**
   * The whole frame at buffer[at]: a row goes to onRow; the end of the stream hands the socket back
   * (false: stop reading).
   */
  private frame(buffer: Buffer, at: number): boolean {
    const code = buffer[at]!;
    if (!isStreamFrame(code)) {
      this.detach(buffer.subarray(at));
      return false;
    }
    if (code === COPY_DATA && !this.failure) {
      try {
        this.onRow(buffer, at + 5, at + 1 + buffer.readUInt32BE(at + 1));
      } catch (error) {
        // Read to the end of the COPY all the same (the connection stays in step), then reject.
        this.failure = error instanceof Error ? error : new Error(String(error));
      }
    }
    return true;
  }

  /** Where the frame that was cut ends: known once its 5-byte header has come (itself maybe cut). */
  private partialFrameEnd(): number {
    if (this.partialBytes < 5) return 5;
    const head = this.partial[0]!.length >= 5 ? this.partial[0]! : Buffer.concat(this.partial);
    return 1 + head.readUInt32BE(1);
  }

  /** Hands the socket back to node-postgres, with the bytes it has not read yet. */
  private detach(rest: Buffer): void {
    const { stream } = this.connection!;
    stream.removeListener("data", this.onData);
    stream.on("data", this.pgOnData!);
    this.pgOnData!(rest);
  }

  /** The query failed (or the connection was lost: then no ReadyForQuery follows). */
  handleError(error: Error): void {
    this.settle(error);
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    this.settle(this.failure);
  }

  private settled = false;
  private settle(failure: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    if (failure) this.reject(failure);
    else this.resolve();
  }
}
