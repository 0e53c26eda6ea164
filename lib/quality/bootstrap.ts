/**
 * Percentile bootstrap over precomputed per-unit tallies.
 *
 * Every figure here is a function of sums of per-unit tallies (agreements and comparisons per
 * task, wins per prompt...). A bootstrap replicate draws as many units as there are, with
 * replacement, and sums their tallies; the figure is recomputed from those sums, and the 95%
 * interval is the 2.5th and 97.5th percentiles of the replicates. Tallies are precomputed once
 * into typed arrays so a replicate allocates nothing.
 *
 * The resampling itself is a self-contained kernel (bootstrapKernel) that reads packed tallies and
 * writes each replicate's column sums; the figures are computed from those sums afterwards. Work is
 * cut into items (a few segments, or a range of replicates of one segment): one thread runs them
 * all (bootstrapSums, BootstrapBatch.run), or a worker thread claims items beside this one
 * (lib/quality/parallel.ts). A replicate's draws depend only on the seed and its position in the
 * stream, so who runs which item never changes a single bit of the result.
 */
import type { BootstrapOptions } from "./types";

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 0x5eed;

/** A closed interval [lo, hi]. */
export type Interval = [number, number];

/**
 * Maps the column sums of one replicate to the figure's value; NaN when the figure is undefined on that replicate
 * (e.g. it drew no comparisons), and such replicates are left out of the percentiles.
 */
export type Statistic = (sums: Float64Array, segment: number) => number;

/** Several figures from one replicate at once (e.g. every model's score from one fit), written to out. */
export type Evaluate = (sums: Float64Array, segment: number, out: Float64Array) => void;

export type SumsBootstrapInput = {
  /**
   * Unit offsets of the segments, length S + 1: segment s holds units [starts[s], starts[s + 1])
   * and is resampled on its own (one segment per labeler, per week...). One segment = all units.
   */
  segmentStarts: ArrayLike<number>;
  /** Per-unit tallies, one array per column, indexed by unit. */
  columns: readonly Float64Array[];
  /** How replicates are summed (tests compare both); by default the cheaper one for the table's size. */
  strategy?: "gather" | "count";
  /**
   * Names the statistics so a segment's intervals can be reused: a segment with the same tallies
   * under the same name, resamples and seed gets the intervals it got before, without resampling
   * (after a new ranking, most labelers' and weeks' segments are unchanged). Only for columns of
   * integers, which every plan sums exactly: the intervals then depend on nothing else.
   */
  reuseAs?: string;
  /** The figures computed from every replicate: a list of statistics, or one evaluate writing `figures` values. */
} & ({ statistics: readonly Statistic[] } | { figures: number; evaluate: Evaluate });

/**
 * Uniform draws are shared: every segment reads the same seeded stream from its start (replicate b
 * of a segment of n units uses draws [b·n, (b+1)·n)), so a segment's interval depends only on its
 * own units and the seed, never on the other segments. Streams short enough are generated once per
 * thread into a pool and reused by all segments; longer ones are generated where they start (the
 * generator is a counter, so it jumps to any position at no cost).
 */
const POOL_LIMIT = 1 << 21;

/** The 2.5th/97.5th (for level 0.95) percentiles, interpolated linearly between order statistics. */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): Interval | null {
  const finite = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[m++] = values[i]!;
  if (m === 0) return null;
  // Rounded so 0.95 gives exactly 0.025 and 0.975 (not 0.025000000000000022).
  const tail = Number(((1 - level) / 2).toFixed(12));
  // The four order statistics the two quantiles need, by selection rather than a full sort.
  const data = finite.subarray(0, m);
  return [quantileSelect(data, tail), quantileSelect(data, 1 - tail)];
}

/** quantileSorted of the values as if sorted: the values are reordered in place (Hoare's selection). */
function quantileSelect(values: Float64Array, q: number): number {
  const h = (values.length - 1) * q;
  const lo = Math.floor(h);
  const below = select(values, lo);
  if (lo + 1 >= values.length || h === lo) return below;
  // After selecting lo, every value past it is at least as large: the next one is their minimum.
  let above = values[lo + 1]!;
  for (let i = lo + 2; i < values.length; i++) if (values[i]! < above) above = values[i]!;
  return below + (h - lo) * (above - below);
}

/** Places the k-th smallest value at index k, smaller ones before it and larger ones after; returns it. */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    // Median of three as the pivot.
    const middle = (left + right) >> 1;
    const a = values[left]!;
    const b = values[middle]!;
    const c = values[right]!;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}

/** Quantile q of sorted values: position (m − 1)·q, linear between neighbours (R's type 7, NumPy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Resolved options with the house defaults. */
export function resolveBootstrap(options: BootstrapOptions = {}): { resamples: number; seed: number } {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError("resamples must be a positive integer");
  return { resamples, seed: options.seed ?? DEFAULT_SEED };
}

/** What a queued bootstrap gives once its batch has run: result[segment][figure]. */
export type BootstrapResult = (Interval | null)[][];

