/**
 * Model evaluation from the same rankings: win rate against a baseline (ties as half, as in the
 * InstructGPT paper and Chatbot Arena) and Bradley–Terry strengths on an Elo-like scale for a
 * leaderboard. The caller passes only the rankings that count (e.g. prompts of held-out users).
 * Intervals resample PROMPTS: every output and every labeler of a prompt share it.
 *
 * Model identity: `modelsByTask[task][p]` is the model index of output p of that task (a
 * non-negative integer; anything else, or a missing entry, is an output of no known model and is
 * left out). A model may be absent from a ranking.
 */
import { BootstrapBatch, type Interval } from "./bootstrap";
import { asTable } from "./rankings";
import type { BootstrapOptions, Rankings, RankingTable } from "./types";

export type ModelsByTask = ArrayLike<ArrayLike<number> | null | undefined>;

export type WinRate = {
  /** Number of (ranking, output of the model, output of the baseline) triples: the n of the figure. */
  comparisons: number;
  /** Mean of 1 (ranked better), ½ (tied), 0 (worse); null when the model never met the baseline. */
  winRate: number | null;
  ci95: Interval | null;
};

export type BradleyTerryScore = {
  /** 400·log10 of the strength, anchored (baseline = 1000, else mean = 1000). */
  score: number;
  ci95: Interval | null;
  /** Number of cross-model output pairs the model is in: the n of the figure. */
  comparisons: number;
};

export type BradleyTerryOptions = BootstrapOptions & {
  /** Model that scores exactly 1000 when present; otherwise the mean score is 1000. */
  anchor?: number;
  /**
   * Pseudo-wins added in each direction to every pair of compared models (default 0.1): a tiny,
   * symmetric prior that keeps the maximum finite when a model never lost or never won, and
   * connects models never compared directly (their relative score then comes from the others).
   * With real counts (hundreds of pairs) it moves scores by a fraction of a point.
   */
  prior?: number;
};

export const DEFAULT_BT_PRIOR = 0.1;

/** 400 / ln 10: natural-log strength to the Elo-like scale. */
const ELO_PER_NAT = 400 / Math.LN10;

/**
 * Win rate of each model against the baseline: over every (ranking, output of M, output of B) in
 * the given rankings, 1 when M's output is ranked better, ½ when tied, 0 when worse; the mean.
 * Lists every model that is in a cross-model comparison, except the baseline.
 */
export function winRates(
  records: Rankings,
  modelsByTask: ModelsByTask,
  baseline: number,
  options: BootstrapOptions = {},
): Map<number, WinRate> {
  return modelReport(records, modelsByTask, { ...options, baseline, withScores: false }).winRates;
}

/**
 * Bradley–Terry strengths from every cross-model output pair of the given rankings (a tie is half a
 * win each), fitted by Newton's method on the aggregated pair counts; scores 400·log10(strength),
 * anchored so the anchor model scores 1000 when present, else the mean is 1000.
 */
export function bradleyTerry(
  records: Rankings,
  modelsByTask: ModelsByTask,
  options: BradleyTerryOptions = {},
): Map<number, BradleyTerryScore> {
  return modelReport(records, modelsByTask, { ...options, withWinRates: false }).scores;
}

export type ModelReportOptions = BradleyTerryOptions & {
  /** Baseline of the win rates; also the anchor of the scores unless `anchor` is given. */
  baseline?: number;
  withWinRates?: boolean;
  withScores?: boolean;
};

/** Win rates and Bradley–Terry scores from one pass over the rankings and one set of prompt resamples. */
export function modelReport(
  records: Rankings,
  modelsByTask: ModelsByTask,
  options: ModelReportOptions = {},
): { winRates: Map<number, WinRate>; scores: Map<number, BradleyTerryScore> } {
  const batch = new BootstrapBatch();
  const report = scheduleModelReport(records, modelsByTask, options, batch);
  batch.run();
  return report();
}

