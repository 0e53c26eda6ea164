import { describe, expect, it } from "vitest";
import {
  agreementOverTime,
  agreementReport,
  bootstrapRatioCI,
  kendallTauB,
  krippendorffAlphaInterval,
  LINEARIZED_FROM_TASKS,
  linearizedInterval,
  linearizedRatioInterval,
  meanKendallTauB,
  pairwiseAgreement,
  type RankingRecord,
} from "@/lib/quality";

const ranking = (task: number, labeler: number, ranks: number[], likerts?: number[]): RankingRecord => ({
  task,
  prompt: task,
  labeler,
  ranks,
  likerts,
});

/*
 * Task 0, K = 4, three labelers (ranks: tie-group index by output position, 0 = best):
 *   A (labeler 1) [0,1,1,2]: o0 best, o1 = o2, o3 last
 *   B (labeler 2) [0,0,1,2]: o0 = o1, then o2, then o3
 *   C (labeler 3) [3,2,1,0]: the reverse, no ties
 * Relations per output pair (− = first better, 0 = tied, + = first worse):
 *   pair   (0,1) (0,2) (0,3) (1,2) (1,3) (2,3)
 *   A        −     −     −     0     −     −
 *   B        0     −     −     −     −     −
 *   C        +     +     +     +     +     +
 * A–B equal on (0,2) (0,3) (1,3) (2,3): 4 of 6. A–C: 0 of 6. B–C: 0 of 6.
 * Task 1: one ranking only (labeler 4), so it is not in any agreement figure.
 */
const threeLabelers = [
  ranking(0, 1, [0, 1, 1, 2], [1, 2, 3, 4]),
  ranking(0, 2, [0, 0, 1, 2], [1, 2, 3, 5]),
  ranking(0, 3, [3, 2, 1, 0]),
  ranking(1, 4, [0, 1, 2, 3], [7, 6, 5, 4]),
];

describe("pairwise agreement", () => {
  it("is the share of equal relations over labeler pairs × output pairs, a tie being a relation of its own", () => {
    const { overall, perLabeler } = pairwiseAgreement(threeLabelers);
    // (4 + 0 + 0) / (3 labeler pairs × 6 output pairs) = 4/18.
    expect(overall.value).toBeCloseTo(4 / 18, 12);
    expect(overall.n).toBe(18);
    // One task: every replicate draws it, so the interval is the value itself.
    expect(overall.ci95).toEqual([4 / 18, 4 / 18]);
    // A: pairs A–B (4/6) and A–C (0/6) → 4/12; B likewise 4/12; C: 0/12.
    expect(perLabeler.get(1)).toMatchObject({ value: 4 / 12, n: 12 });
    expect(perLabeler.get(2)).toMatchObject({ value: 4 / 12, n: 12 });
    expect(perLabeler.get(3)).toMatchObject({ value: 0, n: 12 });
    // Labeler 4 ranked only a single-ranking task: listed, nothing to measure.
    expect(perLabeler.get(4)).toEqual({ value: null, ci95: null, n: 0 });
    expect([...perLabeler.keys()]).toEqual([1, 2, 3, 4]);
  });

  it("counts a labeler's repeated ranking of a task once (the first), never as a pair with itself", () => {
    const withRepeat = [...threeLabelers, ranking(0, 1, [3, 2, 1, 0])];
    expect(pairwiseAgreement(withRepeat).overall.value).toBeCloseTo(4 / 18, 12);
    // Only one labeler, twice: no pair at all.
    expect(pairwiseAgreement([ranking(5, 1, [0, 1, 2, 3]), ranking(5, 1, [0, 1, 2, 3])]).overall).toEqual({
      value: null,
      ci95: null,
      n: 0,
    });
  });

  it("handles K = 9: one swapped pair and a tie-heavy ranking", () => {
    const strict = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    // Swapping o0 and o1 changes one of the C(9,2) = 36 relations: 35/36.
    expect(pairwiseAgreement([ranking(0, 1, strict), ranking(0, 2, [1, 0, 2, 3, 4, 5, 6, 7, 8])]).overall.value).toBeCloseTo(35 / 36, 12);
    // Three tie groups of three against the strict order: the 3 × C(3,2) = 9 pairs inside a group
    // are tied for one labeler and ordered for the other; the other 27 pairs agree: 27/36.
    const grouped = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    expect(pairwiseAgreement([ranking(0, 1, strict), ranking(0, 2, grouped)]).overall.value).toBeCloseTo(27 / 36, 12);
  });

  it("pools over tasks and resamples tasks for the interval", () => {
    // Task 10: identical rankings, 6/6. Task 11: reversed, 0/6. Pooled 6/12 = 0.5.
    const records = [
      ranking(10, 1, [0, 1, 2, 3]),
      ranking(10, 2, [0, 1, 2, 3]),
      ranking(11, 1, [0, 1, 2, 3]),
      ranking(11, 2, [3, 2, 1, 0]),
    ];
    const { overall, perLabeler } = pairwiseAgreement(records);
    expect(overall.value).toBe(0.5);
    expect(overall.n).toBe(12);
    // Resampling 2 tasks: both task 10 (1.0), both task 11 (0.0) or one of each (0.5), with
    // probabilities ¼, ¼, ½; the 2.5th and 97.5th percentiles are 0 and 1.
    expect(overall.ci95).toEqual([0, 1]);
    expect(perLabeler.get(1)!.ci95).toEqual([0, 1]);
    expect(pairwiseAgreement(records).overall).toEqual(overall);
  });

  it("measures nothing on empty input", () => {
    const { overall, perLabeler } = pairwiseAgreement([]);
    expect(overall).toEqual({ value: null, ci95: null, n: 0 });
    expect(perLabeler.size).toBe(0);
    expect(meanKendallTauB([])).toEqual({ value: null, ci95: null, n: 0 });
    expect(krippendorffAlphaInterval([])).toEqual({ value: null, ci95: null, n: 0 });
  });
});

