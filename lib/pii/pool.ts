import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { expandResults, type RedactJob, type RedactReply } from "./pool-protocol";
import { redact, redactAll } from "./redact";
import type { RedactOptions, RedactResult } from "./types";

/*
 * Redaction off the request thread: a pool of worker threads, one per core, started on first use.
 * A big text (the recognizers run at a few MB/s) would otherwise hold the event loop, and every other
 * request with it, for as long as it takes. Jobs wait in one queue and go to the first idle thread;
 * a thread that dies fails its job and is replaced on the next one. Threads never keep the process
 * alive while idle (scripts end when their work does).
 */

/**
 * Up to this many characters in all, texts are redacted here: handing them to a thread and back
 * takes about as long as the work itself (measured on dev-set text: ~1.4 ms either way for 1,000
 * characters; at 2,000, 2.6 ms here against 5 ms through a thread), and a millisecond holds up nobody.
 */
export const INLINE_MAX_CHARS = 1_000;
/**
 * Texts are sent in jobs of about this many characters, so that a big batch is spread over the
 * threads (a thread redacts its job's texts together: redactAll).
 */
export const JOB_CHARS = 64_000;

type Pending = { job: RedactJob; resolve: (results: RedactResult[]) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; running: Pending | null; retireTimer?: NodeJS.Timeout };

/**
 * A thread idle this long is stopped, unless it is the last: a burst (an import, a big batch) starts
 * one per core, and each keeps a heap of its own (tens of MB) for as long as it lives.
 */
const RETIRE_IDLE_AFTER_MS = 30_000;

const globalForPool = globalThis as unknown as { redactPool?: { threads: Thread[]; queue: Pending[]; nextId: number } };
const pool = (globalForPool.redactPool ??= { threads: [], queue: [], nextId: 1 });

/** The redaction of each text (as `redact` gives it), done on the pool's threads unless the texts are small. */
export async function redactTexts(texts: readonly string[], options?: RedactOptions): Promise<RedactResult[]> {
  let total = 0;
  for (const text of texts) total += text.length;
  if (total <= INLINE_MAX_CHARS) return redactAll(texts, options);
  const results = await Promise.all(jobsOf(texts).map((part) => run(part, options)));
  return results.flat();
}

/** `texts` in order, in the jobs the pool hands its threads: up to JOB_CHARS characters each (a longer text alone). */
export function jobsOf(texts: readonly string[]): string[][] {
  const jobs: string[][] = [[]];
  let size = 0;
  for (const text of texts) {
    if (size > 0 && size + text.length > JOB_CHARS) {
      jobs.push([]);
      size = 0;
    }
    jobs[jobs.length - 1]!.push(text);
    size += text.length;
  }
  return jobs;
}

/**
 * Redacts `texts` (each distinct one once) and answers their results by text, for code that then
 * walks its data and redacts as it goes (the prompt pipeline, metadata). A text not given here is a
 * bug, not a reason to redact on the request thread after all.
 */
export async function redactorFor(texts: Iterable<string>, options?: RedactOptions): Promise<(text: string) => RedactResult> {
  const distinct = [...new Set(texts)];
  const results = await redactTexts(distinct, options);
  const byText = new Map(distinct.map((text, i) => [text, results[i]!]));
  return (text) => {
    const result = byText.get(text);
    if (!result) throw new Error("A text was redacted without being handed to the redaction pool first.");
    return result;
  };
}

/** One text's redaction, on the pool unless it is small. */
export async function redactText(text: string, options?: RedactOptions): Promise<RedactResult> {
  const [result] = await redactTexts([text], options);
  return result!;
}

/**
 * Readies redaction as a server starts, so that the first prompt pays no start-up: the word lists and
 * the recognizers' patterns on this thread (texts up to INLINE_MAX_CHARS are redacted here), and one
 * pool thread started and warmed the same way (a thread's start, ~0.1-0.5 s, was the first big
 * text's). One only: each thread is a heap of its own, and the others start when work needs them.
 */
export function warmRedactionPool(): void {
  redact("Warm-up: Anna Smith, 12 Main Street, anna@example.org");
  if (pool.threads.length === 0) startThread();
}

function run(texts: string[], options?: RedactOptions): Promise<RedactResult[]> {
  return new Promise((resolve, reject) => {
    pool.queue.push({ job: { id: pool.nextId++, texts, options }, resolve, reject });
    dispatch();
  });
}

function dispatch(): void {
  while (pool.queue.length > 0) {
    const thread = pool.threads.find((t) => t.running === null) ?? startThread();
    if (!thread) return;
    const pending = pool.queue.shift()!;
    thread.running = pending;
    clearTimeout(thread.retireTimer);
    // Referenced while it works, so that a script waiting on it does not exit.
    thread.worker.ref();
    thread.worker.postMessage(pending.job);
  }
}

/**
 * Outside Next (tsx scripts, vitest) the worker is TypeScript source: a thread that registers tsx's
 * loader, then loads it.
 */
function fromSource(): string {
  const require = createRequire(import.meta.url);
  const worker = fileURLToPath(new URL("./redact-worker.ts", import.meta.url));
  return `require(${JSON.stringify(require.resolve(/* turbopackIgnore: true */ "tsx/cjs/api"))}).register(); require(${JSON.stringify(worker)});`;
}

/** Stops an idle thread unless it is the last one; it leaves the pool first, so no job is sent to it meanwhile. */
function retireIfIdle(thread: Thread): void {
  if (thread.running !== null || pool.threads.length <= 1) return;
  pool.threads.splice(pool.threads.indexOf(thread), 1);
  void thread.worker.terminate();
}

function startThread(): Thread | null {
  if (pool.threads.length >= availableParallelism()) return null;
  const worker = process.env.NEXT_RUNTIME
    ? // next build bundles the worker from this very expression (it must stay inline) and starts its chunk.
      new Worker(new URL("./redact-worker.ts", import.meta.url), { name: "ranklab-redact" })
    : new Worker(fromSource(), { eval: true, name: "ranklab-redact" });
  worker.unref();
  const thread: Thread = { worker, running: null };
  worker.on("message", (reply: RedactReply) => {
    const pending = thread.running;
    thread.running = null;
    worker.unref();
    thread.retireTimer = setTimeout(() => retireIfIdle(thread), RETIRE_IDLE_AFTER_MS).unref();
    if (pending) {
      if ("error" in reply) pending.reject(new Error(`Redaction failed: ${reply.error}`));
      else pending.resolve(expandResults(pending.job.texts, reply.results));
    }
    dispatch();
  });
  const retire = (error: Error) => {
    const index = pool.threads.indexOf(thread);
    if (index < 0) return;
    pool.threads.splice(index, 1);
    thread.running?.reject(error);
    thread.running = null;
    dispatch();
  };
  worker.on("error", (error) => retire(new Error(`A redaction thread failed: ${error.message}`)));
  worker.on("exit", (code) => retire(new Error(`A redaction thread stopped (exit code ${code}).`)));
  pool.threads.push(thread);
  return thread;
}
