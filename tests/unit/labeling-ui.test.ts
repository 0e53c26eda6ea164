// The ranking screen's pure logic: bucket moves, ties, prefill from ratings, completeness,
// the submission body and the localStorage draft.
import { describe, expect, it } from "vitest";
import {
  bucketsFromRatings,
  chipAfterPlacing,
  describeMissing,
  draftHasWork,
  draftKey,
  emptyDraft,
  firstStop,
  insertAsRank,
  isComplete,
  missingParts,
  moveDown,
  moveToBucket,
  moveUp,
  normalise,
  parseDraft,
  type RankingAnswer,
  type Ratings,
  rankOf,
  setLikert,
  sortByLikert,
  staleDraftKeys,
  stepOutput,
  stopAfterRating,
  tieWithAbove,
  toggleOutputFlag,
  togglePromptFlag,
  toRankingSubmission,
  unrank,
  unranked,
} from "@/components/labeling/labeler/ranking-state";
import { rankingSubmissionSchema } from "@/lib/labeling/schema";

const outputs = ["a", "b", "c", "d"].map((id, i) => ({ id, label: "ABCD"[i]! }));
const order = outputs.map((o) => o.id);

describe("normalise", () => {
  it("drops empty buckets, unknown ids and repeats (first placement wins)", () => {
    expect(normalise([[], ["a", "x"], ["b", "a"], []], order)).toEqual([["a"], ["b"]]);
  });
  it("keeps everything when no ids are given", () => {
    expect(normalise([["q"], [], ["r", "q"]])).toEqual([["q"], ["r"]]);
  });
});

describe("moveToBucket", () => {
  it("puts an unranked output into an existing bucket as a tie", () => {
    expect(moveToBucket([["a"], ["b"]], "c", 1)).toEqual([["a"], ["b", "c"]]);
  });
  it("makes a new last rank for an index past the end", () => {
    expect(moveToBucket([["a"]], "b", 5)).toEqual([["a"], ["b"]]);
  });
  it("counts indices as the labeler sees them, before the output leaves its own bucket", () => {
    // a is alone in rank 1; pressing 3 means "tie with c", even though rank 1 then disappears.
    expect(moveToBucket([["a"], ["b"], ["c"]], "a", 2)).toEqual([["b"], ["c", "a"]]);
  });
  it("leaves an output alone in its own bucket where it is", () => {
    expect(moveToBucket([["a"], ["b"]], "a", 0)).toEqual([["a"], ["b"]]);
  });
  it("clamps negative indices to the top", () => {
    expect(moveToBucket([["a"]], "b", -3)).toEqual([["a", "b"]]);
  });
});

describe("insertAsRank (dropping between buckets)", () => {
  it("opens a new rank between two buckets", () => {
    expect(insertAsRank([["a"], ["b"]], "c", 1)).toEqual([["a"], ["c"], ["b"]]);
  });
  it("pulls an output out of a tie into its own rank above it", () => {
    expect(insertAsRank([["a", "b"], ["c"]], "b", 0)).toEqual([["b"], ["a"], ["c"]]);
  });
  it("appends at the end and at the top", () => {
    expect(insertAsRank([["a"]], "b", 1)).toEqual([["a"], ["b"]]);
    expect(insertAsRank([["a"]], "b", 0)).toEqual([["b"], ["a"]]);
  });
});