describe("Kendall's τ-b", () => {
  it("follows the tie-corrected formula (C − D) / sqrt((n0 − n1)(n0 − n2))", () => {
    // Identical strict rankings: C = 6, D = 0, no ties → 1. Reversed: −1.
    expect(kendallTauB([0, 1, 2, 3], [0, 1, 2, 3])).toBe(1);
    expect(kendallTauB([0, 1, 2, 3], [3, 2, 1, 0])).toBe(-1);
    // A [0,1,1,2] vs B [0,0,1,2]: n0 = 6; A ties (1,2): n1 = 1; B ties (0,1): n2 = 1;
    // the 4 pairs both order are concordant: C = 4, D = 0 → 4 / sqrt(5 · 5) = 0.8.
    expect(kendallTauB([0, 1, 1, 2], [0, 0, 1, 2])).toBeCloseTo(0.8, 12);
    // K = 9, three groups of three vs strict: n0 = 36, n1 = 9, n2 = 0, C = 27, D = 0
    // → 27 / sqrt(27 · 36) = 27 / (18·sqrt 3) = sqrt(3) / 2.
    expect(kendallTauB([0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8])).toBeCloseTo(Math.sqrt(3) / 2, 12);
    // One labeler tied everything: n0 − n1 = 0, undefined.
    expect(kendallTauB([0, 0, 0, 0], [0, 1, 2, 3])).toBeNull();
  });

  it("averages over (task, labeler pair), leaving undefined pairs out of the mean and of n", () => {
    // Task 0 pairs: A–B 0.8; A–C: C = 0, D = 5 (all but the A-tied (1,2)), n1 = 1, n2 = 0
    // → −5 / sqrt(5 · 6); B–C: −5 / sqrt(5 · 6) likewise.
    const ac = -5 / Math.sqrt(30);
    const records = [...threeLabelers, ranking(7, 1, [0, 0, 0, 0]), ranking(7, 2, [0, 1, 2, 3])];
    const figure = meanKendallTauB(records);
    // Task 7's only pair is undefined (labeler 1 tied everything): 3 defined pairs.
    expect(figure.n).toBe(3);
    expect(figure.value).toBeCloseTo((0.8 + 2 * ac) / 3, 12);
    expect(figure.ci95).not.toBeNull();
  });
});

