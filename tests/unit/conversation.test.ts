import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";
import { conversationSchema, promptMessages, readMessages, renderCompletionPrompt, renderTranscript } from "@/lib/prompts/conversation";
import { conversationRedactionText, splitConversationRedaction } from "@/lib/prompts/conversation-redact";
import { conversationDedupKey, dedupKey, promptDedupKey } from "@/lib/prompts/dedup";
import { labelerPromptContent, labelerPromptSchema } from "@/lib/prompts/labeler-prompt";
import { preparePrompt } from "@/lib/prompts/prepare";
import { promptInputSchema } from "@/lib/prompts/schema";
import { pipelineSettings } from "../support/pipeline-settings";

const chat = [
  { role: "system" as const, content: "You are terse." },
  { role: "user" as const, content: "Hi, I am planning a trip." },
  { role: "assistant" as const, content: "Where to?" },
  { role: "user" as const, content: "Lisbon." },
];

const settings = pipelineSettings({ dedupPrefixWords: 5 });

describe("conversation schema", () => {
  it("takes system, user and assistant turns ending on the user", () => {
    expect(conversationSchema.parse(chat)).toEqual(chat);
  });

  it("refuses a conversation whose last turn is not the user's, naming that turn", () => {
    const result = conversationSchema.safeParse([...chat, { role: "assistant", content: "Nice." }]);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: [4, "role"] });
    expect(result.error!.issues[0]!.message).toMatch(/last message must be from the user/);
  });

  it("refuses unknown roles and an empty list", () => {
    expect(conversationSchema.safeParse([{ role: "tool", content: "x" }]).success).toBe(false);
    expect(conversationSchema.safeParse([]).success).toBe(false);
  });

  it("a prompt is exactly one of text and messages", () => {
    expect(promptInputSchema.safeParse({ user_id: "u", messages: chat }).success).toBe(true);
    expect(promptInputSchema.safeParse({ user_id: "u", text: "hi" }).success).toBe(true);
    expect(promptInputSchema.safeParse({ user_id: "u" }).success).toBe(false);
    expect(promptInputSchema.safeParse({ user_id: "u", text: "hi", messages: chat }).success).toBe(false);
  });
});

describe("transcripts", () => {
  it("tags each turn with its role, a blank line apart", () => {
    expect(renderTranscript(chat)).toBe(
      "System: You are terse.\n\nUser: Hi, I am planning a trip.\n\nAssistant: Where to?\n\nUser: Lisbon.",
    );
  });

  it("ends a completion prompt on an open assistant cue", () => {
    expect(renderCompletionPrompt(chat.slice(1))).toBe(
      "User: Hi, I am planning a trip.\n\nAssistant: Where to?\n\nUser: Lisbon.\n\nAssistant:",
    );
  });

  it("reads stored messages, and makes a plain prompt one user turn", () => {
    expect(readMessages(null)).toBeNull();
    expect(readMessages([{ role: "user", content: "x" }])).toEqual([{ role: "user", content: "x" }]);
    expect(readMessages({ nonsense: true })).toBeNull();
    expect(promptMessages({ text: "Hello", messages: null })).toEqual([{ role: "user", content: "Hello" }]);
    expect(promptMessages({ text: "ignored", messages: chat })).toEqual(chat);
  });
});

