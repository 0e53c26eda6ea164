import { describe, expect, it } from "vitest";
import { BradleyTerryFit, bradleyTerry, DEFAULT_BT_PRIOR, modelReport, type RankingRecord, winRates } from "@/lib/quality";

const ranking = (task: number, prompt: number, labeler: number, ranks: number[]): RankingRecord => ({ task, prompt, labeler, ranks });

/** 400·log10: the Elo-like scale. */
const elo = (ratio: number) => 400 * Math.log10(ratio);

describe("win rate against a baseline", () => {
  // Models: 0 = baseline B, 1, 2, 3.
  // Task 0 (prompt 0) shows [B, M1, M1, M2]; task 1 (prompt 1) shows [M1, M2, M2, M3]: no baseline.
  const modelsByTask = [
    [0, 1, 1, 2],
    [1, 2, 2, 3],
  ];
  const records = [
    // Labeler 1: o1 (M1) best, o0 (B) tied with o2 (M1), o3 (M2) last.
    //   M1 vs B: o1 better → 1; o2 tied → ½.  M2 vs B: o3 worse → 0.
    ranking(0, 0, 1, [1, 0, 1, 2]),
    // Labeler 2: B best, then o1, then o2 = o3.  M1 vs B: 0, 0.  M2 vs B: 0.
    ranking(0, 0, 2, [0, 1, 2, 2]),
    // No baseline output here: contributes nothing to any win rate (a model absent from a ranking).
    ranking(1, 1, 1, [0, 1, 2, 3]),
  ];

  it("is the mean of 1 / ½ / 0 over (ranking, output of M, output of B)", () => {
    const rates = winRates(records, modelsByTask, 0);
    // M1: (1 + ½ + 0 + 0) / 4 = 0.375 over 4 comparisons.
    expect(rates.get(1)).toMatchObject({ comparisons: 4, winRate: 0.375 });
    // M2: (0 + 0) / 2.
    expect(rates.get(2)).toMatchObject({ comparisons: 2, winRate: 0 });
    // M3 never met the baseline: listed, nothing to measure.
    expect(rates.get(3)).toEqual({ comparisons: 0, winRate: null, ci95: null });
    expect(rates.has(0)).toBe(false);
    // One prompt holds every baseline comparison: every replicate gives the same rate.
    expect(rates.get(1)!.ci95).toEqual([0.375, 0.375]);
  });

  it("resamples prompts, and lists every rival with nothing to measure when the baseline never appears", () => {
    // Prompt 0: M1 beats B (1); prompt 1: B beats M1 (0). Replicates of 2 prompts: 1, ½ or 0
    // with probabilities ¼, ½, ¼ → the interval is [0, 1].
    const two = [ranking(0, 0, 1, [0, 1, 2, 3]), ranking(1, 1, 1, [1, 0, 2, 3])];
    const rates = winRates(
      two,
      [
        [1, 0, -1, -1],
        [1, 0, -1, -1],
      ],
      0,
    );
    expect(rates.get(1)).toEqual({ comparisons: 2, winRate: 0.5, ci95: [0, 1] });
    expect(winRates(records, modelsByTask, 9)).toEqual(
      new Map([
        [0, { comparisons: 0, winRate: null, ci95: null }],
        [1, { comparisons: 0, winRate: null, ci95: null }],
        [2, { comparisons: 0, winRate: null, ci95: null }],
        [3, { comparisons: 0, winRate: null, ci95: null }],
      ]),
    );
  });

  it("handles K = 9 with several outputs per model and unknown outputs", () => {
    // Models [B, B, M1, M1, M1, -, -, M2, B]; ranks [0, 2, 1, 1, 3, 0, 0, 4, 1].
    // M1 outputs (ranks 1, 1, 3) vs B outputs (ranks 0, 2, 1):
    //   rank 1: vs 0 → 0, vs 2 → 1, vs 1 → ½  = 1.5  (twice: 3)
    //   rank 3: vs 0 → 0, vs 2 → 0, vs 1 → 0  = 0
    // M1: 3 / 9. M2 (rank 4) loses to all three: 0 / 3.
    const rates = winRates([ranking(0, 0, 1, [0, 2, 1, 1, 3, 0, 0, 4, 1])], [[0, 0, 1, 1, 1, -1, -1, 2, 0]], 0);
    expect(rates.get(1)).toMatchObject({ comparisons: 9, winRate: 3 / 9 });
    expect(rates.get(2)).toMatchObject({ comparisons: 3, winRate: 0 });
  });

  it("measures nothing on empty input", () => {
    expect(winRates([], [], 0).size).toBe(0);
    expect(bradleyTerry([], []).size).toBe(0);
  });
});

