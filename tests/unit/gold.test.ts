import { describe, expect, it } from "vitest";
import { decideStatus, ranksByPosition, type Standing, scoreGoldAnswer } from "@/lib/labeling/gold";

const settings = { goldMinAnswered: 5, goldWarnBelow: 0.7, goldBlockBelow: 0.5, screeningTasks: 3, screeningPass: 0.75 };
const standing = (over: Partial<Standing>): Standing => ({
  status: "active",
  goldAnswered: 0,
  goldPairs: 0,
  goldCorrect: 0,
  screeningAnswered: 0,
  screeningPairs: 0,
  screeningCorrect: 0,
  ...over,
});

describe("ranksByPosition", () => {
  it("gives each output, by position, the index of its tie group", () => {
    expect(ranksByPosition([["c"], ["a", "d"], ["b"]], ["a", "b", "c", "d"])).toEqual([1, 2, 0, 1]);
  });
});

describe("scoreGoldAnswer", () => {
  it("scores only the pairs the reference orders, and a tie there is a miss", () => {
    // Reference: 0 > {1, 2} > 3 → strict pairs (0,1) (0,2) (0,3) (1,3) (2,3); (1,2) is tied and not scored.
    // Answer: 0 > 1 > 2 = 3 → (0,1) ok, (0,2) ok, (0,3) ok, (1,3) ok, (2,3) tied: miss. 4 of 5.
    expect(scoreGoldAnswer([0, 1, 1, 2], [0, 1, 2, 2])).toEqual({ pairs: 5, correct: 4 });
  });
  it("counts a reversed ranking as wrong on every pair (K = 9: 36 pairs)", () => {
    const reference = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    expect(scoreGoldAnswer(reference, [...reference].reverse())).toEqual({ pairs: 36, correct: 0 });
    expect(scoreGoldAnswer(reference, reference)).toEqual({ pairs: 36, correct: 36 });
  });
});

describe("decideStatus", () => {
  it("waits for the minimum number of gold answers before acting", () => {
    expect(decideStatus(standing({ goldAnswered: 4, goldPairs: 24, goldCorrect: 0 }), settings)).toBe("active");
    expect(decideStatus(standing({ goldAnswered: 5, goldPairs: 30, goldCorrect: 14 }), settings)).toBe("blocked");
    expect(decideStatus(standing({ goldAnswered: 5, goldPairs: 30, goldCorrect: 15 }), settings)).toBe("warned");
    expect(decideStatus(standing({ goldAnswered: 5, goldPairs: 30, goldCorrect: 21 }), settings)).toBe("active");
    expect(decideStatus(standing({ status: "warned", goldAnswered: 6, goldPairs: 36, goldCorrect: 30 }), settings)).toBe("active");
  });
  it("ends screening after the set number of tasks, on the screening answers alone", () => {
    expect(decideStatus(standing({ status: "screening", screeningAnswered: 2, screeningPairs: 12, screeningCorrect: 0 }), settings)).toBe(
      "screening",
    );
    expect(decideStatus(standing({ status: "screening", screeningAnswered: 3, screeningPairs: 20, screeningCorrect: 14 }), settings)).toBe(
      "failed_screening",
    );
    expect(decideStatus(standing({ status: "screening", screeningAnswered: 3, screeningPairs: 20, screeningCorrect: 15 }), settings)).toBe(
      "active",
    );
  });
  it("keeps blocked and failed labelers so until an admin acts", () => {
    expect(decideStatus(standing({ status: "blocked", goldAnswered: 9, goldPairs: 9, goldCorrect: 9 }), settings)).toBe("blocked");
    expect(decideStatus(standing({ status: "failed_screening" }), settings)).toBe("failed_screening");
  });
});