describe("moveUp / moveDown", () => {
  it("swaps a lone output with the rank above or below", () => {
    expect(moveUp([["a"], ["b"], ["c"]], "b")).toEqual([["b"], ["a"], ["c"]]);
    expect(moveDown([["a"], ["b"], ["c"]], "a")).toEqual([["b"], ["a"], ["c"]]);
    expect(moveDown([["a"], ["b"], ["c"]], "b")).toEqual([["a"], ["c"], ["b"]]);
  });
  it("swaps a lone output past a tie group as a whole", () => {
    expect(moveUp([["a", "b"], ["c"]], "c")).toEqual([["c"], ["a", "b"]]);
    expect(moveDown([["c"], ["a", "b"]], "c")).toEqual([["a", "b"], ["c"]]);
  });
  it("first breaks a tie: the output gets its own rank just above or below its group", () => {
    expect(moveUp([["a"], ["b", "c"]], "c")).toEqual([["a"], ["c"], ["b"]]);
    expect(moveDown([["a"], ["b", "c"]], "b")).toEqual([["a"], ["c"], ["b"]]);
  });
  it("does nothing at the ends", () => {
    const buckets = [["a"], ["b"]];
    expect(moveUp(buckets, "a")).toBe(buckets);
    expect(moveDown(buckets, "b")).toBe(buckets);
  });
  it("places an unranked output as the last rank", () => {
    expect(moveUp([["a"]], "b")).toEqual([["a"], ["b"]]);
    expect(moveDown([], "b")).toEqual([["b"]]);
  });
});

describe("tieWithAbove", () => {
  it("joins the rank above", () => {
    expect(tieWithAbove([["a"], ["b"], ["c"]], "c")).toEqual([["a"], ["b", "c"]]);
  });
  it("joins the rank above from inside a tie", () => {
    expect(tieWithAbove([["a"], ["b", "c"]], "c")).toEqual([["a", "c"], ["b"]]);
  });
  it("does nothing at the top", () => {
    const buckets = [["a", "b"], ["c"]];
    expect(tieWithAbove(buckets, "a")).toBe(buckets);
  });
  it("ties an unranked output with the last rank, or leaves it when nothing is ranked", () => {
    expect(tieWithAbove([["a"], ["b"]], "c")).toEqual([["a"], ["b", "c"]]);
    expect(tieWithAbove([], "c")).toEqual([]);
  });
});

describe("unrank, rankOf, unranked", () => {
  it("takes an output back out and reports ranks", () => {
    const buckets = unrank([["a"], ["b", "c"]], "a");
    expect(buckets).toEqual([["b", "c"]]);
    expect(rankOf(buckets, "c")).toBe(0);
    expect(rankOf(buckets, "a")).toBe(-1);
    expect(unranked(buckets, order)).toEqual(["a", "d"]);
  });
});

describe("bucketsFromRatings", () => {
  it("orders by Likert, ties equal ratings, keeps display order inside a tie", () => {
    const ratings: Ratings = {
      a: { likert: 4, flags: [] },
      b: { likert: 6, flags: [] },
      c: { likert: 4, flags: [] },
      d: { likert: 7, flags: [] },
    };
    expect(bucketsFromRatings(ratings, order)).toEqual([["d"], ["b"], ["a", "c"]]);
  });
  it("leaves unrated outputs unranked", () => {
    expect(bucketsFromRatings({ a: { likert: 2, flags: [] }, b: { likert: null, flags: ["hallucination"] } }, order)).toEqual([["a"]]);
  });
});

describe("ratings and flags", () => {
  it("sets a Likert without touching flags, and keeps flags in the paper's order", () => {
    let ratings = toggleOutputFlag({}, "a", "hallucination", true);
    ratings = toggleOutputFlag(ratings, "a", "fails_to_follow_instruction", true);
    ratings = setLikert(ratings, "a", 3);
    expect(ratings.a).toEqual({ likert: 3, flags: ["fails_to_follow_instruction", "hallucination"] });
    expect(toggleOutputFlag(ratings, "a", "hallucination", false).a!.flags).toEqual(["fails_to_follow_instruction"]);
  });
  it("toggles prompt flags in the paper's order", () => {
    expect(togglePromptFlag(togglePromptFlag([], "intent_unclear", true), "ambiguous", true)).toEqual(["ambiguous", "intent_unclear"]);
    expect(togglePromptFlag(["ambiguous"], "ambiguous", false)).toEqual([]);
  });
});

