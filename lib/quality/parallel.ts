import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type BootstrapBatch, bootstrapKernel, entryDraws, finishEntry, localKernel, type PreparedBatch, prepareEntry } from "./bootstrap";

/*
 * Runs bootstraps on helper worker threads, one per core, claiming work items from shared memory
 * until none is left (lib/quality/bootstrap.ts). A helper runs the kernel from its source text (an
 * eval worker: no file to bundle or resolve), so every thread runs the same code, and the
 * intervals are the same bit for bit whichever thread drew which replicate. A batch from
 * parallelBatch() hands each bootstrap to the helpers as soon as it is queued, so they resample
 * while this thread still tallies the next figure, and this thread's event loop stays free while
 * they work. The helpers start with the server's warm-up (lib/quality/warm.ts) or on first use, and
 * stay for the life of the process, idle at no CPU cost: one stopped when idle took its compiled
 * kernel with it, and its successor ran the next report's bootstraps cold. If none can start, or
 * one dies, this thread does the rest of the work.
 */

/** Below this many draws a bootstrap runs here: handing it over would cost more than it saves. */
const MIN_PARALLEL_DRAWS = 2_000_000;

/** busy: how many runs are waiting for it. */
type Helper = { worker: Worker; alive: boolean; busy: number };

const globalForHelpers = globalThis as unknown as { bootstrapHelpers?: Helper[] };

/** One helper per core (two on the servers this runs on); none on one core or with RANKLAB_BOOTSTRAP_THREADS=1. */
function helpersWanted(): number {
  if (process.env.RANKLAB_BOOTSTRAP_THREADS === "1") return 0;
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, MAX_HELPERS) : 0;
}

const MAX_HELPERS = 2;

function helpers(): Helper[] {
  const alive = (globalForHelpers.bootstrapHelpers ?? []).filter((helper) => helper.alive);
  const wanted = helpersWanted();
  while (alive.length < wanted) {
    const started = startHelper();
    if (!started) break;
    alive.push(started);
  }
  globalForHelpers.bootstrapHelpers = alive;
  return alive;
}

function startHelper(): Helper | null {
  try {
    // A transpiler that keeps function names (esbuild's keepNames, under tsx) wraps them in __name.
    const source = `const __name = (target) => target;\n(${bootstrapKernel.toString()})().serve(require("node:worker_threads").parentPort);`;
    const worker = new Worker(source, { eval: true, name: "ranklab-bootstrap", execArgv: [] });
    const started: Helper = { worker, alive: true, busy: 0 };
    const stop = () => {
      started.alive = false;
    };
    worker.on("error", (error) => {
      // Not fatal (this thread does the work), but worth knowing: the reports get slower.
      console.warn(`A bootstrap helper thread stopped (${error.name}: ${error.message}); the figures are computed without it.`);
      stop();
    });
    worker.on("exit", stop);
    // Never keeps the process alive on its own.
    worker.unref();
    return started;
  } catch {
    return null;
  }
}

/** Starts the helper threads ahead of a report, so they are ready (and warm) when the bootstraps are. */
export function warmBootstrapHelper(): void {
  helpers();
}

/** A batch whose large bootstraps go to the helper threads as soon as they are queued. */
export function parallelBatch(batch: BootstrapBatch): BootstrapBatch {
  const team = helpers();
  if (!team.length) return batch;
  batch.onAdd = (entry) => {
    const alive = team.filter((helper) => helper.alive);
    if (entryDraws(entry) < MIN_PARALLEL_DRAWS || !alive.length) return;
    entry.prepared = prepareEntry(entry, true);
    handedTo.set(entry.prepared, alive);
    for (const helper of alive) helper.worker.postMessage(entry.prepared);
  };
  return batch;
}

const handedTo = new WeakMap<PreparedBatch, Helper[]>();

/**
 * Runs every bootstrap queued on `batch`: those handed to the helpers are theirs (this thread only
 * joins in when a single helper works, the cores being two), this thread runs the others, then
 * collects the results.
 */
export async function runBootstrapBatch(batch: BootstrapBatch): Promise<void> {
  const pending = batch.entries.filter((entry) => !entry.result);
  for (const entry of pending) {
    const team = entry.prepared ? handedTo.get(entry.prepared) : undefined;
    if (team && team.length > 1) continue;
    entry.prepared ??= prepareEntry(entry, false);
    localKernel().runItems(entry.prepared.jobs, entry.prepared.items, entry.prepared.control);
  }
  for (const entry of pending) {
    const team = handedTo.get(entry.prepared!);
    if (team) await helpersDone(entry.prepared!, team);
    finishEntry(entry);
  }
}

/** Waits for the items the helpers claimed; if one died meanwhile, runs what is left here. */
async function helpersDone(prepared: PreparedBatch, team: Helper[]): Promise<void> {
  const { items, control } = prepared;
  if (Atomics.load(control, 1) >= items.length / 5) return;
  // Held while we wait: a pending Atomics.waitAsync alone does not keep the event loop alive.
  for (const helper of team) if (helper.busy++ === 0) helper.worker.ref();
  try {
    await waitForItems(prepared, team);
  } finally {
    for (const helper of team) if (--helper.busy === 0) helper.worker.unref();
  }
}

async function waitForItems({ jobs, items, control }: PreparedBatch, team: Helper[]): Promise<void> {
  const count = items.length / 5;
  for (;;) {
    const done = Atomics.load(control, 1);
    if (done >= count) return;
    if (team.some((helper) => !helper.alive)) {
      // Whatever is unfinished, again here (an item rewrites its replicates whole, so one a live
      // helper is still running gives the same sums either way).
      const left: number[] = [];
      for (let i = 0; i < count; i++) if (Atomics.load(control, 2 + i) !== 2) left.push(...items.subarray(i * 5, i * 5 + 5));
      localKernel().runItems(jobs, Int32Array.from(left), new Int32Array(2 + left.length / 5));
      return;
    }
    const wait = Atomics.waitAsync(control, 1, done, 1000);
    if (wait.async) await wait.value;
  }
}
