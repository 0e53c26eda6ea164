import { describe, expect, it } from "vitest";
import { displayOrderFor } from "@/lib/labeling/display-order";
import {
  answerByOutput,
  distinguishingSnippets,
  outputLabel,
  rankingContradictions,
  rankingToPairs,
  validateRankingSubmission,
} from "@/lib/labeling/ranking";

const choose2 = (k: number) => (k * (k - 1)) / 2;

describe("ranking → pairs", () => {
  it("yields C(K,2) pairs minus tied ones, for every K from 4 to 9", () => {
    for (let k = 4; k <= 9; k++) {
      const ids = Array.from({ length: k }, (_, i) => `o${i}`);
      const strict = rankingToPairs(ids.map((id) => [id]));
      expect(strict.pairs).toHaveLength(choose2(k));
      expect(strict.ties).toHaveLength(0);
      const withTies = rankingToPairs([[ids[0]!, ids[1]!], ids.slice(2, 5), ids.slice(5)]);
      expect(withTies.pairs.length + withTies.ties.length).toBe(choose2(k));
      expect(withTies.ties).toHaveLength(1 + choose2(Math.min(3, k - 2)) + choose2(Math.max(0, k - 5)));
    }
  });

  it("orders every pair better-first and never pairs tied outputs", () => {
    const { pairs, ties } = rankingToPairs([["a"], ["b", "c"], ["d"]]);
    expect(pairs).toEqual([
      ["a", "b"],
      ["a", "c"],
      ["a", "d"],
      ["b", "d"],
      ["c", "d"],
    ]);
    expect(ties).toEqual([["b", "c"]]);
  });
});

describe("ranking validation", () => {
  const ids = ["a", "b", "c", "d"];
  const ratings = Object.fromEntries(ids.map((id) => [id, { likert: 4, flags: [] }]));
  const base = { ratings, ranking: [["a"], ["b", "c"], ["d"]], prompt_labels: { category: "chat" as const, flags: [] } };

  it("accepts a complete ordering into tie groups", () => {
    expect(validateRankingSubmission(ids, base)).toEqual([]);
    expect(validateRankingSubmission(ids, { ...base, ranking: [ids] })).toEqual([]);
  });

  it("names missing ratings, unknown and repeated outputs, and unranked ones", () => {
    const { a: _dropped, ...withoutA } = ratings;
    expect(validateRankingSubmission(ids, { ...base, ratings: withoutA })).toEqual([
      { path: "ratings.a", message: "This output has no rating." },
    ]);
    expect(validateRankingSubmission(ids, { ...base, ratings: { ...ratings, z: { likert: 1, flags: [] } } })[0]!.path).toBe("ratings.z");
    expect(
      validateRankingSubmission(ids, {
        ...base,
        ranking: [
          ["a", "a"],
          ["b", "c", "d"],
        ],
      })[0],
    ).toEqual({ path: "ranking.0.1", message: "This output is ranked twice." });
    expect(validateRankingSubmission(ids, { ...base, ranking: [["a"], ["b", "c"]] })).toEqual([
      { path: "ranking", message: "Output d is not ranked." },
    ]);
    expect(
      validateRankingSubmission(ids, {
        ...base,
        ranking: [
          ["a", "x"],
          ["b", "c", "d"],
        ],
      })[0]!.message,
    ).toBe("No such output in this task.");
  });
});

describe("display order", () => {
  it("is a stable permutation per assignment and differs between assignments", () => {
    const ids = Array.from({ length: 9 }, (_, i) => `out-${i}`);
    const order = displayOrderFor(ids, "assignment-1");
    expect(displayOrderFor(ids, "assignment-1")).toEqual(order);
    expect([...order].sort()).toEqual([...ids].sort());
    const orders = new Set(Array.from({ length: 20 }, (_, i) => displayOrderFor(ids, `assignment-${i}`).join()));
    expect(orders.size).toBeGreaterThan(15);
    expect([0, 1, 8].map(outputLabel)).toEqual(["A", "B", "I"]);
  });
});

describe("distinguishingSnippets", () => {
  it("starts each snippet where outputs that open alike part ways", () => {
    const [a, b, c] = distinguishingSnippets([
      "Great question! Here is how it works: chaining keeps a list per bucket.",
      "Great question! Here is how it works: open addressing probes for a slot.",
      "No.",
    ]);
    expect(a).toBe("…chaining keeps a list per bucket.");
    expect(b).toBe("…open addressing probes for a slot.");
    expect(c).toBe("No.");
  });
  it("ignores a word or two in common, Markdown marks and case", () => {
    expect(distinguishingSnippets(["The **cat** sat.", "the dog ran."])).toEqual(["The cat sat.", "the dog ran."]);
    expect(distinguishingSnippets(["## Steps\n- one\n- two", "```py\nx = 1\n```"])).toEqual(["Steps one two", "x = 1"]);
    expect(distinguishingSnippets(["| A | B |\n|---|:--:|\n| 1 | 2 |", "> Call <PERSON_1> about my_var, 3. or *so*"])).toEqual([
      "A B 1 2",
      "Call <PERSON_1> about my_var, 3. or so",
    ]);
  });
  it("keeps six words or so, even of an output that is all shared opening, and says when one is empty", () => {
    const long = "Sure, here is a short answer to the question you asked about maps and sets today";
    const [whole, prefix, empty] = distinguishingSnippets([`${long} with details.`, long, "  "]);
    expect(whole).toBe("…maps and sets today with details.");
    expect(prefix!.startsWith("…")).toBe(true);
    expect(prefix!.endsWith("sets today")).toBe(true);
    expect(empty).toBe("(empty)");
  });
  it("cuts at a word near the limit", () => {
    const [snippet] = distinguishingSnippets([Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ")], 40);
    expect(snippet!.length).toBeLessThanOrEqual(41);
    expect(snippet!.endsWith("…")).toBe(true);
  });
});

describe("rankingContradictions", () => {
  it("lists outputs ranked above one rated higher, largest disagreement first", () => {
    const found = rankingContradictions([["a"], ["b"], ["c", "d"]], { a: 3, b: 7, c: 6, d: 2 });
    expect(found).toEqual([
      { better: "a", worse: "b", betterLikert: 3, worseLikert: 7 },
      { better: "a", worse: "c", betterLikert: 3, worseLikert: 6 },
    ]);
  });
  it("finds none when the ranking follows the ratings, ties included", () => {
    expect(rankingContradictions([["a", "b"], ["c"]], { a: 5, b: 7, c: 2 })).toEqual([]);
    expect(rankingContradictions([["a"], ["b"]], { a: null, b: 7 })).toEqual([]);
  });
});

describe("answerByOutput", () => {
  it("reads a stored answer per output: rank of its group, tie, rating and flags", () => {
    expect(
      answerByOutput(["a", "b", "c", "d"], [["b"], ["a", "c"], ["x"]], { a: { likert: 4, flags: ["hallucination"] }, b: { likert: 7 } }),
    ).toEqual({
      a: { rank: 2, tied: true, likert: 4, flags: ["hallucination"] },
      b: { rank: 1, tied: false, likert: 7, flags: [] },
      c: { rank: 2, tied: true, likert: null, flags: [] },
      d: { rank: null, tied: false, likert: null, flags: [] },
    });
  });
});