function answer(patch: Partial<RankingAnswer> = {}): RankingAnswer {
  const ratings: Ratings = Object.fromEntries(order.map((id, i) => [id, { likert: 7 - i, flags: [] }]));
  return { ratings, buckets: [["a"], ["b", "c"], ["d"]], category: "open_qa", promptFlags: [], note: "", ...patch };
}

describe("completeness", () => {
  it("names what is missing, by label", () => {
    const missing = missingParts(outputs, {
      ratings: { a: { likert: 3, flags: [] }, b: { likert: null, flags: [] } },
      buckets: [["c"]],
      category: "",
    });
    expect(missing).toEqual({ unrated: ["B", "C", "D"], unranked: ["A", "B", "D"], category: true });
    expect(isComplete(missing)).toBe(false);
    expect(describeMissing(missing)).toEqual(["Rate B, C and D.", "Rank A, B and D.", "Choose the prompt's category."]);
  });
  it("is complete when every output is rated and ranked and a category chosen", () => {
    const missing = missingParts(outputs, answer());
    expect(isComplete(missing)).toBe(true);
    expect(describeMissing(missing)).toEqual([]);
  });
});

describe("toRankingSubmission", () => {
  it("builds a body the server's schema accepts", () => {
    const body = toRankingSubmission(outputs, answer({ note: "  close call  ", promptFlags: ["ambiguous"] }), 12_345.6);
    expect(body).not.toBeNull();
    expect(rankingSubmissionSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      ranking: [["a"], ["b", "c"], ["d"]],
      prompt_labels: { category: "open_qa", flags: ["ambiguous"] },
      note: "close call",
      duration_ms: 12_346,
    });
    expect(body!.ratings.a).toEqual({ likert: 7, flags: [] });
  });
  it("omits an empty note and refuses an incomplete answer", () => {
    expect(toRankingSubmission(outputs, answer())).not.toHaveProperty("note");
    expect(toRankingSubmission(outputs, answer({ category: "" }))).toBeNull();
    expect(toRankingSubmission(outputs, answer({ buckets: [["a"]] }))).toBeNull();
  });
});

describe("drafts", () => {
  it("round-trips through JSON and is keyed by task id", () => {
    const draft = {
      ...emptyDraft("t1", "ranking", 1000),
      ratings: { a: { likert: 5, flags: ["hallucination" as const] } },
      buckets: [["a"]],
      category: "chat" as const,
    };
    expect(draftKey("t1")).toBe("ranklab:task-draft:t1");
    expect(parseDraft(JSON.stringify(draft), "t1", order)).toEqual(draft);
    expect(draftHasWork(draft)).toBe(true);
    expect(draftHasWork(emptyDraft("t1", "ranking", 0))).toBe(false);
  });
  it("rejects another task's draft and garbage", () => {
    const draft = emptyDraft("t1", "ranking", 1000);
    expect(parseDraft(JSON.stringify(draft), "t2", order)).toBeNull();
    expect(parseDraft("{not json", "t1", order)).toBeNull();
    expect(parseDraft(null, "t1", order)).toBeNull();
    expect(parseDraft(JSON.stringify({ v: 2 }), "t1", order)).toBeNull();
  });
  it("cuts ratings and buckets down to the task's outputs and drops unknown flags", () => {
    const raw = JSON.stringify({
      ...emptyDraft("t1", "ranking", 1000),
      ratings: { a: { likert: 5, flags: ["hallucination", "made_up"] }, zz: { likert: 1, flags: [] } },
      buckets: [["zz"], ["a", "a"], []],
      promptFlags: ["intent_unclear", "nope"],
      category: "not-a-category",
    });
    const draft = parseDraft(raw, "t1", order)!;
    expect(draft.ratings).toEqual({ a: { likert: 5, flags: ["hallucination"] } });
    expect(draft.buckets).toEqual([["a"]]);
    expect(draft.promptFlags).toEqual(["intent_unclear"]);
    expect(draft.category).toBe("");
  });
  it("finds stale and unreadable drafts, and leaves other keys alone", () => {
    const now = 100 * 24 * 3600_000;
    const fresh = JSON.stringify(emptyDraft("new", "ranking", now - 1000));
    const old = JSON.stringify(emptyDraft("old", "ranking", now - 30 * 24 * 3600_000));
    expect(
      staleDraftKeys(
        [
          [draftKey("new"), fresh],
          [draftKey("old"), old],
          [draftKey("bad"), "{"],
          ["ranklab:prompt-draft:x", "{"],
        ],
        now,
      ),
    ).toEqual([draftKey("old"), draftKey("bad")]);
  });
});

