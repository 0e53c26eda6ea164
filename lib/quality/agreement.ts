/**
 * Agreement between labelers: pairwise agreement (the InstructGPT paper's figure), Kendall's τ-b
 * between two labelers' ranks, and Krippendorff's α (interval metric) on the 1–7 Likert ratings.
 * The caller passes only the rankings of non-gold tasks. Intervals resample TASKS, the unit that is
 * independent: all pairs of one task share its prompt and outputs.
 */
import { BootstrapBatch, type BootstrapResult, type Interval, ratioStatistic, type Statistic } from "./bootstrap";
import { asTable, groupByTask, stableOrder } from "./rankings";
import type { BootstrapOptions, Figure, Rankings, RankingTable } from "./types";

/** Kendall's τ-b of two rank arrays of the same outputs; null when undefined (one of them ties everything). */
export function kendallTauB(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const k = Math.min(a.length, b.length);
  let concordant = 0;
  let discordant = 0;
  let tiedA = 0;
  let tiedB = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const x = sign(a[i]! - a[j]!);
      const y = sign(b[i]! - b[j]!);
      if (x === 0) tiedA++;
      if (y === 0) tiedB++;
      if (x * y > 0) concordant++;
      else if (x * y < 0) discordant++;
    }
  }
  const pairs = (k * (k - 1)) / 2;
  // Standard tie correction: τ-b = (C − D) / sqrt((n0 − n1)(n0 − n2)).
  const denominator = Math.sqrt((pairs - tiedA) * (pairs - tiedB));
  return denominator > 0 ? (concordant - discordant) / denominator : null;
}

export type AgreementReport = {
  /** Pairwise agreement over all labeler pairs, and per labeler over the pairs that include them. */
  pairwise: { overall: Figure; perLabeler: Map<number, Figure> };
  /** Mean Kendall τ-b over (task, labeler pair); n = number of (task, labeler pair)s where τ-b is defined. */
  tauB: Figure;
  /** Krippendorff's α, interval metric, over the Likert ratings; n = number of pairable ratings. */
  alpha: Figure;
};

/**
 * Pairwise agreement: over every task with two or more completed rankings, every unordered pair of
 * labelers who ranked it and every unordered pair of its outputs, the share where both labelers'
 * relations are equal (a tie is a relation of its own). n = number of such comparisons. A
 * labeler's figure is restricted to the labeler pairs that include them; its interval resamples
 * the tasks that labeler is in, or from LINEARIZED_FROM_TASKS of them on is the ratio's normal
 * interval. Every labeler in the input is listed (null when they share no task).
 */
export function pairwiseAgreement(
  rankings: Rankings,
  options: BootstrapOptions = {},
): { overall: Figure; perLabeler: Map<number, Figure> } {
  const records = asTable(rankings);
  const batch = new BootstrapBatch();
  const tallies = tallyTasks(records, false);
  const overall = tallies.figures(["pairwise"], options, batch);
  const perLabeler = perLabelerAgreement(records, tallies, options, batch);
  batch.run();
  return { overall: overall().pairwise, perLabeler: perLabeler() };
}

/**
 * Kendall's τ-b between two labelers' ranks of one task, averaged over every (task, labeler pair).
 * A pair where τ-b is undefined (one labeler tied every output, so the tie correction divides by
 * zero) is left out of the mean and of n, rather than counted as 0.
 */
export function meanKendallTauB(rankings: Rankings, options: BootstrapOptions = {}): Figure {
  return runNow((batch) => tallyTasks(asTable(rankings), false).figures(["tauB"], options, batch)).tauB;
}

/**
 * Krippendorff's α with the interval metric: units are the outputs of a task, values the labelers'
 * 1–7 ratings (0 = absent). Units with fewer than 2 ratings are not pairable and are dropped, as
 * the standard definition says. α = 1 − D_o / D_e; null when D_e = 0 (every rating equal) or
 * nothing is pairable. n = number of pairable ratings.
 */
export function krippendorffAlphaInterval(rankings: Rankings, options: BootstrapOptions = {}): Figure {
  return runNow((batch) => tallyTasks(asTable(rankings), true).figures(["alpha"], options, batch)).alpha;
}

/**
 * All agreement figures at once: one pass over the tasks, one set of resamples shared by pairwise,
 * τ-b and α, and, given `bucketOfTask`, the per-bucket series of agreementOverTime (same figures).
 */
