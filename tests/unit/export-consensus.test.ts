import { describe, expect, it } from "vitest";
import { aggregateRankings, toConsensusRecord } from "@/lib/exports/consensus";

// Rankings are given by output position: the tie group of each output, 0 = best.
const votes = (pairs: ReturnType<typeof aggregateRankings>["pairs"]) => pairs.map((p) => [p.a, p.b, p.a_better, p.b_better, p.tied]);

describe("consensus of rankings (mean fractional rank)", () => {
  it("gives a tie group the mean of the positions it spans and counts tied votes apart", () => {
    // Labeler 1: 0 > {1,2} > 3 → fractional ranks 1, 2.5, 2.5, 4.
    // Labeler 2: {0,1} > 2 > 3 → 1.5, 1.5, 3, 4.
    const result = aggregateRankings(
      [
        [0, 1, 1, 2],
        [0, 0, 1, 2],
      ],
      4,
    );
    expect(result.meanRanks).toEqual([1.25, 2, 2.75, 4]);
    expect(result.aggregate).toEqual([[0], [1], [2], [3]]);
    expect(votes(result.pairs)).toEqual([
      [0, 1, 1, 0, 1],
      [0, 2, 2, 0, 0],
      [0, 3, 2, 0, 0],
      [1, 2, 1, 0, 1],
      [1, 3, 2, 0, 0],
      [2, 3, 2, 0, 0],
    ]);
  });

  it("ties outputs whose means are equal, with an output that every labeler tied with another", () => {
    // Output 2 is in a tie group in every ranking.
    // L1: 0 > {1,2} → 1, 2.5, 2.5.  L2: {1,2} > 0 → 3, 1.5, 1.5.  L3: {0,2} > 1 → 1.5, 3, 1.5.
    const result = aggregateRankings(
      [
        [0, 1, 1],
        [1, 0, 0],
        [0, 1, 0],
      ],
      3,
    );
    // Sums 5.5, 7, 5.5 over three labelers.
    expect(result.meanRanks.map((m) => m * 3)).toEqual([5.5, 7, 5.5]);
    expect(result.aggregate).toEqual([[0, 2], [1]]);
    expect(votes(result.pairs)).toEqual([
      [0, 1, 2, 1, 0],
      [0, 2, 1, 1, 1],
      [1, 2, 0, 1, 2],
    ]);
  });

  it("handles K = 9: one labeler in order, one tying the first two, one reversed", () => {
    const inOrder = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const topTied = [0, 0, 1, 2, 3, 4, 5, 6, 7];
    const reversed = [8, 7, 6, 5, 4, 3, 2, 1, 0];
    const result = aggregateRankings([inOrder, topTied, reversed], 9);
    // Sums: outputs 0 and 1: 1 + 1.5 + 9 = 11.5 and 2 + 1.5 + 8 = 11.5; output p ≥ 2: (p+1) + (p+1) + (9−p) = p + 11.
    expect(result.meanRanks.map((m) => Math.round(m * 3 * 10) / 10)).toEqual([11.5, 11.5, 13, 14, 15, 16, 17, 18, 19]);
    expect(result.aggregate).toEqual([[0, 1], [2], [3], [4], [5], [6], [7], [8]]);
    expect(result.pairs).toHaveLength(36);
    expect(result.pairs[0]).toEqual({ a: 0, b: 1, a_better: 1, b_better: 1, tied: 1 });
    // Every other pair: the two ordered labelers prefer the earlier output, the reversed one the later.
    for (const pair of result.pairs.slice(1)) expect([pair.a_better, pair.b_better, pair.tied]).toEqual([2, 1, 0]);
    expect(result.pairs.at(-1)).toMatchObject({ a: 7, b: 8 });
  });

  it("ties everything when two labelers disagree on every pair", () => {
    const result = aggregateRankings(
      [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
      ],
      4,
    );
    expect(result.meanRanks).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(result.aggregate).toEqual([[0, 1, 2, 3]]);
    for (const pair of result.pairs) expect([pair.a_better, pair.b_better, pair.tied]).toEqual([1, 1, 0]);
  });

  it("reads group numbers by order only, and does not depend on the order of the rankings", () => {
    const sparse = aggregateRankings(
      [
        [0, 2, 2, 5],
        [3, 1, 0, 0],
      ],
      4,
    );
    const dense = aggregateRankings(
      [
        [2, 1, 0, 0],
        [0, 1, 1, 2],
      ],
      4,
    );
    expect(sparse).toEqual(dense);
  });

  it("agrees with its vote counts: mean rank = 1 + Σ (wins over the output + ½ ties) / labelers", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 50; round++) {
      const k = 4 + Math.floor(random() * 6);
      const labelers = 2 + Math.floor(random() * 5);
      const rankings = Array.from({ length: labelers }, () => Array.from({ length: k }, () => Math.floor(random() * 3)));
      const { meanRanks, pairs, aggregate } = aggregateRankings(rankings, k);
      for (let p = 0; p < k; p++) {
        let against = 0;
        for (const pair of pairs) {
          if (pair.a === p) against += pair.b_better + pair.tied / 2;
          if (pair.b === p) against += pair.a_better + pair.tied / 2;
        }
        expect(meanRanks[p]).toBeCloseTo(1 + against / labelers, 10);
      }
      expect(aggregate.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: k }, (_, i) => i));
      for (const pair of pairs) expect(pair.a_better + pair.b_better + pair.tied).toBe(labelers);
    }
  });

  it("refuses a ranking that does not place every output", () => {
    expect(() => aggregateRankings([[0, 1, 2]], 4)).toThrow(/all 4 outputs/);
  });
});

describe("consensus records", () => {
  it("name outputs by id, in the task's order, with the method and the number of rankings", () => {
    const record = toConsensusRecord(
      {
        task_id: "task1",
        prompt: { id: "prompt1", text: "Say hi", split: "train" },
        outputs: ["x", "y", "z", "w"].map((id, i) => ({ id, model: `m${i}`, text: `answer ${id}` })),
      },
      [
        [1, 0, 2, 2],
        [1, 0, 2, 3],
      ],
    );
    expect(record).toMatchObject({
      group_id: "task1",
      prompt: { id: "prompt1", text: "Say hi", split: "train" },
      rankings: 2,
      method: "mean_rank",
      aggregate: [["y"], ["x"], ["z"], ["w"]],
      split: "train",
    });
    expect(record.outputs.map((o) => [o.id, o.model, o.mean_rank])).toEqual([
      ["x", "m0", 2],
      ["y", "m1", 1],
      ["z", "m2", 3.25],
      ["w", "m3", 3.75],
    ]);
    expect(record.pairs).toEqual([
      { a: "x", b: "y", a_better: 0, b_better: 2, tied: 0 },
      { a: "x", b: "z", a_better: 2, b_better: 0, tied: 0 },
      { a: "x", b: "w", a_better: 2, b_better: 0, tied: 0 },
      { a: "y", b: "z", a_better: 2, b_better: 0, tied: 0 },
      { a: "y", b: "w", a_better: 2, b_better: 0, tied: 0 },
      { a: "z", b: "w", a_better: 1, b_better: 0, tied: 1 },
    ]);
  });
});
