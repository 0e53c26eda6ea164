import { describe, expect, it } from "vitest";
import {
  agreementReport,
  bradleyTerry,
  DEFAULT_SEED,
  generateSyntheticRankings,
  goldAccuracy,
  LINEARIZED_FROM_TASKS,
  Mulberry32,
  modelReport,
  pairwiseAgreement,
  percentileInterval,
  positionBias,
  relation,
  winRates,
} from "@/lib/quality";

/** Percentile interval of Σnum/Σden over units resampled the obvious way (same stream as the engine). */
function naiveRatioInterval(numerator: number[], denominator: number[], resamples: number) {
  const n = numerator.length;
  const rng = new Mulberry32(DEFAULT_SEED);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const unit = Math.floor((rng.nextUint32() * n) / 2 ** 32);
      num += numerator[unit]!;
      den += denominator[unit]!;
    }
    values.push(den > 0 ? num / den : Number.NaN);
  }
  return percentileInterval(values);
}

describe("synthetic rankings", () => {
  const data = generateSyntheticRankings(3, 3000);

  it("are reproducible and shaped as the benchmark needs", () => {
    expect(generateSyntheticRankings(3, 3000).records).toEqual(data.records);
    expect(data.records).toHaveLength(3000);
    const labelersOf = new Map<number, Set<number>>();
    for (const r of data.records) {
      expect(r.ranks.length).toBeGreaterThanOrEqual(4);
      expect(r.ranks.length).toBeLessThanOrEqual(9);
      expect(data.modelsByTask[r.task]).toHaveLength(r.ranks.length);
      if (!labelersOf.has(r.task)) labelersOf.set(r.task, new Set());
      labelersOf.get(r.task)!.add(r.labeler);
    }
    const sizes = [...labelersOf.values()].map((s) => s.size);
    // Every task but possibly the last (cut at n) has 2 or 3 different labelers.
    expect(sizes.slice(0, -1).every((s) => s === 2 || s === 3)).toBe(true);
  });

  it("give the pairwise-agreement interval written out by hand (the delta method over many tasks, the task bootstrap over few)", () => {
    const byTask = new Map<number, (typeof data.records)[number][]>();
    for (const r of data.records) byTask.set(r.task, [...(byTask.get(r.task) ?? []), r]);
    const agree: number[] = [];
    const comparisons: number[] = [];
    // The tasks of the units, in order.
    const units: number[] = [];
    for (const [task, rankings] of [...byTask].sort((x, y) => x[0] - y[0])) {
      if (rankings.length < 2) continue;
      units.push(task);
      let a = 0;
      let c = 0;
      for (let x = 0; x < rankings.length; x++) {
        for (let y = x + 1; y < rankings.length; y++) {
          const k = rankings[x]!.ranks.length;
          for (let i = 0; i < k; i++) {
            for (let j = i + 1; j < k; j++) {
              c++;
              if (relation(rankings[x]!.ranks, i, j) === relation(rankings[y]!.ranks, i, j)) a++;
            }
          }
        }
      }
      agree.push(a);
      comparisons.push(c);
    }
    const { overall } = pairwiseAgreement(data.records, { resamples: 300 });
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const ratio = sum(agree) / sum(comparisons);
    expect(overall.value).toBeCloseTo(ratio, 12);
    expect(overall.n).toBe(sum(comparisons));
    // Over this many tasks the interval is the delta method's, written out here: R ± 1.96·SE with
    // SE² = n/(n−1)·Σ(a − R·c)²/(Σc)². It agrees with the task bootstrap to about a hundredth.
    const n = agree.length;
    expect(n).toBeGreaterThanOrEqual(LINEARIZED_FROM_TASKS);
    const se = Math.sqrt((n / (n - 1)) * sum(agree.map((a, i) => (a - ratio * comparisons[i]!) ** 2))) / sum(comparisons);
    expect(overall.ci95![0]).toBeCloseTo(ratio - 1.959963984540054 * se, 9);
    expect(overall.ci95![1]).toBeCloseTo(ratio + 1.959963984540054 * se, 9);
    const bootstrapped = naiveRatioInterval(agree, comparisons, 300)!;
    expect(Math.abs(overall.ci95![0] - bootstrapped[0])).toBeLessThan(0.01);
    expect(Math.abs(overall.ci95![1] - bootstrapped[1])).toBeLessThan(0.01);
    // Fewer tasks than that: the bootstrap itself.
    const few = units.filter((task) => task < 60).length;
    expect(few).toBeLessThan(LINEARIZED_FROM_TASKS);
    const fewRecords = data.records.filter((record) => record.task < 60);
    expect(pairwiseAgreement(fewRecords, { resamples: 300 }).overall.ci95).toEqual(
      naiveRatioInterval(agree.slice(0, few), comparisons.slice(0, few), 300),
    );
  });

  it("give the win-rate interval of a prompt bootstrap written out by hand", () => {
    const wins = new Map<number, number>();
    const count = new Map<number, number>();
    const order: number[] = [];
    for (const r of data.records) {
      if (!wins.has(r.prompt)) {
        order.push(r.prompt);
        wins.set(r.prompt, 0);
        count.set(r.prompt, 0);
      }
      const models = data.modelsByTask[r.task]!;
      for (let p = 0; p < models.length; p++) {
        for (let q = 0; q < models.length; q++) {
          if (models[p] !== 3 || models[q] !== 0) continue;
          const d = r.ranks[p]! - r.ranks[q]!;
          wins.set(r.prompt, wins.get(r.prompt)! + (d < 0 ? 1 : d === 0 ? 0.5 : 0));
          count.set(r.prompt, count.get(r.prompt)! + 1);
        }
      }
    }
    const rate = winRates(data.records, data.modelsByTask, 0, { resamples: 300 }).get(3)!;
    const w = order.map((p) => wins.get(p)!);
    const c = order.map((p) => count.get(p)!);
    expect(rate.comparisons).toBe(c.reduce((s, x) => s + x, 0));
    expect(rate.winRate).toBeCloseTo(w.reduce((s, x) => s + x, 0) / rate.comparisons, 12);
    const [lo, hi] = naiveRatioInterval(w, c, 300)!;
    expect(rate.ci95![0]).toBeCloseTo(lo, 12);
    expect(rate.ci95![1]).toBeCloseTo(hi, 12);
  });

  it("run through every figure: values inside their intervals, scores in the models' true order", () => {
    const report = agreementReport(data.records, { resamples: 200, bucketOfTask: (task) => data.weekOfTask[task] });
    for (const figure of [report.pairwise.overall, report.tauB, report.alpha]) {
      expect(figure.value).not.toBeNull();
      expect(figure.ci95![0]).toBeLessThanOrEqual(figure.value!);
      expect(figure.ci95![1]).toBeGreaterThanOrEqual(figure.value!);
    }
    expect(report.overTime!.size).toBe(20);
    const models = modelReport(data.records, data.modelsByTask, { baseline: 0, resamples: 200 });
    const scores = [0, 1, 2, 3, 4, 5].map((m) => models.scores.get(m)!.score);
    // The generator gives model m quality 0.35·m: every step up must score higher.
    for (let m = 1; m < 6; m++) expect(scores[m]!).toBeGreaterThan(scores[m - 1]!);
    expect(models.scores).toEqual(bradleyTerry(data.records, data.modelsByTask, { anchor: 0, resamples: 200 }));
    expect(goldAccuracy(data.records, data.referenceRanksByTask, { resamples: 200 }).size).toBeGreaterThan(0);
    expect(positionBias(data.records).size).toBeGreaterThan(50);
  });
});
