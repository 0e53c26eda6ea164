import { describe, expect, it } from "vitest";
import { goldAccuracy, groupByTask, positionBias, type RankingRecord, ranksFromGroups, relation } from "@/lib/quality";

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
