import { getHeapStatistics } from "node:v8";

/*
 * Gives memory back after a burst of work. V8 collects its old generation when the heap fills, and
 * an idle server never fills it: the garbage of an ingest or a report stays resident (bench:ingest
 * measured ~90 MB after 10k prompts) until the next burst, hours later perhaps. So, every few
 * seconds, when the heap has grown since the last full collection and the process (all its threads)
 * has been nearly idle since the last look, collect once, while nobody waits. `gc` exists only when
 * the server runs with --expose-gc (SERVER_NODE_FLAGS); without it this does nothing.
 */

const CHECK_EVERY_MS = 5_000;
/** Below this share of one core over the last interval, the process counts as idle. */
const IDLE_CPU_SHARE = 0.02;
/** A heap grown by less than this since the last collection is not worth a pause. */
const GROWTH_WORTH_COLLECTING = 16 * 1024 * 1024;

export type IdleSample = { cpuMicros: number; intervalMs: number; heapUsed: number; heapUsedAfterLastCollection: number };

/** Whether to collect now: the process was idle over the interval and its heap has grown enough. */
export function shouldCollect(sample: IdleSample): boolean {
  const idle = sample.cpuMicros / 1000 < sample.intervalMs * IDLE_CPU_SHARE;
  return idle && sample.heapUsed - sample.heapUsedAfterLastCollection >= GROWTH_WORTH_COLLECTING;
}

export function startIdleCollection(
  gc: (() => void) | null = (globalThis as { gc?: () => void }).gc ?? null,
  readHeapUsed = () => getHeapStatistics().used_heap_size,
): void {
  if (!gc) return;
  let heapUsedAfterLastCollection = readHeapUsed();
  let cpuBefore = process.cpuUsage();
  const timer = setInterval(() => {
    const cpu = process.cpuUsage(cpuBefore);
    cpuBefore = process.cpuUsage();
    const heapUsed = readHeapUsed();
    if (shouldCollect({ cpuMicros: cpu.user + cpu.system, intervalMs: CHECK_EVERY_MS, heapUsed, heapUsedAfterLastCollection })) {
      gc();
      heapUsedAfterLastCollection = readHeapUsed();
      // The collection's own CPU is not work to wait out.
      cpuBefore = process.cpuUsage();
    } else if (heapUsed < heapUsedAfterLastCollection) heapUsedAfterLastCollection = heapUsed;
  }, CHECK_EVERY_MS);
  timer.unref();
}