export function agreementReport<K extends string | number = number>(
  rankings: Rankings,
  options: BootstrapOptions & { bucketOfTask?: (task: number) => K | null | undefined } = {},
): AgreementReport & { overTime?: Map<K, Figure> } {
  return runNow((batch) => scheduleAgreementReport(rankings, options, batch));
}

/**
 * agreementReport with its bootstraps queued on `batch` (to run with others, on two threads: see
 * lib/quality/parallel.ts); the returned function gives the report once the batch has run.
 */
export function scheduleAgreementReport<K extends string | number = number>(
  rankings: Rankings,
  options: BootstrapOptions & { bucketOfTask?: (task: number) => K | null | undefined },
  batch: BootstrapBatch,
): () => AgreementReport & { overTime?: Map<K, Figure> } {
  const records = asTable(rankings);
  const tallies = tallyTasks(records, true);
  const figures = tallies.figures(["pairwise", "tauB", "alpha"], options, batch);
  const perLabeler = perLabelerAgreement(records, tallies, options, batch);
  const weeks = options.bucketOfTask ? overTime(tallies, options.bucketOfTask, options, batch) : null;
  return () => {
    const { pairwise, tauB, alpha } = figures();
    return { pairwise: { overall: pairwise, perLabeler: perLabeler() }, tauB, alpha, ...(weeks ? { overTime: weeks() } : {}) };
  };
}

/** Queues what `schedule` asks for on a batch of its own, runs it here and returns the result. */
function runNow<T>(schedule: (batch: BootstrapBatch) => () => T): T {
  const batch = new BootstrapBatch();
  const result = schedule(batch);
  batch.run();
  return result();
}

/**
 * Pairwise agreement per time bucket (e.g. ISO week of the task's completion): each bucket's tasks
 * resampled on their own (from LINEARIZED_FROM_TASKS of them on, the ratio's normal interval). Buckets are listed in ascending key order, including buckets whose tasks
 * have a single ranking (null figure); a task whose bucket is null or undefined is left out.
 */
export function agreementOverTime<K extends string | number>(
  rankings: Rankings,
  bucketOfTask: (task: number) => K | null | undefined,
  options: BootstrapOptions = {},
): Map<K, Figure> {
  return runNow((batch) => overTime(tallyTasks(asTable(rankings), false), bucketOfTask, options, batch));
}

function overTime<K extends string | number>(
  tallies: TaskTallies,
  bucketOfTask: (task: number) => K | null | undefined,
  options: BootstrapOptions,
  batch: BootstrapBatch,
): () => Map<K, Figure> {
  const keys = new Map<K, number>();
  const groupTask = tallies.groups.task;
  const bucketOfGroup = new Int32Array(groupTask.length).fill(-1);
  for (let g = 0; g < groupTask.length; g++) {
    const key = bucketOfTask(groupTask[g]!);
    if (key === null || key === undefined) continue;
    let bucket = keys.get(key);
    if (bucket === undefined) keys.set(key, (bucket = keys.size));
    bucketOfGroup[g] = bucket;
  }
  const sorted = [...keys.keys()].sort((x, y) =>
    typeof x === "number" && typeof y === "number" ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0,
  );
  const rankOfBucket = new Int32Array(keys.size);
  sorted.forEach((key, i) => {
    rankOfBucket[keys.get(key)!] = i;
  });
  // Units (multi-labeler tasks) ordered by bucket, so each bucket is one resampled segment.
  const { unitGroup, agree: unitAgree, comparisons: unitComparisons } = tallies;
  const unitBucket = new Int32Array(unitGroup.length);
  let bucketed = 0;
  for (let u = 0; u < unitBucket.length; u++) {
    const bucket = bucketOfGroup[unitGroup[u]!]!;
    unitBucket[u] = bucket < 0 ? -1 : rankOfBucket[bucket]!;
    if (bucket >= 0) bucketed++;
  }
  const units = new Int32Array(bucketed);
  const unitKeys = new Int32Array(bucketed);
  for (let u = 0, i = 0; u < unitBucket.length; u++) {
    if (unitBucket[u]! < 0) continue;
    units[i] = u;
    unitKeys[i++] = unitBucket[u]!;
  }
  const order = stableOrder(unitKeys);
  const agree = new Float64Array(order.length);
  const comparisons = new Float64Array(order.length);
  const starts = new Int32Array(sorted.length + 1);
  for (let i = 0; i < order.length; i++) {
    const u = units[order[i]!]!;
    agree[i] = unitAgree[u]!;
    comparisons[i] = unitComparisons[u]!;
    starts[unitBucket[u]! + 1]!++;
  }
  for (let s = 1; s < starts.length; s++) starts[s]! += starts[s - 1]!;
  const intervals = segmentRatioIntervals(starts, agree, comparisons, options, batch);
  return () => {
    const result = new Map<K, Figure>();
    sorted.forEach((key, s) => {
      let a = 0;
      let c = 0;
      for (let i = starts[s]!; i < starts[s + 1]!; i++) {
        a += agree[i]!;
        c += comparisons[i]!;
      }
      result.set(key, figure(c > 0 ? a / c : Number.NaN, intervals()[s]!, c));
    });
    return result;
  };
}