/** modelReport with its bootstrap queued on `batch`; the returned function gives the figures once it has run. */
export function scheduleModelReport(
  records: Rankings,
  modelsByTask: ModelsByTask,
  options: ModelReportOptions,
  batch: BootstrapBatch,
): () => { winRates: Map<number, WinRate>; scores: Map<number, BradleyTerryScore> } {
  const prior = options.prior ?? DEFAULT_BT_PRIOR;
  if (!(prior >= 0)) throw new RangeError("prior must be a non-negative number");
  const t = tallyPrompts(asTable(records), modelsByTask, options.baseline);
  const m = t.models.length;
  if (m < 2) return () => ({ winRates: new Map(), scores: new Map() });
  const base = t.baselineIndex;
  const anchorId = options.anchor ?? options.baseline;
  const anchor = anchorId === undefined ? -1 : t.models.indexOf(anchorId);
  const wantWinRates = (options.withWinRates ?? true) && options.baseline !== undefined;
  // A baseline that met no model: every rival is listed with nothing to measure.
  const withWinRates = wantWinRates && base >= 0;
  const withScores = options.withScores ?? true;
  const rivals = t.models.map((_, i) => i).filter((i) => i !== base);

  // Columns: comparisons per model pair; doubled wins per model (for the fit); doubled wins against
  // the baseline per rival. All small integers, so the bootstrap packs them several to a double.
  // Win rates alone need only the pairs with the baseline; the fit needs every pair.
  const pairColumns = t.pairs
    .map((_, k) => k)
    .filter((k) => withScores || t.pairCells[k]! % m === base || Math.floor(t.pairCells[k]! / m) === base);
  const columns: Float64Array[] = pairColumns.map((k) => t.pairs[k]!);
  const winsColumn = columns.length;
  if (withScores) columns.push(...t.wins2);
  const rivalColumn = columns.length;
  if (withWinRates) for (const i of rivals) columns.push(t.winsVsBaseline2[i]!);
  const figures = (withScores ? m : 0) + (withWinRates ? rivals.length : 0);

  const fit = new BradleyTerryFit(m, prior);
  const pairs = new Float64Array(m * m);
  const evaluate = (sums: Float64Array, out: Float64Array, warm: boolean) => {
    pairColumns.forEach((k, c) => {
      const cell = t.pairCells[k]!;
      pairs[cell] = sums[c]!;
      pairs[(cell % m) * m + Math.floor(cell / m)] = sums[c]!;
    });
    let k = 0;
    if (withScores) {
      for (let i = 0; i < m; i++) fit.wins[i] = sums[winsColumn + i]! / 2;
      fit.solve(pairs, warm);
      const scores = fit.scores(anchor);
      for (let i = 0; i < m; i++) out[k++] = scores[i]!;
    }
    if (withWinRates) {
      rivals.forEach((i, r) => {
        const n = pairs[i * m + base]!;
        out[k++] = n > 0 ? sums[rivalColumn + r]! / 2 / n : Number.NaN;
      });
    }
  };

  // The point estimates: every prompt once.
  const totals = Float64Array.from(columns, sumOf);
  const values = new Float64Array(figures);
  evaluate(totals, values, false);
  const totalPairs = pairs.slice();
  fit.keepAsStart();

  const resampled =
    t.units === 0
      ? null
      : batch.add({ segmentStarts: [0, t.units], columns, figures, evaluate: (sums, _segment, out) => evaluate(sums, out, true) }, options);
  const reportFigures = (intervals: (Interval | null)[]) => {
    const scores = new Map<number, BradleyTerryScore>();
    const rates = new Map<number, WinRate>();
    let k = 0;
    if (withScores) {
      t.models.forEach((model, i) => {
        let comparisons = 0;
        for (let j = 0; j < m; j++) comparisons += totalPairs[i * m + j]!;
        scores.set(model, { score: values[k]!, ci95: intervals[k] ?? null, comparisons });
        k++;
      });
    }
    if (wantWinRates && !withWinRates) {
      for (const i of rivals) rates.set(t.models[i]!, { comparisons: 0, winRate: null, ci95: null });
    }
    if (withWinRates) {
      for (const i of rivals) {
        const comparisons = totalPairs[i * m + base]!;
        rates.set(t.models[i]!, {
          comparisons,
          winRate: comparisons > 0 ? values[k]! : null,
          ci95: comparisons > 0 ? (intervals[k] ?? null) : null,
        });
        k++;
      }
    }
    return { winRates: rates, scores };
  };
  return () => reportFigures(resampled ? resampled()[0]! : []);
}

