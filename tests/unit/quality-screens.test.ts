// The quality screens' pure helpers: when a figure may be shown, formatting, sorting with
// unmeasured rows last, Chatbot Arena's interval-aware rank, and tie groups for adjudication.
import { describe, expect, it } from "vitest";
import {
  coefficient,
  coefficientRange,
  figureView,
  groupsFromRanks,
  meanRankSuggestion,
  percent,
  percentRange,
  rankByInterval,
  rankingLine,
  rankOfOutputs,
  sortRows,
  wilsonInterval,
} from "@/components/quality/figures";

describe("figureView", () => {
  it("shows a figure only with a value, an interval and enough n", () => {
    expect(figureView({ value: 0.72, ci95: [0.7, 0.74], n: 400 }, 30)).toEqual({ kind: "ok", value: 0.72, ci: [0.7, 0.74], n: 400 });
    expect(figureView({ value: 0.5, ci95: [0.5, 0.5], n: 6 }, 30)).toEqual({ kind: "thin", value: 0.5, n: 6, needed: 30 });
    expect(figureView({ value: 0.5, ci95: null, n: 300 }, 30)).toMatchObject({ kind: "thin" });
    expect(figureView({ value: null, ci95: null, n: 0 }, 30)).toEqual({ kind: "none", n: 0 });
    expect(figureView(null, 30)).toEqual({ kind: "none", n: 0 });
  });

  it("formats shares and coefficients", () => {
    expect(percent(0.7264)).toBe("72.6%");
    expect(percent(0.7264, 0)).toBe("73%");
    expect(percentRange([0.701, 0.7456])).toBe("70.1–74.6%");
    expect(coefficient(-0.126)).toBe("−0.13");
    expect(coefficientRange([-0.1, 0.61])).toBe("−0.10 to 0.61");
  });
});

describe("sortRows", () => {
  const rows = [
    { name: "b", value: 2 },
    { name: "none", value: null },
    { name: "a", value: 3 },
    { name: "c", value: 1 },
  ];
  it("orders both ways and keeps unmeasured rows last", () => {
    expect(sortRows(rows, (row) => row.value, "asc").map((row) => row.name)).toEqual(["c", "b", "a", "none"]);
    expect(sortRows(rows, (row) => row.value, "desc").map((row) => row.name)).toEqual(["a", "b", "c", "none"]);
    expect(sortRows(rows, (row) => row.name, "asc").map((row) => row.name)).toEqual(["a", "b", "c", "none"]);
  });
});

describe("rankByInterval", () => {
  it("shares a rank among models whose intervals overlap", () => {
    const ranks = rankByInterval([
      { score: 1100, ci95: [1060, 1140] },
      { score: 1080, ci95: [1050, 1110] },
      { score: 1000, ci95: [980, 1020] },
      { score: null, ci95: null },
    ]);
    expect(ranks).toEqual([1, 1, 3, null]);
  });
});

describe("adjudication helpers", () => {
  const order = ["a", "b", "c", "d"];
  it("turns rank numbers into tie groups, closing gaps", () => {
    expect(groupsFromRanks({ a: 2, b: 1, c: 2, d: 4 }, order)).toEqual([["b"], ["a", "c"], ["d"]]);
    expect(rankOfOutputs([["b"], ["a", "c"], ["d"]])).toEqual({ b: 1, a: 2, c: 2, d: 3 });
  });

  it("suggests the labelers' mean rank, tying equal means", () => {
    const suggestion = meanRankSuggestion(
      [
        [["a"], ["b"], ["c", "d"]],
        [["b"], ["a"], ["c", "d"]],
      ],
      order,
    );
    expect(suggestion).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    expect(rankingLine(groupsFromRanks(suggestion, order), (id) => id.toUpperCase())).toBe("A = B > C = D");
  });
});

describe("wilsonInterval", () => {
  it("matches the textbook interval and stays inside [0, 1]", () => {
    const [lo, hi] = wilsonInterval(6, 15)!;
    expect(lo).toBeCloseTo(0.1982, 3);
    expect(hi).toBeCloseTo(0.6425, 3);
    expect(wilsonInterval(0, 10)![0]).toBeCloseTo(0, 12);
    expect(wilsonInterval(10, 10)![1]).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