type FigureName = "pairwise" | "tauB" | "alpha";

/** Per-task tallies, one entry per task with two or more labelers (a "unit" of the bootstrap). */
type TaskTallies = {
  groups: ReturnType<typeof groupByTask>;
  /** Task group of each unit. */
  unitGroup: Int32Array;
  agree: Float64Array;
  comparisons: Float64Array;
  tauSum: Float64Array;
  tauPairs: Float64Array;
  alphaRatings: Float64Array;
  alphaSum: Float64Array;
  alphaSumSquares: Float64Array;
  alphaDisagreement: Float64Array;
  /** Per kept record of a unit: the agreements and comparisons of the labeler pairs it is in. */
  recordUnit: Int32Array;
  recordAgree: Float64Array;
  recordComparisons: Float64Array;
  /** The named figures' intervals: one resampling for all, queued on the batch; or, from LINEARIZED_FROM_TASKS tasks, the delta method's. */
  figures: (names: FigureName[], options: BootstrapOptions, batch: BootstrapBatch) => () => Record<FigureName, Figure>;
};

function tallyTasks(records: RankingTable, withAlpha: boolean): TaskTallies {
  const groups = groupByTask(records);
  // (Columns are read into locals before the loops: an optimized loop then reads no property.)
  const { start: groupStart, record: groupRecord } = groups;
  const groupCount = groups.task.length;
  let units = 0;
  let maxRaters = 0;
  for (let g = 0; g < groupCount; g++) {
    const raters = groupStart[g + 1]! - groupStart[g]!;
    if (raters >= 2) units++;
    if (raters > maxRaters) maxRaters = raters;
  }
  const unitGroup = new Int32Array(units);
  for (let g = 0, u = 0; g < groupCount; g++) if (groupStart[g + 1]! - groupStart[g]! >= 2) unitGroup[u++] = g;
  const scale = disagreementScale(maxRaters);
  const agree = new Float64Array(units);
  const comparisons = new Float64Array(units);
  const tauSum = new Float64Array(units);
  const tauPairs = new Float64Array(units);
  const alphaRatings = new Float64Array(units);
  const alphaSum = new Float64Array(units);
  const alphaSumSquares = new Float64Array(units);
  const alphaDisagreement = new Float64Array(units);
  const recordUnit = new Int32Array(records.size).fill(-1);
  const recordAgree = new Float64Array(records.size);
  const recordComparisons = new Float64Array(records.size);
  const { ranks, start, outputs } = records;

  for (let u = 0; u < units; u++) {
    const g = unitGroup[u]!;
    const from = groupStart[g]!;
    const to = groupStart[g + 1]!;
    for (let x = from; x < to; x++) recordUnit[groupRecord[x]!] = u;
    for (let x = from; x < to; x++) {
      const ra = groupRecord[x]!;
      const a = start[ra]!;
      for (let y = x + 1; y < to; y++) {
        const rb = groupRecord[y]!;
        const b = start[rb]!;
        const k = Math.min(outputs[ra]!, outputs[rb]!);
        let same = 0;
        let concordant = 0;
        let discordant = 0;
        let tiedA = 0;
        let tiedB = 0;
        for (let i = 0; i < k; i++) {
          const ai = ranks[a + i]!;
          const bi = ranks[b + i]!;
          for (let j = i + 1; j < k; j++) {
            const da = ai - ranks[a + j]!;
            const db = bi - ranks[b + j]!;
            if (da === 0) {
              tiedA++;
              if (db === 0) {
                tiedB++;
                same++;
              }
            } else if (db === 0) tiedB++;
            else if (da > 0 === db > 0) {
              same++;
              concordant++;
            } else discordant++;
          }
        }
        const pairs = (k * (k - 1)) / 2;
        agree[u]! += same;
        comparisons[u]! += pairs;
        recordAgree[ra]! += same;
        recordComparisons[ra]! += pairs;
        recordAgree[rb]! += same;
        recordComparisons[rb]! += pairs;
        const denominator = Math.sqrt((pairs - tiedA) * (pairs - tiedB));
        if (denominator > 0) {
          tauSum[u]! += (concordant - discordant) / denominator;
          tauPairs[u]! += 1;
        }
      }
    }
    if (withAlpha) tallyAlpha(records, groupRecord, from, to, u, scale, alphaRatings, alphaSum, alphaSumSquares, alphaDisagreement);
  }

  const tallies: TaskTallies = {
    groups,
    unitGroup,
    agree,
    comparisons,
    tauSum,
    tauPairs,
    alphaRatings,
    alphaSum,
    alphaSumSquares,
    alphaDisagreement,
    recordUnit,
    recordAgree,
    recordComparisons,
    figures(names, options, batch) {
      const spec = {
        pairwise: { columns: [agree, comparisons], statistic: ratioStatistic, n: (sums: Float64Array) => sums[1]! },
        tauB: { columns: [tauSum, tauPairs], statistic: ratioStatistic, n: (sums: Float64Array) => sums[1]! },
        alpha: {
          columns: [alphaRatings, alphaSum, alphaSumSquares, alphaDisagreement],
          statistic: alphaStatistic(scale),
          n: (sums: Float64Array) => sums[0]!,
        },
      } satisfies Record<FigureName, { columns: Float64Array[]; statistic: Statistic; n: (sums: Float64Array) => number }>;
      // One resampling of the tasks feeds every requested figure: each reads its own columns.
      const columns: Float64Array[] = [];
      const statistics: Statistic[] = [];
      const totals: { name: FigureName; value: number; n: number }[] = [];
      for (const name of names) {
        const { columns: own, statistic, n } = spec[name];
        const offset = columns.length;
        columns.push(...own);
        // Each figure reads its own columns through a reused buffer: nothing is allocated per replicate.
        const ownSums = new Float64Array(own.length);
        statistics.push((sums, segment) => {
          for (let c = 0; c < own.length; c++) ownSums[c] = sums[offset + c]!;
          return statistic(ownSums, segment);
        });
        const total = Float64Array.from(own, sumOf);
        totals.push({ name, value: statistic(total, 0), n: n(total) });
      }
      // From LINEARIZED_FROM_TASKS tasks on, each figure's normal interval; below, the bootstrap.
      const linearized =
        units >= LINEARIZED_FROM_TASKS
          ? names.map((name) => linearizedInterval(spec[name].columns, spec[name].statistic, RANGE[name]))
          : null;
      const bootstrapped = linearized ? null : batch.add({ segmentStarts: [0, units], columns, statistics }, options);
      return () => {
        const intervals = linearized ?? bootstrapped!()[0]!;
        const out = {} as Record<FigureName, Figure>;
        totals.forEach(({ name, value, n }, k) => {
          out[name] = figure(value, intervals[k]!, n);
        });
        return out;
      };
    },
  };
  return tallies;
}