type PromptTallies = {
  /** Model ids in the comparison, ascending; index i below is models[i]. */
  models: number[];
  baselineIndex: number;
  /** Number of prompts (bootstrap units). */
  units: number;
  /** wins2[i][u]: twice the wins of model i on prompt u against any other model (a tie counts 1). */
  wins2: Float64Array[];
  /** winsVsBaseline2[i][u]: twice the wins of model i against the baseline on prompt u. */
  winsVsBaseline2: Float64Array[];
  /** pairs[k][u]: comparisons of the k-th model pair (i < j, row order) on prompt u. */
  pairs: Float64Array[];
  /** Cell i·m + j of pair k. */
  pairCells: Int32Array;
};

function tallyPrompts(records: RankingTable, modelsByTask: ModelsByTask, baseline: number | undefined): PromptTallies {
  // Models that meet another model in at least one ranking. (Columns are read into locals before
  // the loops: an optimized loop then reads no property.)
  const { size, task, prompt, start, outputs, ranks } = records;
  const active = new Set<number>();
  // A task's list of models and how many outputs were ranked decide; checked once per pair.
  const checked = new Map<ArrayLike<number>, number>();
  for (let r = 0; r < size; r++) {
    const models = modelsByTask[task[r]!];
    if (!models) continue;
    const k = Math.min(models.length, outputs[r]!);
    if (checked.get(models) === k) continue;
    checked.set(models, k);
    let first = -1;
    let mixed = false;
    for (let p = 0; p < k && !mixed; p++) {
      const model = models[p]!;
      if (!isModel(model)) continue;
      if (first < 0) first = model;
      else if (model !== first) mixed = true;
    }
    if (!mixed) continue;
    for (let p = 0; p < k; p++) {
      const model = models[p]!;
      if (isModel(model)) active.add(model);
    }
  }
  const models = [...active].sort((a, b) => a - b);
  const m = models.length;
  const indexOf = new Map(models.map((model, i) => [model, i]));
  const baselineIndex = baseline === undefined ? -1 : (indexOf.get(baseline) ?? -1);
  const pairCount = (m * (m - 1)) / 2;
  const pairOf = new Int32Array(m * m).fill(-1);
  const pairCells = new Int32Array(pairCount);
  for (let i = 0, k = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++, k++) {
      pairOf[i * m + j] = k;
      pairOf[j * m + i] = k;
      pairCells[k] = i * m + j;
    }
  }

  let countedSize = 0;
  for (let r = 0; r < size; r++) if (modelsByTask[task[r]!]) countedSize++;
  const counted = new Int32Array(countedSize);
  const countedPrompts = new Int32Array(countedSize);
  for (let r = 0, c = 0; r < size; r++) {
    if (!modelsByTask[task[r]!]) continue;
    counted[c] = r;
    countedPrompts[c++] = prompt[r]!;
  }
  const { index: unitOfRecord, count: units } = denseIndex(countedPrompts);
  // Tallied unit-major (a prompt's numbers side by side, so a ranking writes to one place), then
  // split into one column per number for the bootstrap.
  const width = pairCount + 2 * m;
  const flat = new Float64Array(units * width);
  // Model id → index, by array when ids are small (they are dense indexes in practice).
  const maxId = models.length ? models[models.length - 1]! : -1;
  const lookup = maxId < 1 << 16 ? new Int32Array(maxId + 1).fill(-1) : null;
  if (lookup)
    models.forEach((model, i) => {
      lookup[model] = i;
    });
  const position = new Int32Array(16);
  for (let c = 0; c < countedSize; c++) {
    const r = counted[c]!;
    const models = modelsByTask[task[r]!]!;
    const u = unitOfRecord[c]!;
    const at = start[r]!;
    const k = Math.min(models.length, outputs[r]!);
    if (position.length < k) throw new RangeError("a ranking has more than 16 outputs");
    for (let p = 0; p < k; p++) {
      const model = models[p]!;
      position[p] = !isModel(model) ? -1 : lookup ? (model < lookup.length ? lookup[model]! : -1) : (indexOf.get(model) ?? -1);
    }
    for (let p = 0; p < k; p++) {
      const a = position[p]!;
      if (a < 0) continue;
      for (let q = p + 1; q < k; q++) {
        const b = position[q]!;
        if (b < 0 || b === a) continue;
        const row = u * width;
        flat[row + pairOf[a * m + b]!]! += 1;
        const d = ranks[at + p]! - ranks[at + q]!;
        const winA = d < 0 ? 2 : d > 0 ? 0 : 1;
        flat[row + pairCount + a]! += winA;
        flat[row + pairCount + b]! += 2 - winA;
        if (b === baselineIndex) flat[row + pairCount + m + a]! += winA;
        if (a === baselineIndex) flat[row + pairCount + m + b]! += 2 - winA;
      }
    }
  }
  // Transposed a block of prompts at a time, so the unit-major table is read once.
  const columns = Array.from({ length: width }, () => new Float64Array(units));
  for (let from = 0; from < units; from += 512) {
    const to = Math.min(units, from + 512);
    for (let c = 0; c < width; c++) {
      const out = columns[c]!;
      for (let u = from, at = from * width + c; u < to; u++, at += width) out[u] = flat[at]!;
    }
  }
  return {
    models,
    baselineIndex,
    units,
    wins2: columns.slice(pairCount, pairCount + m),
    winsVsBaseline2: columns.slice(pairCount + m),
    pairs: columns.slice(0, pairCount),
    pairCells,
  };
}