describe("Krippendorff's α (interval)", () => {
  it("matches the coincidence-matrix computation for two labelers", () => {
    // Task 0 Likerts: A [1,2,3,4], B [1,2,3,5]; C gave none (no ratings) and task 1 has one rater.
    // Units (1,1) (2,2) (3,3) (4,5): n = 8 pairable values. Coincidences: o_11 = o_22 = o_33 = 2,
    // o_45 = o_54 = 1, so n_1 = n_2 = n_3 = 2, n_4 = n_5 = 1.
    // D_o numerator Σ o_ck (c−k)² = 1 + 1 = 2. D_e numerator Σ n_c n_k (c−k)² over ordered pairs
    // = 2·(4 + 16 + 18 + 32 + 4 + 8 + 18 + 2 + 8 + 1) = 222 (c<k terms: (1,2) 2·2·1, (1,3) 2·2·4, …).
    // α = 1 − (n − 1) · 2 / 222 = 1 − 14/222 = 104/111.
    const figure = krippendorffAlphaInterval(threeLabelers);
    expect(figure.value).toBeCloseTo(104 / 111, 12);
    expect(figure.n).toBe(8);
  });

  it("divides each unit by m_u − 1 and drops units with fewer than two ratings", () => {
    // Three labelers, K = 4, 0 = no rating:
    //   A [1, 0, 7, 4]   B [2, 0, 7, 0]   C [3, 5, 7, 0]
    // o0 = {1,2,3} (m = 3); o1 = {5} and o3 = {4} are not pairable; o2 = {7,7,7}.
    // n = 6, Σv = 27, Σv² = 161. Unit o0: ordered pairs Σ(v−v')² = 2·(1 + 4 + 1) = 12, / (m−1) → 6.
    // D_o = 6/6 = 1; D_e = 2(6·161 − 27²) / (6·5) = 474/30 = 15.8; α = 1 − 1/15.8 = 74/79.
    const records = [
      ranking(0, 1, [0, 1, 2, 3], [1, 0, 7, 4]),
      ranking(0, 2, [0, 1, 2, 3], [2, 0, 7, 0]),
      ranking(0, 3, [0, 1, 2, 3], [3, 5, 7, 0]),
    ];
    const figure = krippendorffAlphaInterval(records);
    expect(figure.value).toBeCloseTo(74 / 79, 12);
    expect(figure.n).toBe(6);
  });

  it("is null when every rating is equal (D_e = 0) or nothing is pairable", () => {
    const same = [ranking(0, 1, [0, 1, 2, 3], [4, 4, 4, 4]), ranking(0, 2, [0, 1, 2, 3], [4, 4, 4, 4])];
    expect(krippendorffAlphaInterval(same)).toEqual({ value: null, ci95: null, n: 8 });
    expect(krippendorffAlphaInterval([ranking(0, 1, [0, 1, 2, 3], [1, 2, 3, 4])])).toEqual({ value: null, ci95: null, n: 0 });
  });
});