describe("sortByLikert", () => {
  const ratings: Ratings = { a: { likert: 3, flags: [] }, b: { likert: 6, flags: [] }, c: { likert: 3, flags: [] } };
  it("returns the hand-made ranking it replaced, so it can be undone", () => {
    expect(sortByLikert([["a"], ["b"]], ratings, order)).toEqual({ buckets: [["b"], ["a", "c"]], replaced: [["a"], ["b"]] });
  });
  it("offers no undo when there was nothing, or the same ranking, before", () => {
    expect(sortByLikert([], ratings, order).replaced).toBeNull();
    expect(sortByLikert([["b"], ["a", "c"]], ratings, order).replaced).toBeNull();
  });
});

describe("keyboard focus", () => {
  const rated = (...ids: string[]): Ratings => Object.fromEntries(ids.map((id) => [id, { likert: 4, flags: [] }]));
  it("starts at the first unrated output, then the first unranked, then the category, then submit", () => {
    expect(firstStop(outputs, { ratings: rated("a"), buckets: [], category: "" })).toEqual({ kind: "output", label: "B" });
    expect(firstStop(outputs, { ratings: rated(...order), buckets: [["b"]], category: "" })).toEqual({ kind: "chip", id: "a" });
    expect(firstStop(outputs, { ratings: rated(...order), buckets: [order], category: "" })).toEqual({ kind: "category" });
    expect(firstStop(outputs, { ratings: rated(...order), buckets: [order], category: "chat" })).toEqual({ kind: "submit" });
  });
  it("moves on from a first rating to the next unrated output, wrapping round", () => {
    const answer = { ratings: rated("b", "c", "d"), buckets: [], category: "" as const };
    expect(stopAfterRating(outputs, answer, "C", false)).toEqual({ kind: "output", label: "A" });
    expect(stopAfterRating(outputs, { ...answer, ratings: rated(...order) }, "A", false)).toEqual({ kind: "chip", id: "a" });
  });
  it("stays on an output whose rating was changed", () => {
    expect(stopAfterRating(outputs, { ratings: rated("a"), buckets: [], category: "" }, "A", true)).toBeNull();
  });
  it("steps between outputs without leaving the list", () => {
    expect(stepOutput(4, -1, 1)).toBe(0);
    expect(stepOutput(4, -1, -1)).toBe(3);
    expect(stepOutput(4, 3, 1)).toBe(3);
    expect(stepOutput(4, 0, -1)).toBe(0);
    expect(stepOutput(4, 1, 1)).toBe(2);
  });
  it("after placing an unranked card, goes to the next unranked one; a ranked card keeps focus", () => {
    expect(chipAfterPlacing([], [["b"]], "b", order)).toBe("c");
    expect(chipAfterPlacing([["b"], ["c"], ["d"]], [["b"], ["c"], ["d"], ["a"]], "a", order)).toBe("a");
    expect(chipAfterPlacing([["a"]], [["a"], ["d"]], "d", order)).toBe("b");
    expect(chipAfterPlacing([["a"], ["b"]], [["b"], ["a"]], "a", order)).toBe("a");
  });
});