/** Dense numbers 0..count-1 for ids, in order of first appearance. */
function denseIndex(ids: ArrayLike<number>): { index: Int32Array; count: number } {
  const index = new Int32Array(ids.length);
  let max = -1;
  let small = true;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!(Number.isInteger(id) && id >= 0)) small = false;
    else if (id > max) max = id;
  }
  let count = 0;
  if (small && max <= 4 * ids.length + 1024) {
    const seen = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (seen[id]! < 0) seen[id] = count++;
      index[i] = seen[id]!;
    }
  } else {
    const seen = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) {
      let dense = seen.get(ids[i]!);
      if (dense === undefined) seen.set(ids[i]!, (dense = count++));
      index[i] = dense;
    }
  }
  return { index, count };
}

function sumOf(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

function isModel(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/**
 * Maximum-likelihood Bradley–Terry by Newton's method on θ = ln(strength), θ_0 fixed at 0:
 * ℓ(θ) = Σ_i W_i θ_i − Σ_{i<j} N_ij ln(e^θ_i + e^θ_j), with W_i the model's wins (ties half) and
 * N_ij the comparisons of i and j, each plus the prior (ε wins per direction, 2ε comparisons). ℓ is
 * concave and, with ε > 0, strictly so once θ_0 is fixed, so Newton with step halving converges
 * (in a few steps from a warm start). Buffers are reused: a bootstrap replicate allocates nothing.
 */
export class BradleyTerryFit {
  /** Wins of each model (ties half), without the prior; set before solve. */
  readonly wins: Float64Array;
  readonly theta: Float64Array;
  private readonly start: Float64Array;
  private readonly n: Float64Array;
  private readonly gradient: Float64Array;
  private readonly hessian: Float64Array;
  private readonly step: Float64Array;
  private readonly trial: Float64Array;
  private readonly elo: Float64Array;

  constructor(
    readonly m: number,
    readonly prior: number,
  ) {
    this.wins = new Float64Array(m);
    this.theta = new Float64Array(m);
    this.start = new Float64Array(m);
    this.n = new Float64Array(m * m);
    this.gradient = new Float64Array(m);
    this.hessian = new Float64Array(m * m);
    this.step = new Float64Array(m);
    this.trial = new Float64Array(m);
    this.elo = new Float64Array(m);
  }

  /** Fits θ to the wins and the symmetric pair counts (cell i·m + j); from the kept start when warm. */
  solve(pairs: Float64Array, warm: boolean): Float64Array {
    const { m, prior, n, theta, gradient, hessian, step } = this;
    for (let i = 0; i < m * m; i++) n[i] = pairs[i]! + (i % (m + 1) === 0 ? 0 : 2 * prior);
    const w = this.trial;
    if (warm) theta.set(this.start);
    else theta.fill(0);
    let current = this.logLikelihood(theta);
    for (let iteration = 0; iteration < 100; iteration++) {
      gradient.fill(0);
      hessian.fill(0);
      for (let i = 0; i < m; i++) gradient[i] = this.wins[i]! + prior * (m - 1);
      for (let i = 0; i < m; i++) {
        for (let j = i + 1; j < m; j++) {
          const nij = n[i * m + j]!;
          if (nij === 0) continue;
          const p = 1 / (1 + Math.exp(theta[j]! - theta[i]!));
          gradient[i]! -= nij * p;
          gradient[j]! -= nij * (1 - p);
          const c = nij * p * (1 - p);
          hessian[i * m + i]! += c;
          hessian[j * m + j]! += c;
          hessian[i * m + j]! -= c;
          hessian[j * m + i]! -= c;
        }
      }
      // Solve H' δ = g on coordinates 1..m-1 (θ_0 = 0 fixes the scale's origin).
      if (!solveReduced(hessian, gradient, step, m)) break;
      let t = 1;
      let accepted = false;
      for (let halving = 0; halving < 40; halving++, t /= 2) {
        for (let i = 0; i < m; i++) w[i] = theta[i]! + t * step[i]!;
        const next = this.logLikelihood(w);
        if (next >= current - 1e-12 * Math.abs(current)) {
          current = next;
          accepted = true;
          break;
        }
      }
      if (!accepted) break;
      let largest = 0;
      for (let i = 0; i < m; i++) {
        largest = Math.max(largest, Math.abs(w[i]! - theta[i]!));
        theta[i] = w[i]!;
      }
      if (largest < 1e-10) break;
    }
    return theta;
  }

  /** Remembers the current θ as the warm start of later solves (the full-data fit). */
  keepAsStart(): void {
    this.start.set(this.theta);
  }

  /** Elo-like scores of the current θ: anchor model at 1000 (index ≥ 0), else mean 1000. */
  scores(anchor: number): Float64Array {
    const { m, theta, elo } = this;
    if (anchor >= 0) {
      // Relative to the anchor, so it scores exactly 1000.
      const origin = theta[anchor]!;
      for (let i = 0; i < m; i++) elo[i] = ELO_PER_NAT * (theta[i]! - origin) + 1000;
      return elo;
    }
    let mean = 0;
    for (let i = 0; i < m; i++) mean += ELO_PER_NAT * theta[i]!;
    const offset = 1000 - mean / m;
    for (let i = 0; i < m; i++) elo[i] = ELO_PER_NAT * theta[i]! + offset;
    return elo;
  }

  private logLikelihood(theta: Float64Array): number {
    const { m, n, prior } = this;
    let total = 0;
    for (let i = 0; i < m; i++) total += (this.wins[i]! + prior * (m - 1)) * theta[i]!;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const nij = n[i * m + j]!;
        if (nij === 0) continue;
        const a = theta[i]!;
        const b = theta[j]!;
        const hi = Math.max(a, b);
        total -= nij * (hi + Math.log1p(Math.exp(-Math.abs(a - b))));
      }
    }
    return total;
  }
}