/** Where each figure's values lie (its normal interval is clamped to them). */
const RANGE: Record<FigureName, [number, number]> = { pairwise: [0, 1], tauB: [-1, 1], alpha: [Number.NEGATIVE_INFINITY, 1] };

/**
 * Krippendorff's α (interval) from four sums over pairable units u with m_u ≥ 2 ratings v:
 * n = Σ m_u, S1 = Σ v, S2 = Σ v², Do = Σ_u Σ_{ordered pairs i≠j in u} (v_i − v_j)² / (m_u − 1).
 * D_o = Do / n; D_e = Σ_{c,k} n_c n_k (c − k)² / (n(n − 1)) = 2(n·S2 − S1²) / (n(n − 1)),
 * so α = 1 − D_o / D_e = 1 − (n − 1)·Do / (2(n·S2 − S1²)). The Do column holds Do·scale (see
 * disagreementScale), an integer for integer ratings.
 */
function alphaStatistic(scale: number): Statistic {
  return (sums) => {
    const n = sums[0]!;
    const expected = 2 * (n * sums[2]! - sums[1]! * sums[1]!);
    if (n < 2 || !(expected > 0)) return Number.NaN;
    return 1 - ((n - 1) * (sums[3]! / scale)) / expected;
  };
}

/**
 * A unit's disagreement has m_u − 1 in its denominator; multiplying every unit's by the least
 * common multiple of the possible m_u − 1 (2 when tasks have at most 3 labelers) keeps the column
 * integer, so the bootstrap can pack it. Past 12 labelers on one task it stays a real number.
 */
