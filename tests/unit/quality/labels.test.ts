import { describe, expect, it } from "vitest";
import { consensus, goldAccuracy, groupByTask, positionBias, type RankingRecord, ranksFromGroups, relation } from "@/lib/quality";

const ranking = (task: number, labeler: number, ranks: number[], firstShown?: number): RankingRecord => ({
  task,
  prompt: task,
  labeler,
  ranks,
  firstShown,
});

describe("ranks from tie groups", () => {
  it("maps each output position to the index of its group, best first", () => {
    expect(ranksFromGroups([["c"], ["a", "d"], ["b"]], ["a", "b", "c", "d"])).toEqual([1, 2, 0, 1]);
    // Empty groups do not take a rank.
    expect(ranksFromGroups([[], ["b"], [], ["a"]], ["a", "b"])).toEqual([1, 0]);
  });

  it("refuses missing, repeated and unknown ids", () => {
    expect(() => ranksFromGroups([["a"]], ["a", "b"])).toThrow("not ranked");
    expect(() => ranksFromGroups([["a"], ["a", "b"]], ["a", "b"])).toThrow("twice");
    expect(() => ranksFromGroups([["a", "z"], ["b"]], ["a", "b"])).toThrow("not one of the outputs");
    expect(() => ranksFromGroups([["a"]], ["a", "a"])).toThrow("listed twice");
  });

  it("reads the relation of two outputs from their groups", () => {
    const ranks = [1, 2, 0, 1];
    expect(relation(ranks, 2, 0)).toBe(-1);
    expect(relation(ranks, 1, 3)).toBe(1);
    expect(relation(ranks, 0, 3)).toBe(0);
  });

  it("groups rankings by task, keeping the first ranking of a labeler who ranked a task twice", () => {
    const records = [ranking(2, 1, [0]), ranking(0, 1, [0]), ranking(2, 2, [0]), ranking(2, 1, [1])];
    const groups = groupByTask(records);
    expect(Array.from(groups.task)).toEqual([0, 2]);
    expect(Array.from(groups.start)).toEqual([0, 1, 3]);
    expect(Array.from(groups.record)).toEqual([1, 0, 2]);
  });
});

describe("gold accuracy", () => {
  // Gold task 0, reference [0,1,1,2]: strictly ordered pairs (0,1) (0,2) (0,3) (1,3) (2,3) — five;
  // (1,2) is tied in the reference and does not count.
  // Gold task 1, K = 9, reference strict 0..8: all 36 pairs count.
  const reference = new Map<number, number[]>([
    [0, [0, 1, 1, 2]],
    [1, [0, 1, 2, 3, 4, 5, 6, 7, 8]],
  ]);

  it("pools, over the labeler's gold tasks, the strictly ordered reference pairs they order the same way", () => {
    const records = [
      // Labeler 1 on task 0, [0,0,1,2]: (0,1) tied where the reference orders it → a miss;
      // (0,2) (0,3) (1,3) (2,3) as the reference → 4 of 5.
      ranking(0, 1, [0, 0, 1, 2]),
      // Labeler 1 on task 1: exactly the reference → 36 of 36.
      ranking(1, 1, [0, 1, 2, 3, 4, 5, 6, 7, 8]),
      // Labeler 2 on task 0, reversed: 0 of 5. Task 3 is not gold: ignored.
      ranking(0, 2, [3, 2, 1, 0]),
      ranking(3, 2, [0, 1, 2, 3]),
      // Labeler 3 ranked no gold task: not listed.
      ranking(3, 3, [0, 1, 2, 3]),
    ];
    const accuracy = goldAccuracy(records, reference);
    // Labeler 1: (4 + 36) / (5 + 36) = 40/41 over 2 gold tasks.
    expect(accuracy.get(1)).toMatchObject({ answered: 2, correct: 40, pairs: 41, accuracy: 40 / 41 });
    expect(accuracy.get(2)).toMatchObject({ answered: 1, correct: 0, pairs: 5, accuracy: 0 });
    expect(accuracy.get(2)!.ci95).toEqual([0, 0]);
    expect(accuracy.has(3)).toBe(false);
    // Resampling labeler 1's two gold tasks: 4/5, 36/36 or both, so the interval spans 0.8 to 1.
    expect(accuracy.get(1)!.ci95).toEqual([0.8, 1]);
    // The references may also come as an array indexed by task.
    expect(goldAccuracy(records, [reference.get(0)!, reference.get(1)!])).toEqual(accuracy);
  });

  it("has no accuracy when the reference ties everything, and nothing on empty input", () => {
    const accuracy = goldAccuracy([ranking(0, 1, [0, 1, 2, 3])], new Map([[0, [0, 0, 0, 0]]]));
    expect(accuracy.get(1)).toEqual({ answered: 1, correct: 0, pairs: 0, accuracy: null, ci95: null });
    expect(goldAccuracy([], reference).size).toBe(0);
  });
});