/** Packed tallies of one pass: see planSlots. */
export type KernelPass = {
  /** Number of slots in use (1–8); padding slots are zeros. */
  slots: number;
  stride: number;
  /** data[unit · stride + slot]. */
  data: Float64Array;
  /** Lanes of slot j are laneColumn/laneFactor[laneStart[j]..laneStart[j + 1]), highest first; factor 0 = a real column. */
  laneStart: Int32Array;
  laneColumn: Int32Array;
  laneFactor: Float64Array;
};

/** One bootstrap as the kernel runs it. */
export type KernelJob = {
  resamples: number;
  seed: number;
  /** Unit offsets of the segments (length S + 1). */
  starts: Int32Array;
  /** Segments of at most this many units read the pooled stream. */
  pooledN: number;
  /** Draws summed before the lanes are peeled off. */
  chunk: number;
  /**
   * How a replicate is summed: false, each draw reads its unit's row (small tables, in cache);
   * true, the draws are first counted per unit, then the units are swept in order and each row
   * read once, times its count (large tables: memory is read in order rather than at random).
   */
  counting: boolean;
  /** Number of columns: sums of replicate b of segment s are sums[(s·B + b)·width + column]. */
  width: number;
  passes: KernelPass[];
  sums: Float64Array;
};

/**
 * Work of a batch: items of five numbers (job, first segment, end segment, first replicate, end
 * replicate); control[0] = next item to claim, control[1] = items done, control[2 + i] = state of
 * item i (0 free, 1 claimed, 2 done).
 */
export type PreparedBatch = { jobs: KernelJob[]; items: Int32Array; control: Int32Array };

export type BootstrapKernel = {
  /** Claims and runs items until none is left; returns how many it ran. */
  runItems(jobs: KernelJob[], items: Int32Array, control: Int32Array): number;
  /** Runs the batches a port sends ({jobs, items, control}, in shared memory). */
  serve(port: { on(event: "message", listener: (message: PreparedBatch) => void): unknown }): void;
};

/** Draws per work item: a few milliseconds, so two threads share a batch evenly. */
const ITEM_DRAWS = 1 << 20;

type Allocate = { float64(length: number): Float64Array; int32(length: number): Int32Array };
const plainMemory: Allocate = { float64: (length) => new Float64Array(length), int32: (length) => new Int32Array(length) };
const sharedMemory: Allocate = {
  float64: (length) => new Float64Array(new SharedArrayBuffer(length * 8)),
  int32: (length) => new Int32Array(new SharedArrayBuffer(length * 4)),
};

/** A queued bootstrap: its input, and once packed for the kernel, its work. */
export type BootstrapEntry = {
  readonly input: SumsBootstrapInput;
  readonly resamples: number;
  readonly seed: number;
  prepared: PreparedBatch | null;
  result: BootstrapResult | null;
};

/**
 * Bootstraps queued together and run at once: add() each (it returns the getter of its result),
 * then run() them here, or with a helper thread (lib/quality/parallel.ts), which `onAdd` lets start
 * each bootstrap as soon as it is queued, while this thread tallies the next.
 */
export class BootstrapBatch {
  readonly entries: BootstrapEntry[] = [];
  /** Called with each bootstrap as it is queued. */
  onAdd: ((entry: BootstrapEntry) => void) | null = null;

  add(input: SumsBootstrapInput, options: BootstrapOptions = {}): () => BootstrapResult {
    const { resamples, seed } = resolveBootstrap(options);
    if (input.reuseAs !== undefined) return this.addReusing(input, resamples, seed);
    const entry: BootstrapEntry = { input, resamples, seed, prepared: null, result: null };
    this.entries.push(entry);
    this.onAdd?.(entry);
    return () => {
      if (!entry.result) throw new Error("The bootstrap batch has not run yet.");
      return entry.result;
    };
  }

  /** Queues only the segments whose intervals are not known yet; the result has them all. */
  private addReusing(input: SumsBootstrapInput, resamples: number, seed: number): () => BootstrapResult {
    const { segmentStarts: starts, columns } = input;
    const segments = starts.length - 1;
    const keys: string[] = [];
    const known: (BootstrapResult[number] | undefined)[] = [];
    const missing: number[] = [];
    for (let s = 0; s < segments; s++) {
      const key = `${input.reuseAs}:${resamples}:${seed}:${segmentHash(columns, starts[s]!, starts[s + 1]!)}`;
      keys.push(key);
      const hit = reusedSegments.get(key);
      known.push(hit);
      if (hit) {
        // Recently used: kept longest.
        reusedSegments.delete(key);
        reusedSegments.set(key, hit);
      } else missing.push(s);
    }
    // The missing segments alone, as one bootstrap.
    const missingStarts = [0];
    for (const s of missing) missingStarts.push(missingStarts[missingStarts.length - 1]! + starts[s + 1]! - starts[s]!);
    const missingColumns = columns.map((column) => {
      const picked = new Float64Array(missingStarts[missingStarts.length - 1]!);
      for (let i = 0; i < missing.length; i++)
        picked.set(column.subarray(starts[missing[i]!]!, starts[missing[i]! + 1]!), missingStarts[i]!);
      return picked;
    });
    const { reuseAs: _, ...rest } = input;
    const computed = missing.length
      ? this.add({ ...rest, segmentStarts: missingStarts, columns: missingColumns }, { resamples, seed })
      : () => [];
    return () => {
      const fresh = computed();
      missing.forEach((s, i) => {
        known[s] = fresh[i]!;
        reusedSegments.set(keys[s]!, fresh[i]!);
      });
      while (reusedSegments.size > REUSED_SEGMENTS) reusedSegments.delete(reusedSegments.keys().next().value!);
      return known as BootstrapResult;
    };
  }