function disagreementScale(maxRaters: number): number {
  if (maxRaters > 13) return 1;
  let scale = 1;
  for (let d = 2; d < maxRaters; d++) scale = (scale * d) / gcd(scale, d);
  return scale;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function tallyAlpha(
  records: RankingTable,
  kept: Int32Array,
  from: number,
  to: number,
  u: number,
  scale: number,
  ratings: Float64Array,
  sum: Float64Array,
  sumSquares: Float64Array,
  disagreement: Float64Array,
): void {
  let k = 0;
  const { start, outputs, likerts } = records;
  for (let x = from; x < to; x++) k = Math.max(k, outputs[kept[x]!]!);
  for (let p = 0; p < k; p++) {
    let m = 0;
    let s1 = 0;
    let s2 = 0;
    for (let x = from; x < to; x++) {
      const r = kept[x]!;
      const v = p < outputs[r]! ? likerts[start[r]! + p]! : 0;
      // 0 (or anything not a positive number) is an absent rating.
      if (!(v > 0)) continue;
      m++;
      s1 += v;
      s2 += v * v;
    }
    if (m < 2) continue;
    ratings[u]! += m;
    sum[u]! += s1;
    sumSquares[u]! += s2;
    // Σ over ordered pairs i ≠ j of (v_i − v_j)² = 2(m·Σv² − (Σv)²).
    disagreement[u]! += 2 * (m * s2 - s1 * s1) * (scale / (m - 1));
  }
}

/**
 * From this many tasks on, an agreement figure's interval (overall, a labeler's, a week's) is the
 * delta method's normal interval (linearizedInterval), which at that size matches the bootstrap's
 * to about a hundredth (see the tests) and costs no resampling; below it, the percentile bootstrap
 * of those tasks. (Resampling was 180M draws for a 100k-ranking report.)
 */
export const LINEARIZED_FROM_TASKS = 100;

function perLabelerAgreement(
  records: RankingTable,
  tallies: TaskTallies,
  options: BootstrapOptions,
  batch: BootstrapBatch,
): () => Map<number, Figure> {
  const { size, labeler: labelerOf } = records;
  const { recordUnit, recordAgree, recordComparisons } = tallies;
  let kept = 0;
  for (let r = 0; r < size; r++) if (recordUnit[r]! >= 0) kept++;
  const inUnit = new Int32Array(kept);
  const inUnitLabeler = new Int32Array(kept);
  for (let r = 0, i = 0; r < size; r++) {
    if (recordUnit[r]! < 0) continue;
    inUnit[i] = r;
    inUnitLabeler[i++] = labelerOf[r]!;
  }
  const order = stableOrder(inUnitLabeler);
  const agree = new Float64Array(kept);
  const comparisons = new Float64Array(kept);
  const labelers: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < kept; i++) {
    const r = inUnit[order[i]!]!;
    const labeler = labelerOf[r]!;
    if (labelers.length === 0 || labelers[labelers.length - 1] !== labeler) {
      labelers.push(labeler);
      starts.push(i);
    }
    agree[i] = recordAgree[r]!;
    comparisons[i] = recordComparisons[r]!;
  }
  starts.push(kept);
  const intervals = segmentRatioIntervals(starts, agree, comparisons, options, batch);
  return () => {
    const byLabeler = new Map<number, Figure>();
    labelers.forEach((labeler, s) => {
      let a = 0;
      let c = 0;
      for (let i = starts[s]!; i < starts[s + 1]!; i++) {
        a += agree[i]!;
        c += comparisons[i]!;
      }
      byLabeler.set(labeler, figure(c > 0 ? a / c : Number.NaN, intervals()[s]!, c));
    });
    // Labelers who share no task with anyone: listed, with nothing to measure.
    const seen = new Set<number>();
    for (let r = 0; r < labelerOf.length; r++) seen.add(labelerOf[r]!);
    const all = [...seen].sort((x, y) => x - y);
    const result = new Map<number, Figure>();
    for (const labeler of all) result.set(labeler, byLabeler.get(labeler) ?? { value: null, ci95: null, n: 0 });
    return result;
  };
}

/**
 * The 95% interval of Σa / Σc in each segment [starts[s], starts[s + 1]) of units (tasks): the
 * percentile bootstrap of its units below LINEARIZED_FROM_TASKS of them (those segments queued on
 * `batch`, in columns of their own), the linearized normal interval from there on.
 */