describe("conversation redaction", () => {
  it("numbers placeholders across turns: one person is one placeholder in every turn", () => {
    const messages = [
      { role: "user" as const, content: "My colleague Margaret Thompson sent me this, email margaret.thompson@example.com." },
      { role: "assistant" as const, content: "What would you like to tell Margaret Thompson?" },
      { role: "user" as const, content: "Write to Margaret Thompson at margaret.thompson@example.com; cc john.doe@example.org." },
    ];
    const result = redact(conversationRedactionText(messages));
    const split = splitConversationRedaction(messages, result);
    expect(split.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    const all = split.messages.map((m) => m.content).join("\n");
    expect(all).not.toMatch(/Margaret|Thompson|example\.com|john\.doe/);
    expect(split.messages[0]!.content).toContain("<EMAIL_1>");
    expect(split.messages[2]!.content).toContain("<EMAIL_1>");
    expect(split.messages[2]!.content).toContain("<EMAIL_2>");
    const person = split.messages[0]!.content.match(/<PERSON_\d+>/)![0];
    expect(split.messages[1]!.content).toContain(person);
    expect(split.messages[2]!.content).toContain(person);
  });

  it("replaces both parts of a finding that crosses from one message into the next", () => {
    const messages = [
      { role: "user" as const, content: "abc" },
      { role: "user" as const, content: "def" },
    ];
    const split = splitConversationRedaction(messages, {
      redacted: "",
      findings: [{ type: "PERSON", start: 2, end: 6, confidence: 1, placeholder: "<PERSON_1>" }],
    });
    expect(split.messages.map((m) => m.content)).toEqual(["ab<PERSON_1>", "<PERSON_1>ef"]);
  });

  it("prepares a conversation: redacted turns, transcript as text, token limit over all turns", () => {
    const prepared = preparePrompt(
      {
        user_id: "u1",
        messages: [
          { role: "user", content: "Call me on +1 415 555 0132 please." },
          { role: "assistant", content: "Sure." },
          { role: "user", content: "Again: +1 415 555 0132." },
        ],
      },
      settings,
    );
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.messages![0]!.content).toBe("Call me on <PHONE_1> please.");
    expect(prepared.messages![2]!.content).toBe("Again: <PHONE_1>.");
    expect(prepared.text).toBe(renderTranscript(prepared.messages!));
    expect(prepared.redactions).toEqual([{ type: "PHONE", count: 2 }]);

    const long = preparePrompt(
      {
        user_id: "u1",
        messages: [
          { role: "user", content: "word ".repeat(600) },
          { role: "assistant", content: "ok" },
          { role: "user", content: "word ".repeat(600) },
        ],
      },
      settings,
    );
    expect(long).toMatchObject({ ok: false, code: "too_long" });
  });

  it("rejects a conversation with an empty turn, naming it", () => {
    const prepared = preparePrompt(
      {
        user_id: "u1",
        messages: [
          { role: "assistant", content: " " },
          { role: "user", content: "Hi" },
        ],
      },
      settings,
    );
    expect(prepared).toMatchObject({ ok: false, code: "empty", reason: "Message 1 (assistant) is empty." });
  });
});

describe("conversation dedup", () => {
  it("keys on the role-tagged transcript", () => {
    const messages = [{ role: "user" as const, content: "Tell me a joke" }];
    expect(conversationDedupKey(messages, 5)).toBe(dedupKey("User: Tell me a joke", 5));
    expect(conversationDedupKey(messages, 5)).not.toBe(dedupKey("Tell me a joke", 5));
  });

  it("keys a stored prompt on its conversation when it has one (as the dedup index rebuild does)", () => {
    expect(promptDedupKey({ text: renderTranscript(chat), messages: chat }, 5)).toBe(conversationDedupKey(chat, 5));
    expect(promptDedupKey({ text: "Tell me a joke", messages: null }, 5)).toBe(dedupKey("Tell me a joke", 5));
  });

  it("counts a leading system message whole, applying the prefix rule after it", () => {
    const system = { role: "system" as const, content: "You are a helpful assistant who answers every question with care and precision." };
    const a = [system, { role: "user" as const, content: "Plan a trip to Lisbon" }];
    const b = [system, { role: "user" as const, content: "Explain how rainbows form" }];
    expect(conversationDedupKey(a, 5)).not.toBe(conversationDedupKey(b, 5));
    const a2 = [system, { role: "user" as const, content: "Plan a trip to Lisbon next spring, with kids" }];
    const a3 = [system, { role: "user" as const, content: "Plan a trip to Lisbon in autumn" }];
    expect(conversationDedupKey(a2, 5)).toBe(conversationDedupKey(a3, 5));
  });
});

describe("the labeler's conversation", () => {
  it("takes turns for a plain or user-based prompt and gives the pipeline the messages", () => {
    const parsed = labelerPromptSchema.parse({ kind: "plain", category: "chat", messages: chat });
    expect(labelerPromptContent(parsed)).toEqual({ messages: chat });
    const text = labelerPromptSchema.parse({ kind: "plain", category: "chat", text: "Hello there" });
    expect(labelerPromptContent(text)).toEqual({ text: "Hello there" });
  });

  it("names the turn that is wrong", () => {
    const result = labelerPromptSchema.safeParse({
      kind: "user_based",
      category: "chat",
      use_case: "travel",
      messages: [
        { role: "user", content: "Hi" },
        { role: "system", content: "Late system" },
        { role: "assistant", content: " " },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toContain("messages.2.content");
    expect(paths).toContain("messages.1.role");
  });

  it("refuses both a text and turns", () => {
    expect(labelerPromptSchema.safeParse({ kind: "plain", category: "chat", text: "x", messages: chat }).success).toBe(false);
  });
});
