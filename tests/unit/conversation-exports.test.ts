import { describe, expect, it } from "vitest";
import { hhTranscript, type Ranking, rankOutputs, toBatchRecord, toDemonstrationRecord, toPairRecords } from "@/lib/exports/formats";
import { modelInput } from "@/lib/models/openai-client";
import type { ConversationMessage } from "@/lib/prompts/conversation";
import { renderTranscript } from "@/lib/prompts/conversation";

const messages: ConversationMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Name a colour." },
  { role: "assistant", content: "Blue." },
  { role: "user", content: "Another?" },
];
const conversation = { id: "p1", text: renderTranscript(messages), category: "chat", messages };

function ranking(prompt: Ranking["prompt"]): Ranking {
  const outputs = new Map([
    ["a", { model: "m", text: "Green." }],
    ["b", { model: "m", text: "Red." }],
  ]);
  return {
    group_id: "g1",
    task_id: "t1",
    prompt,
    outputs: rankOutputs([["a"], ["b"]], outputs, {}),
    tie_groups: [["a"], ["b"]],
    prompt_labels: { category: null, flags: [] },
    labeler: "labeler_x",
    instructions_version: 1,
    split: "train",
    note: null,
    duration_ms: null,
    created_at: "2026-12-04T00:00:00.000Z",
  };
}

const pair = (format: Parameters<typeof toPairRecords>[1], prompt: Ranking["prompt"] = conversation) =>
  toPairRecords(ranking(prompt), format, { includeTies: false })[0] as Record<string, unknown>;

describe("conversation exports", () => {
  it("batches carry prompt.messages; plain prompts carry none", () => {
    expect(toBatchRecord(ranking(conversation)).prompt.messages).toEqual(messages);
    expect(toBatchRecord(ranking({ id: "p2", text: "Hi", category: null })).prompt).toEqual({ id: "p2", text: "Hi", category: null });
  });

  it("trl-conversational and openai put the history in their message lists", () => {
    expect(pair("trl-conversational")).toMatchObject({
      prompt: messages,
      chosen: [{ role: "assistant", content: "Green." }],
      rejected: [{ role: "assistant", content: "Red." }],
    });
    expect(pair("openai")).toMatchObject({ input: { messages }, preferred_output: [{ role: "assistant", content: "Green." }] });
  });

  it("hh writes every turn, system text first, then the reply", () => {
    expect(pair("hh").chosen).toBe("Be brief.\n\nHuman: Name a colour.\n\nAssistant: Blue.\n\nHuman: Another?\n\nAssistant: Green.");
    expect(hhTranscript({ text: "Hi", messages: messages.slice(1) }, "Yo")).toBe(
      "\n\nHuman: Name a colour.\n\nAssistant: Blue.\n\nHuman: Another?\n\nAssistant: Yo",
    );
  });

  it("trl standard ends the prompt on an Assistant cue and the reply follows after a space", () => {
    expect(pair("trl")).toMatchObject({
      prompt: "System: Be brief.\n\nUser: Name a colour.\n\nAssistant: Blue.\n\nUser: Another?\n\nAssistant:",
      chosen: " Green.",
      rejected: " Red.",
    });
    expect(pair("pairs").prompt_messages).toEqual(messages);
  });

  it("plain-text prompts' records are unchanged", () => {
    const plain = { id: "p2", text: "Hi", category: null };
    expect(pair("trl", plain)).toEqual({ prompt: "Hi", chosen: "Green.", rejected: "Red.", group_id: "g1" });
    expect(pair("hh", plain)).toEqual({
      chosen: "\n\nHuman: Hi\n\nAssistant: Green.",
      rejected: "\n\nHuman: Hi\n\nAssistant: Red.",
      group_id: "g1",
    });
    expect(pair("openai", plain).input).toEqual({ messages: [{ role: "user", content: "Hi" }] });
    expect(pair("pairs", plain)).not.toHaveProperty("prompt_messages");
  });

  it("sft and messages end with the demonstration as the assistant turn", () => {
    const row = {
      group_id: "d1",
      prompt: { id: "p1", text: conversation.text, messages },
      text: "Purple.",
      labeler: "labeler_x",
      split: "train",
      created_at: "2026-12-04T00:00:00.000Z",
      instructions_version: 1,
    };
    expect(toDemonstrationRecord(row, "messages").messages).toEqual([...messages, { role: "assistant", content: "Purple." }]);
    expect(toDemonstrationRecord(row, "sft")).toMatchObject({ prompt: `${conversation.text}\n\nAssistant:`, completion: " Purple." });
    const plain = { ...row, prompt: { id: "p2", text: "Hi" } };
    expect(toDemonstrationRecord(plain, "sft")).toMatchObject({ prompt: "Hi", completion: "Purple." });
    expect(toDemonstrationRecord(plain, "messages").messages).toEqual([
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Purple." },
    ]);
  });
});

describe("generation input", () => {
  it("gives chat endpoints the messages and completion endpoints the transcript with an assistant cue", () => {
    expect(modelInput("chat", { text: "ignored", messages })).toEqual({ messages });
    expect(modelInput("completions", { text: "ignored", messages })).toEqual({ prompt: `${renderTranscript(messages)}\n\nAssistant:` });
    expect(modelInput("chat", "Hi")).toEqual({ messages: [{ role: "user", content: "Hi" }] });
    expect(modelInput("completions", { text: "Hi", messages: null })).toEqual({ prompt: "Hi" });
  });
});
