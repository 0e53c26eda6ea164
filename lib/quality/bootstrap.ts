/**
 * Percentile bootstrap over precomputed per-unit tallies.
 *
 * Every figure here is a function of sums of per-unit tallies (agreements and comparisons per
 * task, wins per prompt...). A bootstrap replicate draws as many units as there are, with
 * replacement, and sums their tallies; the figure is recomputed from those sums, and the 95%
 * interval is the 2.5th and 97.5th percentiles of the replicates. Tallies are precomputed once
 * into typed arrays so a replicate allocates nothing.
 */
import { Mulberry32, TWO_POW_MINUS_32 } from "./random";
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
  /** The figures computed from every replicate: a list of statistics, or one evaluate writing `figures` values. */
} & ({ statistics: readonly Statistic[] } | { figures: number; evaluate: Evaluate });

/**
 * Uniform draws are shared: every segment reads the same seeded stream from its start (replicate b
 * of a segment of n units uses draws [b·n, (b+1)·n)), so a segment's interval depends only on its
 * own units and the seed, never on the other segments. Streams short enough are generated once
 * into this pool and reused by all segments; longer ones are regenerated (same values).
 */
const POOL_LIMIT = 1 << 22;

/** The 2.5th/97.5th (for level 0.95) percentiles, interpolated linearly between order statistics. */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): Interval | null {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]!);
  if (finite.length === 0) return null;
  const sorted = Float64Array.from(finite).sort();
  // Rounded so 0.95 gives exactly 0.025 and 0.975 (not 0.025000000000000022).
  const tail = Number(((1 - level) / 2).toFixed(12));
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
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

/**
 * Percentile intervals of every figure on every segment: result[segment][figure], null when the
 * segment is empty or every replicate was undefined.
 */
export function bootstrapSums(input: SumsBootstrapInput, options: BootstrapOptions = {}): (Interval | null)[][] {
  const { resamples: B, seed } = resolveBootstrap(options);
  const { segmentStarts: starts, columns } = input;
  const evaluate: Evaluate =
    "statistics" in input
      ? (sums, segment, out) => {
          for (let k = 0; k < input.statistics.length; k++) out[k] = input.statistics[k]!(sums, segment);
        }
      : input.evaluate;
  const figures = "statistics" in input ? input.statistics.length : input.figures;
  const segments = starts.length - 1;
  let maxN = 0;
  let pooledN = 0;
  for (let s = 0; s < segments; s++) {
    const n = starts[s + 1]! - starts[s]!;
    if (n > maxN) maxN = n;
    if (n * B <= POOL_LIMIT && n > pooledN) pooledN = n;
  }
  const { passes, chunk } = planSlots(columns, maxN);
  // One statistic (the common case): called directly, without the per-replicate evaluate wrapper.
  const single = "statistics" in input && input.statistics.length === 1 ? input.statistics[0]! : null;
  const pool = new Uint32Array(B * pooledN);
  new Mulberry32(seed).fill(pool, pool.length);
  const fresh = new Uint32Array(maxN);
  const sums = new Float64Array(columns.length);
  const values = new Float64Array(figures);
  const replicates = Array.from({ length: figures }, () => new Float64Array(B));
  const result: (Interval | null)[][] = [];

  for (let s = 0; s < segments; s++) {
    const base = starts[s]!;
    const n = starts[s + 1]! - base;
    if (n === 0) {
      result.push(replicates.map(() => null));
      continue;
    }
    const rng = n <= pooledN ? null : new Mulberry32(seed);
    for (let b = 0; b < B; b++) {
      let draws = pool;
      let offset = b * n;
      if (rng) {
        rng.fill(fresh, n);
        draws = fresh;
        offset = 0;
      }
      sums.fill(0);
      for (let p = 0; p < passes.length; p++) gatherPass(draws, offset, n, base, passes[p]!, chunk, sums);
      if (single) replicates[0]![b] = single(sums, s);
      else {
        values.fill(Number.NaN);
        evaluate(sums, s, values);
        for (let k = 0; k < figures; k++) replicates[k]![b] = values[k]!;
      }
    }
    result.push(replicates.map((r) => percentileInterval(r)));
  }
  return result;
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

/** Slots summed per pass over the draws; more slots mean another pass, which recomputes the indices. */
const SLOTS_PER_PASS = 8;

/**
 * A pass sums up to eight packed columns over the drawn units, `chunk` draws at a time; after each
 * chunk every lane is peeled off its double into the column's total, exactly. A unit's slots sit
 * side by side (stride 1, 2, 4 or 8), so one random draw touches one cache line, not one per column.
 * (A class with plain fields: the JIT then keeps one fast shape for the hot loop.)
 */
class Pass {
  constructor(
    /** Number of slots in use (1–8); padding slots are zeros. */
    readonly slots: number,
    readonly stride: number,
    /** data[unit · stride + slot]. */
    readonly data: Float64Array,
    /** Lanes of slot j are laneColumn/laneFactor[laneStart[j]..laneStart[j + 1]), highest first; factor 0 = a real column. */
    readonly laneStart: Int32Array,
    readonly laneColumn: Int32Array,
    readonly laneFactor: Float64Array,
  ) {}
}

/**
 * Sums the pass's slots over the draws of one replicate; the unit of draw i is
 * base + floor(u_i · n / 2^32), recomputed in each pass rather than stored (cheaper than a buffer).
 */
function gatherPass(draws: Uint32Array, offset: number, n: number, base: number, pass: Pass, chunk: number, sums: Float64Array): void {
  const scale = n * TWO_POW_MINUS_32;
  const data = pass.data;
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    if (pass.stride === 1) {
      peel(sum1(draws, offset, start, end, scale, base, data), 0, pass, sums);
      continue;
    }
    if (pass.stride === 2) sum2(draws, offset, start, end, scale, base, data, partial);
    else if (pass.stride === 4) sum4(draws, offset, start, end, scale, base, data, partial);
    else sum8(draws, offset, start, end, scale, base, data, partial);
    for (let slot = 0; slot < pass.slots; slot++) peel(partial[slot]!, slot, pass, sums);
  }
}