function segmentRatioIntervals(
  starts: ArrayLike<number>,
  agree: Float64Array,
  comparisons: Float64Array,
  options: BootstrapOptions,
  batch: BootstrapBatch,
): () => (Interval | null)[] {
  const segments = starts.length - 1;
  const resampled: number[] = [];
  for (let s = 0; s < segments; s++) if (starts[s + 1]! - starts[s]! < LINEARIZED_FROM_TASKS) resampled.push(s);
  const segmentStarts = [0];
  for (const s of resampled) segmentStarts.push(segmentStarts[segmentStarts.length - 1]! + starts[s + 1]! - starts[s]!);
  const few = segmentStarts[segmentStarts.length - 1]!;
  const fewAgree = new Float64Array(few);
  const fewComparisons = new Float64Array(few);
  resampled.forEach((s, k) => {
    fewAgree.set(agree.subarray(starts[s]!, starts[s + 1]!), segmentStarts[k]!);
    fewComparisons.set(comparisons.subarray(starts[s]!, starts[s + 1]!), segmentStarts[k]!);
  });
  const bootstrapped: () => BootstrapResult = resampled.length
    ? batch.add({ segmentStarts, columns: [fewAgree, fewComparisons], statistics: [ratioStatistic], reuseAs: "ratio" }, options)
    : () => [];
  let intervals: (Interval | null)[] | null = null;
  return () => {
    if (intervals) return intervals;
    const fromBootstrap = new Map(resampled.map((s, k) => [s, bootstrapped()[k]![0]!]));
    intervals = Array.from({ length: segments }, (_, s) =>
      fromBootstrap.has(s) ? fromBootstrap.get(s)! : linearizedRatioInterval(agree, comparisons, starts[s]!, starts[s + 1]!),
    );
    return intervals;
  };
}

/**
 * The 95% normal interval of R = Σa / Σc over the units [from, to) (a ratio of sums over independent
 * clusters, here tasks), its standard error by linearization (the delta method):
 * SE² = n / (n − 1) · Σ (a_i − R·c_i)² / (Σc)². Clamped to [0, 1], as R is a share. Null when Σc = 0
 * or fewer than two units.
 */
export function linearizedRatioInterval(a: Float64Array, c: Float64Array, from = 0, to = a.length): Interval | null {
  return linearizedInterval([a, c], ratioStatistic, [0, 1], from, to);
}

/**
 * The 95% normal interval of statistic(S), S the column sums over the units [from, to), with its
 * standard error by linearization (the delta method): g_i = ∇statistic(S) · (unit i's values),
 * SE² = n / (n − 1) · Σ (g_i − ḡ)², the gradient taken by central differences. For a ratio Σa / Σc
 * this is the formula above. Clamped to `range`; null when the statistic is undefined at S or there
 * are fewer than two units.
 */
export function linearizedInterval(
  columns: readonly Float64Array[],
  statistic: Statistic,
  range: readonly [number, number],
  from = 0,
  to = columns[0]!.length,
): Interval | null {
  const n = to - from;
  const sums = Float64Array.from(columns, (column) => {
    let total = 0;
    for (let i = from; i < to; i++) total += column[i]!;
    return total;
  });
  const value = statistic(sums, 0);
  if (n < 2 || !Number.isFinite(value)) return null;
  const gradient = columns.map((_, j) => {
    const step = 1e-6 * Math.max(1, Math.abs(sums[j]!));
    const moved = Float64Array.from(sums);
    moved[j] = sums[j]! + step;
    const up = statistic(moved, 0);
    moved[j] = sums[j]! - step;
    const down = statistic(moved, 0);
    return (up - down) / (2 * step);
  });
  if (!gradient.every(Number.isFinite)) return null;
  let mean = 0;
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let gi = 0;
    for (let j = 0; j < columns.length; j++) gi += gradient[j]! * columns[j]![from + i]!;
    g[i] = gi;
    mean += gi / n;
  }
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (g[i]! - mean) ** 2;
  const halfWidth = Z95 * Math.sqrt((n / (n - 1)) * squares);
  return [Math.max(range[0], value - halfWidth), Math.min(range[1], value + halfWidth)];
}

/** The standard normal's 97.5th percentile. */
const Z95 = 1.959963984540054;

/** A figure from a value (NaN = nothing to measure), its interval and its count. */
export function figure(value: number, ci95: Interval | null, n: number): Figure {
  return Number.isFinite(value) ? { value, ci95, n } : { value: null, ci95: null, n };
}

function sumOf(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}