describe("agreement report and series", () => {
  it("gives the same figures as the separate functions, from one shared resampling", () => {
    const records = [...threeLabelers, ranking(8, 1, [0, 1, 2, 3], [2, 3, 4, 5]), ranking(8, 3, [1, 0, 2, 2], [3, 3, 4, 6])];
    const report = agreementReport(records, { bucketOfTask: (task) => (task < 5 ? "2024-W01" : "2024-W02") });
    expect(report.pairwise).toEqual(pairwiseAgreement(records));
    expect(report.tauB).toEqual(meanKendallTauB(records));
    expect(report.alpha).toEqual(krippendorffAlphaInterval(records));
    expect(report.overTime).toEqual(agreementOverTime(records, (task) => (task < 5 ? "2024-W01" : "2024-W02")));
  });

  it("lists buckets in key order, with a null figure where no task has two rankings", () => {
    // Week 3: task 0 (4/18). Week 1: task 1, a single ranking. Task 9 has no bucket: left out.
    const records = [...threeLabelers, ranking(9, 1, [0, 1, 2, 3]), ranking(9, 2, [0, 1, 2, 3])];
    const series = agreementOverTime(records, (task) => (task === 0 ? 3 : task === 1 ? 1 : null));
    expect([...series.keys()]).toEqual([1, 3]);
    expect(series.get(1)).toEqual({ value: null, ci95: null, n: 0 });
    expect(series.get(3)).toEqual({ value: 4 / 18, ci95: [4 / 18, 4 / 18], n: 18 });
  });
});