describe("Bradley–Terry", () => {
  /** `count` rankings, each of its own task and prompt, with these ranks of outputs of these models (default: model 0, model 1, two outputs of no model). */
  const duel = (count: number, ranks: number[], models = [0, 1, -1, -1]) => Array.from({ length: count }, () => ({ ranks, models }));

  /** Numbers the tasks (and prompts) 0, 1, 2… in order. */
  function build(parts: { ranks: number[]; models: number[] }[]) {
    return { records: parts.map((p, task) => ranking(task, task, 1, p.ranks)), modelsByTask: parts.map((p) => p.models) };
  }

  it("reproduces the two-model closed form: score difference = 400·log10(w / l)", () => {
    // 30 rankings with model 0 above model 1, 10 with model 1 above: w = 30, l = 10.
    // Outputs 2 and 3 belong to no model and are ignored.
    const { records, modelsByTask } = build([...duel(30, [0, 1, 2, 3]), ...duel(10, [1, 0, 2, 3])]);
    const exact = bradleyTerry(records, modelsByTask, { anchor: 1, prior: 0 });
    expect(exact.get(1)!.score).toBeCloseTo(1000, 9);
    expect(exact.get(0)!.score).toBeCloseTo(1000 + elo(3), 6); // 400·log10(3) ≈ 190.85
    expect(exact.get(0)!.comparisons).toBe(40);
    // With the default prior of ε = 0.1 pseudo-wins each way: 400·log10(30.1 / 10.1).
    const smoothed = bradleyTerry(records, modelsByTask, { anchor: 1 });
    expect(smoothed.get(0)!.score - smoothed.get(1)!.score).toBeCloseTo(elo((30 + DEFAULT_BT_PRIOR) / (10 + DEFAULT_BT_PRIOR)), 6);
    // No anchor: the mean is 1000, so the two sit symmetrically around it.
    const centred = bradleyTerry(records, modelsByTask, { prior: 0 });
    expect(centred.get(0)!.score).toBeCloseTo(1000 + elo(3) / 2, 6);
    expect(centred.get(1)!.score).toBeCloseTo(1000 - elo(3) / 2, 6);
    // An anchor that is absent from the data falls back to the mean.
    expect(bradleyTerry(records, modelsByTask, { prior: 0, anchor: 7 })).toEqual(centred);
  });

  it("counts a tie as half a win each", () => {
    // 30 wins, 10 losses, 4 ties: w = 32, l = 12.
    const { records, modelsByTask } = build([...duel(30, [0, 1, 2, 3]), ...duel(10, [1, 0, 2, 3]), ...duel(4, [0, 0, 1, 2])]);
    const scores = bradleyTerry(records, modelsByTask, { anchor: 1, prior: 0 });
    expect(scores.get(0)!.score - 1000).toBeCloseTo(elo(32 / 12), 6);
    expect(scores.get(0)!.comparisons).toBe(44);
  });

  it("keeps a model that never lost finite, and brackets each score with an interval", () => {
    // Model 0 beats model 1 in all 5 rankings: without a prior the maximum is at infinity;
    // with ε = 0.1 it is 400·log10(5.1 / 0.1) ≈ 683 points above.
    const { records, modelsByTask } = build(duel(5, [0, 1, 2, 3]));
    const scores = bradleyTerry(records, modelsByTask, { anchor: 1 });
    expect(scores.get(0)!.score - 1000).toBeCloseTo(elo(5.1 / 0.1), 6);
    expect(Number.isFinite(scores.get(0)!.score)).toBe(true);
    // Every resample of these 5 prompts is 5–0: the interval is the point.
    const [lo, hi] = scores.get(0)!.ci95!;
    expect(lo).toBeCloseTo(scores.get(0)!.score, 6);
    expect(hi).toBeCloseTo(scores.get(0)!.score, 6);
  });

  it("solves the likelihood equations for several models: expected wins = observed wins (plus the prior)", () => {
    // Three models over mixed tasks (a model absent from some), K = 4..9, with ties.
    const parts = [
      ...duel(6, [0, 1, 1, 2], [0, 1, 2, 0]),
      ...duel(4, [2, 0, 1, 0], [0, 1, 2, 2]),
      ...duel(5, [0, 1, 2, 3, 4, 4, 5, 6, 0], [2, 2, 0, 1, 0, 1, 2, 0, 1]),
      ...duel(3, [1, 0, 0, 2], [1, 2, 1, 2]),
    ];
    const { records, modelsByTask } = build(parts);
    const prior = 0.1;
    const scores = bradleyTerry(records, modelsByTask, { prior });
    // Tally W (wins, ties half) and N (comparisons) by hand from the records.
    const m = 3;
    const wins = new Array(m).fill(0);
    const n = Array.from({ length: m }, () => new Array(m).fill(0));
    records.forEach((record, r) => {
      const models = modelsByTask[r]!;
      for (let p = 0; p < models.length; p++) {
        for (let q = p + 1; q < models.length; q++) {
          const a = models[p]!;
          const b = models[q]!;
          if (a < 0 || b < 0 || a === b) continue;
          n[a][b]++;
          n[b][a]++;
          const d = record.ranks[p]! - record.ranks[q]!;
          wins[a] += d < 0 ? 1 : d === 0 ? 0.5 : 0;
          wins[b] += d > 0 ? 1 : d === 0 ? 0.5 : 0;
        }
      }
    });
    // Strength from score: π = 10^(score/400); the anchor offset cancels in π_i / (π_i + π_j).
    const strength = [0, 1, 2].map((i) => 10 ** (scores.get(i)!.score / 400));
    for (let i = 0; i < m; i++) {
      let expected = 0;
      for (let j = 0; j < m; j++) if (j !== i) expected += (n[i]![j]! + 2 * prior) * (strength[i]! / (strength[i]! + strength[j]!));
      expect(expected).toBeCloseTo(wins[i] + prior * (m - 1), 8);
    }
    const mean = [0, 1, 2].reduce((total, i) => total + scores.get(i)!.score, 0) / 3;
    expect(mean).toBeCloseTo(1000, 9);
  });

  it("agrees with the win rates and scores of modelReport, which shares one set of resamples", () => {
    const { records, modelsByTask } = build([...duel(12, [0, 1, 2, 3], [0, 1, 2, 0]), ...duel(7, [3, 1, 0, 2], [0, 1, 2, 1])]);
    const report = modelReport(records, modelsByTask, { baseline: 0 });
    expect(report.winRates).toEqual(winRates(records, modelsByTask, 0));
    expect(report.scores).toEqual(bradleyTerry(records, modelsByTask, { anchor: 0 }));
    expect(report.scores.get(0)!.ci95).toEqual([1000, 1000]);
  });

  it("fits from scratch and from a warm start to the same strengths", () => {
    const fit = new BradleyTerryFit(2, 0);
    fit.wins.set([30, 10]);
    const pairs = Float64Array.from([0, 40, 40, 0]);
    const cold = Array.from(fit.solve(pairs, false));
    fit.keepAsStart();
    expect(Array.from(fit.solve(pairs, true))).toEqual(cold);
    expect(cold[1]! - cold[0]!).toBeCloseTo(-Math.log(3), 10);
  });
});