describe("position bias", () => {
  it("is the share of rankings whose first-shown output is in the top group, beside |top group| / K", () => {
    const records = [
      // First shown o0, top group {o0}: in it. Chance 1/4.
      ranking(0, 1, [0, 1, 2, 3], 0),
      // First shown o2, top group {o0, o1}: not in it. Chance 2/4.
      ranking(1, 1, [0, 0, 1, 2], 2),
      // First shown o1, top group {o1}: in it. Chance 1/4.
      ranking(2, 1, [1, 0, 1, 1], 1),
      // No display order recorded, or an impossible one: left out.
      ranking(3, 1, [0, 1, 2, 3]),
      ranking(4, 1, [0, 1, 2, 3], 7),
      // Labeler 2, K = 9, all tied: always "first", and chance says so (9/9).
      ranking(5, 2, [0, 0, 0, 0, 0, 0, 0, 0, 0], 8),
    ];
    const bias = positionBias(records);
    // Labeler 1: 2 of 3 rankings; chance (1/4 + 2/4 + 1/4) / 3 = 1/3.
    expect(bias.get(1)!.firstShownRankedFirst).toBeCloseTo(2 / 3, 12);
    expect(bias.get(1)!.expected).toBeCloseTo(1 / 3, 12);
    expect(bias.get(1)!.n).toBe(3);
    expect(bias.get(2)).toEqual({ firstShownRankedFirst: 1, expected: 1, n: 1 });
    expect(positionBias([]).size).toBe(0);
  });
});

describe("consensus", () => {
  it("counts the votes of every output pair and orders outputs by mean fractional rank", () => {
    // A [0,1,1,2], B [0,0,1,2], C [3,2,1,0]. Fractional ranks (mean of the positions a group spans):
    //   A: o0 1, o1 2.5, o2 2.5, o3 4     B: o0 1.5, o1 1.5, o2 3, o3 4     C: o0 4, o1 3, o2 2, o3 1
    // Means: o0 6.5/3, o1 7/3, o2 7.5/3, o3 9/3 → groups [o0] [o1] [o2] [o3].
    const result = consensus([
      [0, 1, 1, 2],
      [0, 0, 1, 2],
      [3, 2, 1, 0],
    ]);
    expect(result.groups).toEqual([[0], [1], [2], [3]]);
    expect(result.meanRanks[0]).toBeCloseTo(6.5 / 3, 12);
    expect(result.meanRanks[3]).toBe(3);
    // (0,1): A o0 better, B tie, C o1 better. (1,2): A tie, B o1 better, C o2 better.
    // Every pair with o3 or (0,2): A and B for the first, C for the second.
    expect(result.pairs).toEqual([
      { a: 0, b: 1, a_better: 1, b_better: 1, tied: 1 },
      { a: 0, b: 2, a_better: 2, b_better: 1, tied: 0 },
      { a: 0, b: 3, a_better: 2, b_better: 1, tied: 0 },
      { a: 1, b: 2, a_better: 1, b_better: 1, tied: 1 },
      { a: 1, b: 3, a_better: 2, b_better: 1, tied: 0 },
      { a: 2, b: 3, a_better: 2, b_better: 1, tied: 0 },
    ]);
    // Borda identity: o0's summed fractional rank = L + Σ over others (their wins over o0 + ½ ties)
    // = 3 + (1 + ½) + 1 + 1 = 6.5.
    expect(result.meanRanks[0]! * 3).toBeCloseTo(6.5, 12);
  });

  it("puts outputs with equal mean rank in one group, whatever the order of the rankings", () => {
    // X [0,1,2,3], Y [1,0,3,2]: o0 and o1 both 1 + 2 = 3; o2 and o3 both 3 + 4 = 7.
    const x = [0, 1, 2, 3];
    const y = [1, 0, 3, 2];
    expect(consensus([x, y]).groups).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(consensus([y, x]).groups).toEqual(consensus([x, y]).groups);
    // One ranking: its own groups, K = 9 with ties.
    expect(consensus([[2, 0, 1, 0, 2, 2, 1, 3, 0]]).groups).toEqual([[1, 3, 8], [2, 6], [0, 4, 5], [7]]);
  });

  it("is empty for no rankings and refuses rankings of different lengths", () => {
    expect(consensus([])).toEqual({ groups: [], pairs: [], meanRanks: [] });
    expect(() =>
      consensus([
        [0, 1, 2, 3],
        [0, 1, 2],
      ]),
    ).toThrow();
  });
});