  /** Runs the queued bootstraps in this thread. */
  run(): void {
    for (const entry of this.entries) {
      if (entry.result) continue;
      const prepared = (entry.prepared ??= prepareEntry(entry, false));
      localKernel().runItems(prepared.jobs, prepared.items, prepared.control);
      finishEntry(entry);
    }
  }
}

// Intervals of segments by name, resamples, seed and tallies (see SumsBootstrapInput.reuseAs).
const reusedSegments = new Map<string, BootstrapResult[number]>();
const REUSED_SEGMENTS = 20_000;

/** A 64-bit hash (as text) of the segment's units [from, to) in every column, and its size. */
function segmentHash(columns: readonly Float64Array[], from: number, to: number): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x6a09e667 | 0;
  for (const column of columns) {
    for (let i = from; i < to; i++) {
      const v = column[i]!;
      // Integers: the low and high 32 bits.
      const low = (v % 4294967296) | 0;
      const high = Math.floor(v / 4294967296) | 0;
      h1 = Math.imul(h1 ^ low, 0x01000193);
      h1 = Math.imul(h1 ^ high, 0x01000193);
      h2 = Math.imul(h2 ^ low, 0x5bd1e995);
      h2 = Math.imul(h2 ^ (h2 >>> 15) ^ high, 0x27d4eb2d);
    }
    h1 = Math.imul(h1 ^ 0xff, 0x01000193);
  }
  return `${to - from}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}

/** Total draws of a bootstrap (what its work costs). */
export function entryDraws({ input, resamples }: BootstrapEntry): number {
  const starts = input.segmentStarts;
  return (starts[starts.length - 1]! - starts[0]!) * resamples;
}

/** Packs a bootstrap's tallies for the kernel and cuts its work into items; in shared memory when `shared`. */
export function prepareEntry({ input, resamples: B, seed }: BootstrapEntry, shared: boolean): PreparedBatch {
  const memory = shared ? sharedMemory : plainMemory;
  const segments = input.segmentStarts.length - 1;
  const starts = memory.int32(segments + 1);
  for (let s = 0; s <= segments; s++) starts[s] = input.segmentStarts[s]!;
  let maxN = 0;
  const sizes: number[] = [];
  for (let s = 0; s < segments; s++) {
    const n = starts[s + 1]! - starts[s]!;
    if (n > maxN) maxN = n;
    if (n > 0) sizes.push(n);
  }
  // Pool the stream up to the size that saves the most draws: the segments of at most that size
  // read it instead of drawing their own (Σ n), and it costs its own length in draws and memory,
  // so it must serve at least three segments' worth (a few segments of similar size, as weeks
  // are, draw their own).
  sizes.sort((x, y) => x - y);
  let pooledN = 0;
  let best = 0;
  for (let i = 0, below = 0; i < sizes.length; i++) {
    below += sizes[i]!;
    const n = sizes[i]!;
    if (n * B > POOL_LIMIT) break;
    if (i + 1 < sizes.length && sizes[i + 1] === n) continue;
    if (below >= 3 * n && below - n > best) {
      best = below - n;
      pooledN = n;
    }
  }
  const { passes, chunk, counting } = planSlots(input.columns, maxN, memory, input.strategy);
  const width = input.columns.length;
  const job: KernelJob = {
    resamples: B,
    seed,
    starts,
    pooledN,
    chunk,
    counting,
    width,
    passes,
    sums: memory.float64(segments * B * width),
  };
  // Small segments together; a large one cut into ranges of replicates.
  const items: number[] = [];
  for (let s = 0; s < segments; ) {
    const n = starts[s + 1]! - starts[s]!;
    if (n * B > ITEM_DRAWS) {
      const per = Math.max(1, Math.floor(ITEM_DRAWS / n));
      for (let b = 0; b < B; b += per) items.push(0, s, s + 1, b, Math.min(B, b + per));
      s++;
      continue;
    }
    let end = s;
    let draws = 0;
    while (end < segments) {
      const cost = (starts[end + 1]! - starts[end]! + 1) * B;
      if (end > s && draws + cost > ITEM_DRAWS) break;
      draws += cost;
      end++;
    }
    items.push(0, s, end, 0, B);
    s = end;
  }
  const packed = memory.int32(items.length);
  packed.set(items);
  return { jobs: [job], items: packed, control: memory.int32(2 + items.length / 5) };
}

/** Computes every figure of every replicate from the kernel's sums, and their intervals. */
export function finishEntry(entry: BootstrapEntry): void {
  const { input } = entry;
  const { resamples: B, starts, width, sums } = entry.prepared!.jobs[0]!;
  const evaluate: Evaluate =
    "statistics" in input
      ? (sums, segment, out) => {
          for (let k = 0; k < input.statistics.length; k++) out[k] = input.statistics[k]!(sums, segment);
        }
      : input.evaluate;
  const figures = "statistics" in input ? input.statistics.length : input.figures;
  // One statistic (the common case): called directly, without the per-replicate evaluate wrapper.
  const single = "statistics" in input && input.statistics.length === 1 ? input.statistics[0]! : null;
  const own = new Float64Array(width);
  const values = new Float64Array(figures);
  const replicates = Array.from({ length: figures }, () => new Float64Array(B));
  const result: BootstrapResult = [];
  for (let s = 0; s + 1 < starts.length; s++) {
    if (starts[s + 1] === starts[s]) {
      result.push(replicates.map(() => null));
      continue;
    }
    for (let b = 0; b < B; b++) {
      const at = (s * B + b) * width;
      for (let c = 0; c < width; c++) own[c] = sums[at + c]!;
      if (single) replicates[0]![b] = single(own, s);
      else {
        values.fill(Number.NaN);
        evaluate(own, s, values);
        for (let k = 0; k < figures; k++) replicates[k]![b] = values[k]!;
      }
    }
    result.push(replicates.map((r) => percentileInterval(r)));
  }
  entry.result = result;
  // The packed tallies and sums are garbage now.
  entry.prepared = null;
}

let kernel: BootstrapKernel | undefined;

/** This thread's kernel. */
export function localKernel(): BootstrapKernel {
  kernel ??= bootstrapKernel();
  return kernel;
}

/**
 * Percentile intervals of every figure on every segment: result[segment][figure], null when the
 * segment is empty or every replicate was undefined.
 */
export function bootstrapSums(input: SumsBootstrapInput, options: BootstrapOptions = {}): BootstrapResult {
  const batch = new BootstrapBatch();
  const result = batch.add(input, options);
  batch.run();
  return result();
}

/** Interval of one statistic of all units resampled together. */
export function bootstrapCI(columns: readonly Float64Array[], statistic: Statistic, options: BootstrapOptions = {}): Interval | null {
  const n = columns[0]?.length ?? 0;
  return bootstrapSums({ segmentStarts: [0, n], columns, statistics: [statistic] }, options)[0]![0]!;
}

/** Interval of Σ numerator / Σ denominator over units resampled with replacement (a pooled share). */
export function bootstrapRatioCI(numerator: Float64Array, denominator: Float64Array, options: BootstrapOptions = {}): Interval | null {
  return bootstrapCI([numerator, denominator], ratioStatistic, options);
}

/** sums[0] / sums[1], undefined (NaN) when nothing was drawn to divide by. */
export const ratioStatistic: Statistic = (sums) => (sums[1]! > 0 ? sums[0]! / sums[1]! : Number.NaN);

type SlotPlan = { passes: KernelPass[]; chunk: number; counting: boolean };

/** Slots summed per pass over the draws; more slots mean another pass, which recomputes the indices. */
const SLOTS_PER_PASS = 8;

/**
 * Columns of small non-negative integers (counts, agreements, doubled wins) are packed several to a
 * double, each in its own bit lane: a chunk of c draws sums to at most c·max in a lane, so a lane of
 * ceil(log2(c·max + 1)) bits never carries into the next, and the 53-bit mantissa keeps every
 * partial sum exact. One add then sums several columns at once; peeling the lanes off is exact.
 * Other columns (real-valued τ) are summed as they are.
 */
function planSlots(columns: readonly Float64Array[], maxN: number, memory: Allocate, strategy?: "gather" | "count"): SlotPlan {
  const integer: { column: number; max: number }[] = [];
  const real: number[] = [];
  columns.forEach((values, column) => {
    let max = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!(v >= 0 && Number.isInteger(v))) {
        real.push(column);
        return;
      }
      if (v > max) max = v;
    }
    // A column of zeros sums to zero: it needs no lane.
    if (max > 0) integer.push({ column, max });
  });
  const pack = (chunk: number) => {
    const lanes = integer.map(({ column, max }) => ({ column, bits: bitsFor(chunk * max) })).sort((x, y) => y.bits - x.bits);
    const bins: { used: number; lanes: { column: number; offset: number }[] }[] = [];
    for (const lane of lanes) {
      if (lane.bits > 53) return null;
      let bin = bins.find((candidate) => candidate.used + lane.bits <= 53);
      if (!bin) bins.push((bin = { used: 0, lanes: [] }));
      bin.lanes.push({ column: lane.column, offset: bin.used });
      bin.used += lane.bits;
    }
    return bins;
  };
  // Estimated nanoseconds per draw, measured on a 2-core server. Gathering: a pass recomputes the
  // index and reads one row of `stride` slots; rows within ~384 KB stay in cache, beyond that
  // every draw waits on memory (a 40,000-unit segment: one double per unit fits, two do not).
  // Counting: one increment per draw (the counts stay in cache), then each pass reads the rows in
  // order. Every lane is peeled once per chunk. Pick the cheapest strategy, chunk and stride.
  const rowCost = (stride: number) => (maxN * stride * 8 <= 384 * 1024 ? 0.8 : 6) + 0.15 * stride;
  const candidates = [maxN, 4096, 1024, 256, 128, 64, 32, 16].filter((c) => c <= Math.max(1, maxN));
  let chosen: { chunk: number; stride: number; counting: boolean; bins: NonNullable<ReturnType<typeof pack>> } = {
    chunk: 1,
    stride: 1,
    counting: strategy === "count",
    bins: pack(1) ?? [],
  };
  let best = Number.POSITIVE_INFINITY;
  for (const chunk of candidates) {
    const bins = pack(Math.max(1, chunk));
    if (!bins) continue;
    const slots = bins.length + real.length;
    for (const stride of [1, 2, 4, 8]) {
      if (stride > SLOTS_PER_PASS || (stride > 1 && stride / 2 >= slots)) continue;
      const passes = Math.ceil(slots / stride);
      const peeling = (integer.length * 1.2) / chunk;
      for (const counting of [false, true]) {
        if (strategy && counting !== (strategy === "count")) continue;
        const cost =
          (counting ? COUNT_DRAW_NS + passes * (COUNT_PASS_NS + COUNT_SLOT_NS * stride) : passes * (1 + rowCost(stride))) + peeling;
        if (cost < best) {
          best = cost;
          chosen = { chunk, stride, counting, bins };
        }
      }
    }
  }
  const bins = chosen.bins;
  const units = columns[0]?.length ?? 0;
  const slots: { values: Float64Array; lanes: { column: number; factor: number }[] }[] = bins.map((bin) => {
    const values = new Float64Array(units);
    for (const { column, offset } of bin.lanes) {
      const source = columns[column]!;
      const factor = 2 ** offset;
      for (let i = 0; i < units; i++) values[i]! += source[i]! * factor;
    }
    // Highest lane first, so each lane is peeled off the top exactly.
    const lanes = bin.lanes.map(({ column, offset }) => ({ column, factor: 2 ** offset })).sort((x, y) => y.factor - x.factor);
    return { values, lanes };
  });
  for (const column of real) slots.push({ values: columns[column]!, lanes: [{ column, factor: 0 }] });
  const passes: KernelPass[] = [];
  for (let i = 0; i < slots.length; i += chosen.stride) {
    const group = slots.slice(i, i + chosen.stride);
    const stride = group.length === 1 ? 1 : group.length === 2 ? 2 : group.length <= 4 ? 4 : 8;
    const data = memory.float64(units * stride);
    group.forEach(({ values }, j) => {
      for (let u = 0; u < units; u++) data[u * stride + j] = values[u]!;
    });
    const laneStart = memory.int32(group.length + 1);
    group.forEach(({ lanes }, j) => {
      laneStart[j + 1] = laneStart[j]! + lanes.length;
    });
    const flat = group.flatMap(({ lanes }) => lanes);
    const laneColumn = memory.int32(flat.length);
    const laneFactor = memory.float64(flat.length);
    flat.forEach((lane, l) => {
      laneColumn[l] = lane.column;
      laneFactor[l] = lane.factor;
    });
    passes.push({ slots: group.length, stride, data, laneStart, laneColumn, laneFactor });
  }
  return { passes, chunk: Math.max(1, chosen.chunk), counting: chosen.counting };
}

/** Costs of the counting strategy (ns per draw): the count, a pass over the units, a slot read in order. */
const COUNT_DRAW_NS = 1.5;
const COUNT_PASS_NS = 0.6;
const COUNT_SLOT_NS = 0.35;

/** Bits that hold every integer 0..bound. */
function bitsFor(bound: number): number {
  let bits = 1;
  while (2 ** bits <= bound) bits++;
  return bits;
}

/**
 * The resampling loop. It references nothing outside its own body: this thread calls it, and
 * lib/quality/parallel.ts starts a worker thread from its source text, so both run the same code.
 *
 * A replicate's draws come from the mulberry32 stream (lib/quality/random.ts) at its position: the
 * generator's state after p draws is seed + p·0x6d2b79f5, so any position is one multiplication
 * away. The unit of draw i is base + floor(u_i · n / 2^32), recomputed in each pass rather than
 * stored (cheaper than a buffer). Each pass sums up to eight packed slots `chunk` draws at a time;
 * after each chunk every lane is peeled off its double into the column's sum, exactly (planSlots).
 */
export function bootstrapKernel(): BootstrapKernel {
  const TWO_POW_MINUS_32 = 2 ** -32;
  const partial = new Float64Array(8);

  /** Writes `count` draws from generator state `state` into out[0..count); returns the state after them. */
  function fill(state: number, out: Uint32Array, count: number): number {
    // `| 0` keeps s a 32-bit integer in the JIT.
    let s = state | 0;
    for (let i = 0; i < count; i++) {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      out[i] = (t ^ (t >>> 14)) >>> 0;
    }
    return s;
  }

  /** Generator state after `position` draws of the stream seeded with `seed`. */
  function stateAt(seed: number, position: number): number {
    return ((seed | 0) + Math.imul(position >>> 0, 0x6d2b79f5)) | 0;
  }

  type Pool = { draws: Uint32Array; filled: number; state: number };

  /** The pooled stream of `seed`, generated at least up to draw `upTo` (capacity: the job's largest need). */
  function pooled(pools: Map<number, Pool>, seed: number, upTo: number, capacity: number): Uint32Array {
    let pool = pools.get(seed);
    if (!pool) {
      pool = { draws: new Uint32Array(Math.min(capacity, Math.max(upTo, 1 << 16))), filled: 0, state: seed | 0 };
      pools.set(seed, pool);
    }
    if (pool.draws.length < upTo) {
      // Grown as far as needed (doubling, up to the job's whole stream).
      const larger = new Uint32Array(Math.max(upTo, Math.min(capacity, pool.draws.length * 2)));
      larger.set(pool.draws.subarray(0, pool.filled));
      pool.draws = larger;
    }
    if (pool.filled < upTo) {
      pool.state = fill(pool.state, pool.draws.subarray(pool.filled, upTo), upTo - pool.filled);
      pool.filled = upTo;
    }
    return pool.draws;
  }

  function sum1(draws: Uint32Array, offset: number, start: number, end: number, scale: number, base: number, data: Float64Array): number {
    let s0 = 0;
    for (let i = start; i < end; i++) s0 += data[base + ((draws[offset + i]! * scale) | 0)]!;
    return s0;
  }

  function sum2(draws: Uint32Array, offset: number, start: number, end: number, scale: number, base: number, data: Float64Array): void {
    let s0 = 0;
    let s1 = 0;
    for (let i = start; i < end; i++) {
      const k = (base + ((draws[offset + i]! * scale) | 0)) * 2;
      s0 += data[k]!;
      s1 += data[k + 1]!;
    }
    out0 = s0;
    out1 = s1;
  }

  function sum4(draws: Uint32Array, offset: number, start: number, end: number, scale: number, base: number, data: Float64Array): void {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = start; i < end; i++) {
      const k = (base + ((draws[offset + i]! * scale) | 0)) * 4;
      s0 += data[k]!;
      s1 += data[k + 1]!;
      s2 += data[k + 2]!;
      s3 += data[k + 3]!;
    }
    out0 = s0;
    out1 = s1;
    out2 = s2;
    out3 = s3;
  }

  function sum8(draws: Uint32Array, offset: number, start: number, end: number, scale: number, base: number, data: Float64Array): void {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let i = start; i < end; i++) {
      const k = (base + ((draws[offset + i]! * scale) | 0)) * 8;
      s0 += data[k]!;
      s1 += data[k + 1]!;
      s2 += data[k + 2]!;
      s3 += data[k + 3]!;
      s4 += data[k + 4]!;
      s5 += data[k + 5]!;
      s6 += data[k + 6]!;
      s7 += data[k + 7]!;
    }
    out0 = s0;
    out1 = s1;
    out2 = s2;
    out3 = s3;
    out4 = s4;
    out5 = s5;
    out6 = s6;
    out7 = s7;
  }

  /** Adds a slot's chunk total to its columns' sums (at sums[out + column]), lane by lane, highest first. */
  function peel(value: number, slot: number, pass: KernelPass, sums: Float64Array, out: number): void {
    const { laneStart, laneColumn, laneFactor } = pass;
    let rest = value;
    for (let l = laneStart[slot]!; l < laneStart[slot + 1]!; l++) {
      const factor = laneFactor[l]!;
      if (factor === 0) {
        sums[out + laneColumn[l]!]! += rest;
        return;
      }
      const lane = Math.floor(rest / factor);
      sums[out + laneColumn[l]!]! += lane;
      rest -= lane * factor;
    }
  }

  function gatherPass(
    draws: Uint32Array,
    offset: number,
    n: number,
    base: number,
    pass: KernelPass,
    chunk: number,
    sums: Float64Array,
    out: number,
  ): void {
    const scale = n * TWO_POW_MINUS_32;
    const data = pass.data;
    for (let start = 0; start < n; start += chunk) {
      const end = Math.min(n, start + chunk);
      if (pass.stride === 1) {
        peel(sum1(draws, offset, start, end, scale, base, data), 0, pass, sums, out);
        continue;
      }
      if (pass.stride === 2) sum2(draws, offset, start, end, scale, base, data);
      else if (pass.stride === 4) sum4(draws, offset, start, end, scale, base, data);
      else sum8(draws, offset, start, end, scale, base, data);
      partial[0] = out0;
      partial[1] = out1;
      partial[2] = out2;
      partial[3] = out3;
      partial[4] = out4;
      partial[5] = out5;
      partial[6] = out6;
      partial[7] = out7;
      for (let slot = 0; slot < pass.slots; slot++) peel(partial[slot]!, slot, pass, sums, out);
    }
  }

  /** counts[unit]++ for the n draws of the stream from generator state `state` (fill's body, no buffer). */
  function countStream(state: number, n: number, counts: Int32Array): void {
    const scale = n * TWO_POW_MINUS_32;
    let s = state | 0;
    for (let i = 0; i < n; i++) {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      counts[(((t ^ (t >>> 14)) >>> 0) * scale) | 0]!++;
    }
  }

  /** counts[unit]++ for the n pooled draws from position `at`. */
  function countPooled(pool: Uint32Array, at: number, n: number, counts: Int32Array): void {
    const scale = n * TWO_POW_MINUS_32;
    for (let i = 0; i < n; i++) counts[(pool[at + i]! * scale) | 0]!++;
  }

  // What the last accumulate call summed: the draws and each slot's total. (Hot loops live in small
  // functions that read everything they need before looping and leave their results in these
  // variables: a loop optimized while it runs deopts when it reaches code that never ran, such as
  // stores into an array after it, but not for these.)
  let taken = 0;
  let out0 = 0;
  let out1 = 0;
  let out2 = 0;
  let out3 = 0;
  let out4 = 0;
  let out5 = 0;
  let out6 = 0;
  let out7 = 0;

  /**
   * Σ count·row over units [u, n) into partial[0], stopping before the unit that would take the
   * draws past `room`; returns that unit (n at the end). Units drawn 0 times are added too (0·row):
   * skipping them is a branch the processor mispredicts a third of the time, which costs more.
   */
  function accumulate1(counts: Int32Array, u: number, n: number, base: number, data: Float64Array, room: number): number {
    let s0 = 0;
    let drawn = 0;
    for (; u < n; u++) {
      const c = counts[u]!;
      if (drawn + c > room) break;
      s0 += c * data[base + u]!;
      drawn += c;
    }
    out0 = s0;
    taken = drawn;
    return u;
  }

  function accumulate2(counts: Int32Array, u: number, n: number, base: number, data: Float64Array, room: number): number {
    let s0 = 0;
    let s1 = 0;
    let drawn = 0;
    for (; u < n; u++) {
      const c = counts[u]!;
      if (drawn + c > room) break;
      const k = (base + u) * 2;
      s0 += c * data[k]!;
      s1 += c * data[k + 1]!;
      drawn += c;
    }
    out0 = s0;
    out1 = s1;
    taken = drawn;
    return u;
  }

  function accumulate4(counts: Int32Array, u: number, n: number, base: number, data: Float64Array, room: number): number {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let drawn = 0;
    for (; u < n; u++) {
      const c = counts[u]!;
      if (drawn + c > room) break;
      const k = (base + u) * 4;
      s0 += c * data[k]!;
      s1 += c * data[k + 1]!;
      s2 += c * data[k + 2]!;
      s3 += c * data[k + 3]!;
      drawn += c;
    }
    out0 = s0;
    out1 = s1;
    out2 = s2;
    out3 = s3;
    taken = drawn;
    return u;
  }

  function accumulate8(counts: Int32Array, u: number, n: number, base: number, data: Float64Array, room: number): number {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    let drawn = 0;
    for (; u < n; u++) {
      const c = counts[u]!;
      if (drawn + c > room) break;
      const k = (base + u) * 8;
      s0 += c * data[k]!;
      s1 += c * data[k + 1]!;
      s2 += c * data[k + 2]!;
      s3 += c * data[k + 3]!;
      s4 += c * data[k + 4]!;
      s5 += c * data[k + 5]!;
      s6 += c * data[k + 6]!;
      s7 += c * data[k + 7]!;
      drawn += c;
    }
    out0 = s0;
    out1 = s1;
    out2 = s2;
    out3 = s3;
    out4 = s4;
    out5 = s5;
    out6 = s6;
    out7 = s7;
    taken = drawn;
    return u;
  }

  /**
   * Σ count·row over the units of a segment, one pass: `chunk` draws at most between two peels (a
   * unit drawn more than `chunk` times is added alone, in pieces).
   */
  function sweep(counts: Int32Array, n: number, base: number, pass: KernelPass, chunk: number, sums: Float64Array, out: number): void {
    const { stride, slots, data } = pass;
    let u = 0;
    while (u < n) {
      if (stride === 1) u = accumulate1(counts, u, n, base, data, chunk);
      else if (stride === 2) u = accumulate2(counts, u, n, base, data, chunk);
      else if (stride === 4) u = accumulate4(counts, u, n, base, data, chunk);
      else u = accumulate8(counts, u, n, base, data, chunk);
      if (taken > 0) {
        partial[0] = out0;
        partial[1] = out1;
        partial[2] = out2;
        partial[3] = out3;
        partial[4] = out4;
        partial[5] = out5;
        partial[6] = out6;
        partial[7] = out7;
        for (let j = 0; j < slots; j++) peel(partial[j]!, j, pass, sums, out);
      }
      if (u < n && counts[u]! > chunk) {
        const k = (base + u) * stride;
        for (let left = counts[u]!; left > 0; left -= chunk) {
          const piece = Math.min(left, chunk);
          for (let j = 0; j < slots; j++) peel(piece * data[k + j]!, j, pass, sums, out);
        }
        u++;
      }
    }
  }

  /** Items of a counting job: per replicate, count the draws per unit, then sweep the rows in order. */
  function runCounting(job: KernelJob, fromSegment: number, toSegment: number, from: number, to: number, pools: Map<number, Pool>): void {
    const { resamples: B, seed, starts, pooledN, chunk, width, passes, sums } = job;
    let counts: Int32Array | null = null;
    for (let s = fromSegment; s < toSegment; s++) {
      const base = starts[s]!;
      const n = starts[s + 1]! - base;
      if (n === 0) continue;
      const pool = n <= pooledN ? pooled(pools, seed, to * n, B * pooledN) : null;
      if (!counts || counts.length < n) counts = new Int32Array(n);
      for (let b = from; b < to; b++) {
        const out = (s * B + b) * width;
        for (let c = 0; c < width; c++) sums[out + c] = 0;
        counts.fill(0, 0, n);
        if (pool) countPooled(pool, b * n, n, counts);
        else countStream(stateAt(seed, b * n), n, counts);
        for (let p = 0; p < passes.length; p++) sweep(counts, n, base, passes[p]!, chunk, sums, out);
      }
    }
  }

  /** Items of a gathering job: per replicate, each draw reads its unit's row. */
  function runGathering(job: KernelJob, fromSegment: number, toSegment: number, from: number, to: number, pools: Map<number, Pool>): void {
    const { resamples: B, seed, starts, pooledN, chunk, width, passes, sums } = job;
    let fresh: Uint32Array | null = null;
    for (let s = fromSegment; s < toSegment; s++) {
      const base = starts[s]!;
      const n = starts[s + 1]! - base;
      if (n === 0) continue;
      const pool = n <= pooledN ? pooled(pools, seed, to * n, B * pooledN) : null;
      if (!pool && (!fresh || fresh.length < n)) fresh = new Uint32Array(n);
      for (let b = from; b < to; b++) {
        let draws: Uint32Array;
        let offset = 0;
        if (pool) {
          draws = pool;
          offset = b * n;
        } else {
          draws = fresh!;
          fill(stateAt(seed, b * n), draws, n);
        }
        const out = (s * B + b) * width;
        for (let c = 0; c < width; c++) sums[out + c] = 0;
        for (let p = 0; p < passes.length; p++) gatherPass(draws, offset, n, base, passes[p]!, chunk, sums, out);
      }
    }
  }

  /**
   * The job rebuilt by these two literals, whether prepareEntry made it or it is a structured
   * clone (a helper's copy): the optimized loops then always meet the same hidden classes.
   */
  function sameShape(job: KernelJob): KernelJob {
    return {
      resamples: job.resamples,
      seed: job.seed,
      starts: job.starts,
      pooledN: job.pooledN,
      chunk: job.chunk,
      counting: job.counting,
      width: job.width,
      passes: job.passes.map((pass) => ({
        slots: pass.slots,
        stride: pass.stride,
        data: pass.data,
        laneStart: pass.laneStart,
        laneColumn: pass.laneColumn,
        laneFactor: pass.laneFactor,
      })),
      sums: job.sums,
    };
  }

  function runItems(given: KernelJob[], items: Int32Array, control: Int32Array): number {
    const jobs = given.map(sameShape);
    const count = items.length / 5;
    // Streams pooled by this thread for this batch (the other thread pools its own).
    const pools = new Map<number, Pool>();
    for (let ran = 0; ; ran++) {
      const i = Atomics.add(control, 0, 1);
      if (i >= count) return ran;
      Atomics.store(control, 2 + i, 1);
      const at = i * 5;
      const job = jobs[items[at]!]!;
      (job.counting ? runCounting : runGathering)(job, items[at + 1]!, items[at + 2]!, items[at + 3]!, items[at + 4]!, pools);
      Atomics.store(control, 2 + i, 2);
      Atomics.add(control, 1, 1);
      Atomics.notify(control, 1);
    }
  }

  return {
    runItems,
    serve(port) {
      port.on("message", ({ jobs, items, control }) => runItems(jobs, items, control));
    },
  };
}
