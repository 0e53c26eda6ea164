import { describe, expect, it } from "vitest";
import { type Ranking, rankOutputs, toBatchRecord, toDemonstrationRecord, toPairRecords } from "@/lib/exports/formats";

function ranking(groups: string[][]): Ranking {
  const ids = groups.flat();
  const outputs = new Map(ids.map((id, i) => [id, { model: `model-${i % 2}`, text: `text ${id}` }]));
  const ratings = Object.fromEntries(ids.map((id, i) => [id, { likert: 7 - i, flags: i ? [] : ["hallucination"] }]));
  return {
    group_id: "g1",
    task_id: "t1",
    prompt: { id: "p1", text: "Write a haiku", category: "generation" },
    outputs: rankOutputs(groups, outputs, ratings),
    tie_groups: groups,
    prompt_labels: { category: "generation", flags: [] },
    labeler: "labeler_abc",
    instructions_version: 2,
    split: "train",
    note: null,
    duration_ms: 1000,
    created_at: "2026-11-28T00:00:00.000Z",
  };
}

const choose2 = (k: number) => (k * (k - 1)) / 2;

describe("batches", () => {
  it("carry every output with its rank, the tie groups and all (better, worse) pairs", () => {
    const record = toBatchRecord(ranking([["a"], ["b", "c"], ["d"]]));
    expect(record.outputs.map((o) => [o.id, o.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 3],
    ]);
    expect(record.outputs[0]).toMatchObject({ model: "model-0", likert: 7, flags: ["hallucination"] });
    expect(record.pairs).toEqual([
      ["a", "b"],
      ["a", "c"],
      ["a", "d"],
      ["b", "d"],
      ["c", "d"],
    ]);
    expect(record.tied_pairs).toEqual([["b", "c"]]);
    expect(record).toMatchObject({ group_id: "g1", labeler: "labeler_abc", instructions_version: 2, split: "train" });
  });
});

describe("pair formats", () => {
  it("give C(K,2) − tied pairs per ranking for K = 4..9, with ties only when asked, marked", () => {
    for (let k = 4; k <= 9; k++) {
      const ids = Array.from({ length: k }, (_, i) => `o${i}`);
      const groups = [[ids[0]!, ids[1]!], ...ids.slice(2).map((id) => [id])];
      expect(toPairRecords(ranking(groups), "pairs", { includeTies: false })).toHaveLength(choose2(k) - 1);
      const withTies = toPairRecords(ranking(groups), "pairs", { includeTies: true });
      expect(withTies).toHaveLength(choose2(k));
      expect(withTies.filter((r) => (r as { tie: boolean }).tie)).toHaveLength(1);
    }
  });

  it("use each trainer's field layout, always with the group id", () => {
    const r = ranking([["a"], ["b"], ["c"], ["d"]]);
    expect(toPairRecords(r, "trl", { includeTies: false })[0]).toEqual({
      prompt: "Write a haiku",
      chosen: "text a",
      rejected: "text b",
      group_id: "g1",
    });
    expect(toPairRecords(r, "trl-conversational", { includeTies: false })[0]).toEqual({
      prompt: [{ role: "user", content: "Write a haiku" }],
      chosen: [{ role: "assistant", content: "text a" }],
      rejected: [{ role: "assistant", content: "text b" }],
      group_id: "g1",
    });
    expect(toPairRecords(r, "openai", { includeTies: false })[0]).toEqual({
      input: { messages: [{ role: "user", content: "Write a haiku" }] },
      preferred_output: [{ role: "assistant", content: "text a" }],
      non_preferred_output: [{ role: "assistant", content: "text b" }],
      group_id: "g1",
    });
    expect(toPairRecords(r, "hh", { includeTies: false })[0]).toEqual({
      chosen: "\n\nHuman: Write a haiku\n\nAssistant: text a",
      rejected: "\n\nHuman: Write a haiku\n\nAssistant: text b",
      group_id: "g1",
    });
    expect(toPairRecords(r, "pairs", { includeTies: false })[0]).toEqual({
      group_id: "g1",
      prompt: "Write a haiku",
      chosen: "text a",
      rejected: "text b",
      chosen_model: "model-0",
      rejected_model: "model-1",
      chosen_rank: 1,
      rejected_rank: 2,
      chosen_likert: 7,
      rejected_likert: 6,
      tie: false,
      split: "train",
    });
  });

  it("keep only pairs with the requested model", () => {
    const records = toPairRecords(ranking([["a"], ["b"], ["c"], ["d"]]), "pairs", { includeTies: false, model: "model-1" });
    for (const record of records as { chosen_model: string; rejected_model: string }[]) {
      expect([record.chosen_model, record.rejected_model]).toContain("model-1");
    }
    expect(records).toHaveLength(5);
  });
});

describe("demonstrations", () => {
  const row = {
    group_id: "s1",
    prompt: { id: "p1", text: "Say hi" },
    text: "Hi!",
    labeler: "labeler_x",
    split: "valid",
    created_at: "t",
    instructions_version: 1,
  };
  it("come as prompt/completion or as chat messages", () => {
    expect(toDemonstrationRecord(row, "sft")).toMatchObject({ prompt: "Say hi", completion: "Hi!", group_id: "s1" });
    expect(toDemonstrationRecord(row, "messages")).toEqual({
      messages: [
        { role: "user", content: "Say hi" },
        { role: "assistant", content: "Hi!" },
      ],
      group_id: "s1",
      split: "valid",
    });
  });
});
