/**
 * Agreement between labelers: pairwise agreement (the InstructGPT paper's figure), Kendall's τ-b
 * between two labelers' ranks, and Krippendorff's α (interval metric) on the 1–7 Likert ratings.
 * The caller passes only the rankings of non-gold tasks. Intervals resample TASKS, the unit that is
 * independent: all pairs of one task share its prompt and outputs.
 */
import { bootstrapSums, type Interval, ratioStatistic, type Statistic } from "./bootstrap";
import { groupByTask, stableOrder } from "./rankings";
import type { BootstrapOptions, Figure, RankingRecord } from "./types";

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
 * the tasks that labeler is in. Every labeler in the input is listed (null when they share no task).
 */
export function pairwiseAgreement(
  records: readonly RankingRecord[],
  options: BootstrapOptions = {},
): { overall: Figure; perLabeler: Map<number, Figure> } {
  const tallies = tallyTasks(records, false);
  return { overall: tallies.figures(["pairwise"], options).pairwise, perLabeler: perLabelerAgreement(records, tallies, options) };
}

/**
 * Kendall's τ-b between two labelers' ranks of one task, averaged over every (task, labeler pair).
 * A pair where τ-b is undefined (one labeler tied every output, so the tie correction divides by
 * zero) is left out of the mean and of n, rather than counted as 0.
 */
export function meanKendallTauB(records: readonly RankingRecord[], options: BootstrapOptions = {}): Figure {
  return tallyTasks(records, false).figures(["tauB"], options).tauB;
}

/**
 * Krippendorff's α with the interval metric: units are the outputs of a task, values the labelers'
 * 1–7 ratings (0 = absent). Units with fewer than 2 ratings are not pairable and are dropped, as
 * the standard definition says. α = 1 − D_o / D_e; null when D_e = 0 (every rating equal) or
 * nothing is pairable. n = number of pairable ratings.
 */
export function krippendorffAlphaInterval(records: readonly RankingRecord[], options: BootstrapOptions = {}): Figure {
  return tallyTasks(records, true).figures(["alpha"], options).alpha;
}

/**
 * All agreement figures at once: one pass over the tasks, one set of resamples shared by pairwise,
 * τ-b and α, and, given `bucketOfTask`, the per-bucket series of agreementOverTime (same figures).
 */
export function agreementReport<K extends string | number = number>(
  records: readonly RankingRecord[],
  options: BootstrapOptions & { bucketOfTask?: (task: number) => K | null | undefined } = {},
): AgreementReport & { overTime?: Map<K, Figure> } {
  const tallies = tallyTasks(records, true);
  const { pairwise, tauB, alpha } = tallies.figures(["pairwise", "tauB", "alpha"], options);
  return {
    pairwise: { overall: pairwise, perLabeler: perLabelerAgreement(records, tallies, options) },
    tauB,
    alpha,
    ...(options.bucketOfTask ? { overTime: overTime(tallies, options.bucketOfTask, options) } : {}),
  };
}

/**
 * Pairwise agreement per time bucket (e.g. ISO week of the task's completion): each bucket's tasks
 * resampled on their own. Buckets are listed in ascending key order, including buckets whose tasks
 * have a single ranking (null figure); a task whose bucket is null or undefined is left out.
 */
export function agreementOverTime<K extends string | number>(
  records: readonly RankingRecord[],
  bucketOfTask: (task: number) => K | null | undefined,
  options: BootstrapOptions = {},
): Map<K, Figure> {
  return overTime(tallyTasks(records, false), bucketOfTask, options);
}

function overTime<K extends string | number>(
  tallies: TaskTallies,
  bucketOfTask: (task: number) => K | null | undefined,
  options: BootstrapOptions,
): Map<K, Figure> {
  const keys = new Map<K, number>();
  const bucketOfGroup = new Int32Array(tallies.groups.task.length).fill(-1);
  tallies.groups.task.forEach((task, g) => {
    const key = bucketOfTask(task);
    if (key === null || key === undefined) return;
    if (!keys.has(key)) keys.set(key, keys.size);
    bucketOfGroup[g] = keys.get(key)!;
  });
  const sorted = [...keys.keys()].sort((x, y) =>
    typeof x === "number" && typeof y === "number" ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0,
  );
  const rankOfBucket = new Int32Array(keys.size);
  sorted.forEach((key, i) => {
    rankOfBucket[keys.get(key)!] = i;
  });
  // Units (multi-labeler tasks) ordered by bucket, so each bucket is one resampled segment.
  const unitBucket = Array.from(tallies.unitGroup, (g) => (bucketOfGroup[g]! < 0 ? -1 : rankOfBucket[bucketOfGroup[g]!]!));
  const units = Array.from(unitBucket.keys()).filter((u) => unitBucket[u]! >= 0);
  const order = stableOrder(units.map((u) => unitBucket[u]!));
  const agree = new Float64Array(order.length);
  const comparisons = new Float64Array(order.length);
  const starts = new Int32Array(sorted.length + 1);
  order.forEach((o, i) => {
    const u = units[o]!;
    agree[i] = tallies.agree[u]!;
    comparisons[i] = tallies.comparisons[u]!;
    starts[unitBucket[u]! + 1]!++;
  });
  for (let s = 1; s < starts.length; s++) starts[s]! += starts[s - 1]!;
  const intervals = bootstrapSums({ segmentStarts: starts, columns: [agree, comparisons], statistics: [ratioStatistic] }, options);
  const result = new Map<K, Figure>();
  sorted.forEach((key, s) => {
    let a = 0;
    let c = 0;
    for (let i = starts[s]!; i < starts[s + 1]!; i++) {
      a += agree[i]!;
      c += comparisons[i]!;
    }
    result.set(key, figure(c > 0 ? a / c : Number.NaN, intervals[s]![0]!, c));
  });
  return result;
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
  figures: (names: FigureName[], options: BootstrapOptions) => Record<FigureName, Figure>;
};