describe("a labeler's agreement interval", () => {
  const units = (...groups: [count: number, agree: number, comparisons: number][]) => {
    const a: number[] = [];
    const c: number[] = [];
    for (const [count, agree, comparisons] of groups)
      for (let i = 0; i < count; i++) {
        a.push(agree);
        c.push(comparisons);
      }
    return [Float64Array.from(a), Float64Array.from(c)] as const;
  };

  it("from many tasks is the linearized normal interval of the ratio (hand-computed)", () => {
    // 50 tasks (1 of 1 agree), 50 (0 of 1): R = ½; Σ(a − Rc)² = 100 · ¼ = 25; SE = √(100/99 · 25) / 100
    // = 0.0502519; ± 1.959964 · SE = ± 0.0984919.
    const [halfA, halfC] = units([50, 1, 1], [50, 0, 1]);
    const [lo, hi] = linearizedRatioInterval(halfA, halfC)!;
    expect(lo).toBeCloseTo(0.4015081039, 9);
    expect(hi).toBeCloseTo(0.5984918961, 9);
    // 60 tasks (2 of 3), 40 (1 of 3): R = 160/300; residuals 0.4 and −0.6, Σ² = 60·0.16 + 40·0.36 = 24;
    // SE = √(100/99 · 24) / 300 = 0.0164122.
    const [a, c] = units([60, 2, 3], [40, 1, 3]);
    const [lo2, hi2] = linearizedRatioInterval(a, c)!;
    expect(lo2).toBeCloseTo(0.5011660148, 9);
    expect(hi2).toBeCloseTo(0.5655006519, 9);
    // Only within [0, 1]; nothing to say from one task or no comparison.
    const [allA, allC] = units([120, 3, 3]);
    expect(linearizedRatioInterval(allA, allC)).toEqual([1, 1]);
    expect(linearizedRatioInterval(Float64Array.of(1), Float64Array.of(1))).toBeNull();
    expect(linearizedRatioInterval(Float64Array.of(0, 0), Float64Array.of(0, 0))).toBeNull();
  });

  it("is the delta method for any statistic of sums, the gradient taken numerically", () => {
    // 1 − Σd/Σc has the ratio's standard error: its interval is the ratio's, mirrored.
    const [d, c] = units([60, 2, 3], [40, 1, 3]);
    const [lo, hi] = linearizedRatioInterval(d, c)!;
    const mirrored = linearizedInterval([c, d], (sums) => 1 - sums[1]! / sums[0]!, [Number.NEGATIVE_INFINITY, 1])!;
    expect(mirrored[0]).toBeCloseTo(1 - hi, 9);
    expect(mirrored[1]).toBeCloseTo(1 - lo, 9);
    // Undefined at the sums: no interval.
    expect(linearizedInterval([c, d], () => Number.NaN, [0, 1])).toBeNull();
  });

  it("matches the percentile bootstrap's to about a hundredth from the threshold on", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (const n of [LINEARIZED_FROM_TASKS, 300, 1000]) {
      // Tasks with 1–3 other labelers, K = 4 to 9: comparisons = others × K(K−1)/2, agreeing ones binomial around 0.6–0.8.
      const c = Float64Array.from({ length: n }, () => (1 + Math.floor(random() * 3)) * [6, 10, 15, 21, 28, 36][Math.floor(random() * 6)]!);
      const a = c.map((comparisons) => {
        const p = 0.6 + 0.2 * random();
        let agree = 0;
        for (let i = 0; i < comparisons; i++) if (random() < p) agree++;
        return agree;
      });
      const linearized = linearizedRatioInterval(a, c)!;
      const bootstrapped = bootstrapRatioCI(a, c)!;
      expect(Math.abs(linearized[0] - bootstrapped[0]), `n = ${n}, lower`).toBeLessThan(0.01);
      expect(Math.abs(linearized[1] - bootstrapped[1]), `n = ${n}, upper`).toBeLessThan(0.01);
    }
  });

  it("is bootstrapped below the threshold and linearized from it, per labeler", () => {
    // Labeler 1 ranks every task; labeler 2 agrees with them on the first half of 2 × LINEARIZED_FROM_TASKS tasks;
    // labeler 3 shares LINEARIZED_FROM_TASKS − 1 tasks with them and agrees on 50 of those.
    const records: RankingRecord[] = [];
    const tasks = 2 * LINEARIZED_FROM_TASKS;
    for (let task = 0; task < tasks; task++) {
      records.push(ranking(task, 1, [0, 1, 2, 3]));
      records.push(ranking(task, 2, task < LINEARIZED_FROM_TASKS ? [0, 1, 2, 3] : [3, 2, 1, 0]));
    }
    for (let task = tasks; task < tasks + LINEARIZED_FROM_TASKS - 1; task++) {
      records.push(ranking(task, 1, [0, 1, 2, 3]));
      records.push(ranking(task, 3, task < tasks + 50 ? [0, 1, 2, 3] : [3, 2, 1, 0]));
    }
    const { perLabeler } = pairwiseAgreement(records);
    // Labeler 2: 200 tasks, 6 comparisons each, 100 of them all agreeing: the linearized interval.
    const [a2, c2] = units([LINEARIZED_FROM_TASKS, 6, 6], [LINEARIZED_FROM_TASKS, 0, 6]);
    expect(perLabeler.get(2)).toEqual({ value: 0.5, ci95: linearizedRatioInterval(a2, c2), n: 6 * tasks });
    // Labeler 3: 99 tasks, bootstrapped: a resample's share is k/99 for whole k (every task agrees
    // on all of its pairs or none), so both ends are multiples of 1/99, which the normal interval's are not.
    const three = perLabeler.get(3)!;
    expect(three.value).toBeCloseTo(50 / 99, 12);
    for (const end of three.ci95!) expect(Math.abs(end * 99 - Math.round(end * 99))).toBeLessThan(1e-9);
    const [a3, c3] = units([50, 6, 6], [49, 0, 6]);
    expect(three.ci95).not.toEqual(linearizedRatioInterval(a3, c3));
  });

  it("follows the same rule for each week of agreement over time", () => {
    // Week 0: 150 tasks, two labelers agreeing fully on 100 and not at all on 50; week 1: 20 tasks, agreeing on 10.
    const records: RankingRecord[] = [];
    for (let task = 0; task < 170; task++) {
      const agrees = task < 100 || (task >= 150 && task < 160);
      records.push(ranking(task, 1, [0, 1, 2, 3]), ranking(task, 2, agrees ? [0, 1, 2, 3] : [3, 2, 1, 0]));
    }
    const weeks = agreementOverTime(records, (task) => (task < 150 ? 0 : 1));
    const [a, c] = units([100, 6, 6], [50, 0, 6]);
    expect(weeks.get(0)).toEqual({ value: 2 / 3, ci95: linearizedRatioInterval(a, c), n: 900 });
    const small = weeks.get(1)!;
    expect(small.value).toBe(0.5);
    for (const end of small.ci95!) expect(Math.abs(end * 20 - Math.round(end * 20))).toBeLessThan(1e-9);
  });
});