const partial = new Float64Array(SLOTS_PER_PASS);

function sum1(draws: Uint32Array, offset: number, start: number, end: number, scale: number, base: number, data: Float64Array): number {
  let s0 = 0;
  for (let i = start; i < end; i++) s0 += data[base + ((draws[offset + i]! * scale) | 0)]!;
  return s0;
}

function sum2(
  draws: Uint32Array,
  offset: number,
  start: number,
  end: number,
  scale: number,
  base: number,
  data: Float64Array,
  out: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  for (let i = start; i < end; i++) {
    const k = (base + ((draws[offset + i]! * scale) | 0)) * 2;
    s0 += data[k]!;
    s1 += data[k + 1]!;
  }
  out[0] = s0;
  out[1] = s1;
}

function sum4(
  draws: Uint32Array,
  offset: number,
  start: number,
  end: number,
  scale: number,
  base: number,
  data: Float64Array,
  out: Float64Array,
): void {
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
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

function sum8(
  draws: Uint32Array,
  offset: number,
  start: number,
  end: number,
  scale: number,
  base: number,
  data: Float64Array,
  out: Float64Array,
): void {
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
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
  out[7] = s7;
}

function peel(value: number, slot: number, pass: Pass, sums: Float64Array): void {
  const { laneStart, laneColumn, laneFactor } = pass;
  let rest = value;
  for (let l = laneStart[slot]!; l < laneStart[slot + 1]!; l++) {
    const factor = laneFactor[l]!;
    if (factor === 0) {
      sums[laneColumn[l]!]! += rest;
      return;
    }
    const lane = Math.floor(rest / factor);
    sums[laneColumn[l]!]! += lane;
    rest -= lane * factor;
  }
}

type SlotPlan = { passes: Pass[]; chunk: number };

/**
 * Columns of small non-negative integers (counts, agreements, doubled wins) are packed several to a
 * double, each in its own bit lane: a chunk of c draws sums to at most c·max in a lane, so a lane of
 * ceil(log2(c·max + 1)) bits never carries into the next, and the 53-bit mantissa keeps every
 * partial sum exact. One add then sums several columns at once; peeling the lanes off is exact.
 * Other columns (real-valued τ) are summed as they are.
 */
function planSlots(columns: readonly Float64Array[], maxN: number): SlotPlan {
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
  // Estimated nanoseconds per draw, measured on a 2-core server: a pass recomputes the index and
  // reads one row of `stride` slots; rows within ~384 KB stay in cache, beyond that every draw
  // waits on memory (a 40,000-unit segment: one double per unit fits, two do not). Every lane is
  // peeled once per chunk. Pick the cheapest chunk and stride.
  const rowCost = (stride: number) => (maxN * stride * 8 <= 384 * 1024 ? 0.8 : 6) + 0.15 * stride;
  const candidates = [maxN, 4096, 1024, 256, 128, 64, 32, 16].filter((c) => c <= Math.max(1, maxN));
  let chosen: { chunk: number; stride: number; bins: NonNullable<ReturnType<typeof pack>> } = { chunk: 1, stride: 1, bins: pack(1) ?? [] };
  let best = Number.POSITIVE_INFINITY;
  for (const chunk of candidates) {
    const bins = pack(Math.max(1, chunk));
    if (!bins) continue;
    const slots = bins.length + real.length;
    for (const stride of [1, 2, 4, 8]) {
      if (stride > SLOTS_PER_PASS || (stride > 1 && stride / 2 >= slots)) continue;
      const cost = Math.ceil(slots / stride) * (1 + rowCost(stride)) + (integer.length * 1.2) / chunk;
      if (cost < best) {
        best = cost;
        chosen = { chunk, stride, bins };
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
  const passes: Pass[] = [];
  for (let i = 0; i < slots.length; i += chosen.stride) {
    const group = slots.slice(i, i + chosen.stride);
    const stride = group.length === 1 ? 1 : group.length === 2 ? 2 : group.length <= 4 ? 4 : 8;
    const data = new Float64Array(units * stride);
    group.forEach(({ values }, j) => {
      for (let u = 0; u < units; u++) data[u * stride + j] = values[u]!;
    });
    const laneStart = new Int32Array(group.length + 1);
    group.forEach(({ lanes }, j) => {
      laneStart[j + 1] = laneStart[j]! + lanes.length;
    });
    const flat = group.flatMap(({ lanes }) => lanes);
    passes.push(
      new Pass(
        group.length,
        stride,
        data,
        laneStart,
        Int32Array.from(flat, (lane) => lane.column),
        Float64Array.from(flat, (lane) => lane.factor),
      ),
    );
  }
  return { passes, chunk: Math.max(1, chosen.chunk) };
}

/** Bits that hold every integer 0..bound. */
function bitsFor(bound: number): number {
  let bits = 1;
  while (2 ** bits <= bound) bits++;
  return bits;
}