function tallyTasks(records: readonly RankingRecord[], withAlpha: boolean): TaskTallies {
  const groups = groupByTask(records);
  const unitGroup: number[] = [];
  for (let g = 0; g < groups.task.length; g++) if (groups.start[g + 1]! - groups.start[g]! >= 2) unitGroup.push(g);
  const units = unitGroup.length;
  let maxRaters = 0;
  for (const g of unitGroup) maxRaters = Math.max(maxRaters, groups.start[g + 1]! - groups.start[g]!);
  const scale = disagreementScale(maxRaters);
  const agree = new Float64Array(units);
  const comparisons = new Float64Array(units);
  const tauSum = new Float64Array(units);
  const tauPairs = new Float64Array(units);
  const alphaRatings = new Float64Array(units);
  const alphaSum = new Float64Array(units);
  const alphaSumSquares = new Float64Array(units);
  const alphaDisagreement = new Float64Array(units);
  const recordUnit = new Int32Array(records.length).fill(-1);
  const recordAgree = new Float64Array(records.length);
  const recordComparisons = new Float64Array(records.length);

  for (let u = 0; u < units; u++) {
    const g = unitGroup[u]!;
    const from = groups.start[g]!;
    const to = groups.start[g + 1]!;
    for (let x = from; x < to; x++) recordUnit[groups.record[x]!] = u;
    for (let x = from; x < to; x++) {
      const ra = groups.record[x]!;
      const a = records[ra]!.ranks;
      for (let y = x + 1; y < to; y++) {
        const rb = groups.record[y]!;
        const b = records[rb]!.ranks;
        const k = Math.min(a.length, b.length);
        let same = 0;
        let concordant = 0;
        let discordant = 0;
        let tiedA = 0;
        let tiedB = 0;
        for (let i = 0; i < k; i++) {
          const ai = a[i]!;
          const bi = b[i]!;
          for (let j = i + 1; j < k; j++) {
            const da = ai - a[j]!;
            const db = bi - b[j]!;
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
    if (withAlpha)
      tallyAlpha(records, groups.record.subarray(from, to), u, scale, alphaRatings, alphaSum, alphaSumSquares, alphaDisagreement);
  }

  const tallies: TaskTallies = {
    groups,
    unitGroup: Int32Array.from(unitGroup),
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
    figures(names, options) {
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
      const intervals = bootstrapSums({ segmentStarts: [0, units], columns, statistics }, options)[0]!;
      const out = {} as Record<FigureName, Figure>;
      totals.forEach(({ name, value, n }, k) => {
        out[name] = figure(value, intervals[k]!, n);
      });
      return out;
    },
  };
  return tallies;
}

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
  records: readonly RankingRecord[],
  kept: Int32Array,
  u: number,
  scale: number,
  ratings: Float64Array,
  sum: Float64Array,
  sumSquares: Float64Array,
  disagreement: Float64Array,
): void {
  let k = 0;
  for (const r of kept) k = Math.max(k, records[r]!.ranks.length);
  for (let p = 0; p < k; p++) {
    let m = 0;
    let s1 = 0;
    let s2 = 0;
    for (const r of kept) {
      const likerts = records[r]!.likerts;
      const v = likerts && p < likerts.length ? likerts[p]! : 0;
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

function perLabelerAgreement(records: readonly RankingRecord[], tallies: TaskTallies, options: BootstrapOptions): Map<number, Figure> {
  const labelerOf = Float64Array.from(records, (r) => r.labeler);
  const inUnit: number[] = [];
  for (let r = 0; r < records.length; r++) if (tallies.recordUnit[r]! >= 0) inUnit.push(r);
  const order = stableOrder(inUnit.map((r) => labelerOf[r]!));
  const agree = new Float64Array(order.length);
  const comparisons = new Float64Array(order.length);
  const labelers: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const r = inUnit[order[i]!]!;
    const labeler = labelerOf[r]!;
    if (labelers[labelers.length - 1] !== labeler) {
      labelers.push(labeler);
      starts.push(i);
    }
    agree[i] = tallies.recordAgree[r]!;
    comparisons[i] = tallies.recordComparisons[r]!;
  }
  starts.push(order.length);
  const intervals = bootstrapSums({ segmentStarts: starts, columns: [agree, comparisons], statistics: [ratioStatistic] }, options);
  const byLabeler = new Map<number, Figure>();
  labelers.forEach((labeler, s) => {
    let a = 0;
    let c = 0;
    for (let i = starts[s]!; i < starts[s + 1]!; i++) {
      a += agree[i]!;
      c += comparisons[i]!;
    }
    byLabeler.set(labeler, figure(c > 0 ? a / c : Number.NaN, intervals[s]![0]!, c));
  });
  // Labelers who share no task with anyone: listed, with nothing to measure.
  const all = [...new Set(labelerOf)].sort((x, y) => x - y);
  const result = new Map<number, Figure>();
  for (const labeler of all) result.set(labeler, byLabeler.get(labeler) ?? { value: null, ci95: null, n: 0 });
  return result;
}

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