/** Gaussian elimination with partial pivoting on rows/columns 1..m-1 of H; δ_0 = 0. False when singular. */
function solveReduced(h: Float64Array, g: Float64Array, x: Float64Array, m: number): boolean {
  const size = m - 1;
  x.fill(0);
  if (size === 0) return false;
  // Work in place on H and g: they are rebuilt every iteration.
  for (let col = 1; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(h[r * m + col]!) > Math.abs(h[pivot * m + col]!)) pivot = r;
    if (!(Math.abs(h[pivot * m + col]!) > 1e-300)) return false;
    if (pivot !== col) {
      for (let c = 1; c < m; c++) {
        const tmp = h[col * m + c]!;
        h[col * m + c] = h[pivot * m + c]!;
        h[pivot * m + c] = tmp;
      }
      const tmp = g[col]!;
      g[col] = g[pivot]!;
      g[pivot] = tmp;
    }
    for (let r = col + 1; r < m; r++) {
      const f = h[r * m + col]! / h[col * m + col]!;
      if (f === 0) continue;
      for (let c = col; c < m; c++) h[r * m + c]! -= f * h[col * m + c]!;
      g[r]! -= f * g[col]!;
    }
  }
  for (let r = m - 1; r >= 1; r--) {
    let s = g[r]!;
    for (let c = r + 1; c < m; c++) s -= h[r * m + c]! * x[c]!;
    x[r] = s / h[r * m + r]!;
  }
  return true;
}
