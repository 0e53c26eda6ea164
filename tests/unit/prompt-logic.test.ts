import { hash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderTranscript } from "@/lib/prompts/conversation";
import { decideBatch, type QuotaState } from "@/lib/prompts/decide";
import { conversationDedupKey, dedupKey, dedupWords } from "@/lib/prompts/dedup";
import { labelerPromptSchema, labelerPromptStructure, renderLabelerPrompt } from "@/lib/prompts/labeler-prompt";
import { type PreparedPrompt, prepareAdmitted, preparePrompt, stringsToRedact } from "@/lib/prompts/prepare";
import { endUserRef, splitForUser } from "@/lib/prompts/split";
import { countTokens, exceedsTokenLimit } from "@/lib/prompts/tokens";
import { pipelineSettings } from "../support/pipeline-settings";

const settings = pipelineSettings({ dedupPrefixWords: 5, maxPromptTokens: 50 });

describe("dedup keys", () => {
  it("fold case, whitespace and compatibility forms", () => {
    expect(dedupWords("  Hello\tWORLD\n ｆｕｌｌ ")).toEqual(["hello", "world", "full"]);
    expect(dedupWords("  One two\nthree four", 2)).toEqual(["one", "two"]);
  });

  it("match prompts sharing the first N words", () => {
    expect(dedupKey("one two three four five six", 5)).toBe(dedupKey("ONE two  three four five and more", 5));
    expect(dedupKey("one two three four five six", 5)).not.toBe(dedupKey("one two three four six five", 5));
  });

  it("match shorter prompts only when equal", () => {
    expect(dedupKey("one two three", 5)).toBe(dedupKey("One  Two three", 5));
    expect(dedupKey("one two three", 5)).not.toBe(dedupKey("one two three four", 5));
    expect(dedupKey("one two three four", 5)).not.toBe(dedupKey("one two three four five six", 5));
  });

  // Stored keys decide which prompts are duplicates: however a key is worked out, it must stay the
  // hash of dedupWords's words (the definition), on ASCII and Unicode text alike.
  it("are the hash of dedupWords's words, whatever the text", () => {
    const definition = (head: string[], words: string[], prefixWords: number) => {
      const digest = hash("sha256", [...head, ...words].join(" "), "buffer").subarray(0, 16);
      return Buffer.concat([Buffer.from([words.length >= prefixWords ? 0 : 1]), digest]).toString("base64");
    };
    const pieces = ["a", "B", "Word", "ÉCOLE", "ｆｕｌｌ", "ß", "İ", "ΟΔΟΣ", "\u0301", "e\u0301", "\u00a8", "\u00a0", "\u2003", "\u3000"];
    pieces.push("\ufeff", "\u2028", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "ﬁ", "😀", "Ⅻ", "<EMAIL_1>", "\u0085", "\u200b", '"', "\\");
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: next(30) }, () => pieces[next(pieces.length)]).join("");
      for (const prefixWords of [1, 3, 20])
        expect(dedupKey(text, prefixWords)).toBe(definition([], dedupWords(text, prefixWords), prefixWords));
      const messages = [
        { role: "system" as const, content: text },
        { role: "user" as const, content: `${text.slice(2)} more` },
      ];
      expect(conversationDedupKey(messages, 3)).toBe(
        definition(dedupWords(renderTranscript(messages.slice(0, 1))), dedupWords(renderTranscript(messages.slice(1)), 3), 3),
      );
    }
  });
});

describe("splits", () => {
  it("are stable per user and salt, and follow the proportions", () => {
    const ref = endUserRef("salt", "user-42");
    expect(endUserRef("salt", "user-42")).toBe(ref);
    expect(endUserRef("other-salt", "user-42")).not.toBe(ref);
    const counts = { train: 0, valid: 0, test: 0 };
    for (let i = 0; i < 10_000; i++) counts[splitForUser(endUserRef("salt", `u${i}`), { train: 80, valid: 10, test: 10 })]++;
    expect(counts.train / 10_000).toBeCloseTo(0.8, 1);
    expect(counts.valid / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.test / 10_000).toBeCloseTo(0.1, 1);
    expect(splitForUser(ref, { train: 100, valid: 0, test: 0 })).toBe("train");
    expect(splitForUser(ref, { train: 0, valid: 0, test: 100 })).toBe("test");
  });

  // Stored end users keep the split they were drawn: however the draw is read from the
  // pseudonym, it must stay the point its first four bytes give (the definition).
  it("are drawn from the first 32 bits of the pseudonym's bytes", () => {
    const definition = (ref: string, proportions: { train: number; valid: number; test: number }) => {
      const total = proportions.train + proportions.valid + proportions.test;
      const point = (Buffer.from(ref, "base64url").readUInt32BE(0) / 2 ** 32) * total;
      return point < proportions.train ? "train" : point < proportions.train + proportions.valid ? "valid" : "test";
    };
    const proportionsList = [
      { train: 80, valid: 10, test: 10 },
      { train: 33, valid: 33, test: 34 },
      { train: 1, valid: 98, test: 1 },
      { train: 50, valid: 0, test: 50 },
    ];
    for (let i = 0; i < 5_000; i++) {
      const ref = endUserRef(`salt-${i % 7}`, `user-${i}`);
      for (const proportions of proportionsList) expect(splitForUser(ref, proportions)).toBe(definition(ref, proportions));
    }
  });
});

describe("preparing a prompt", () => {
  it("takes the end user's identity when the caller has it, and then needs no redaction of the ID", () => {
    const input = { text: "Plan a trip to the coast for the weekend", user_id: "known-user" };
    expect(stringsToRedact(input)).toEqual([input.text, input.user_id]);
    expect(stringsToRedact(input, false)).toEqual([input.text]);
    const redactOnlyTheText = (text: string) => {
      if (text !== input.text) throw new Error(`redacted ${text}`);
      return { redacted: text, findings: [] };
    };
    const prepared = prepareAdmitted(input, settings, redactOnlyTheText, { userRef: "ref-given", userLabel: "label-given" });
    expect(prepared).toMatchObject({ ok: true, userRef: "ref-given", userLabel: "label-given" });
  });

  it("redacts before anything else and keys the redacted text", () => {
    const prepared = preparePrompt({ text: "Email bob.smith@example.com about the invoice please now", user_id: "u1" }, settings);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.text).toBe("Email <EMAIL_1> about the invoice please now");
    expect(prepared.redactions).toEqual([{ type: "EMAIL", count: 1 }]);
    expect(prepared.dedupKey).toBe(dedupKey("email <email_1> about the invoice", 5));
  });

  it("rejects empty and over-long prompts with a reason", () => {
    expect(preparePrompt({ text: " \n ", user_id: "u1" }, settings)).toMatchObject({ ok: false, code: "empty" });
    const long = preparePrompt({ text: "word ".repeat(80).trim(), user_id: "u1" }, settings);
    expect(long).toMatchObject({ ok: false, code: "too_long" });
    if (!long.ok) expect(long.reason).toMatch(/80 tokens; the limit is 50/);
    // A pasted special token is text like any other, not an error.
    const special = preparePrompt({ text: `${"word ".repeat(60)}<|endoftext|>`, user_id: "u1" }, settings);
    expect(special).toMatchObject({ ok: false, code: "too_long" });
    expect(preparePrompt({ text: "Continue after <|endoftext|> please", user_id: "u1" }, settings)).toMatchObject({ ok: true });
  });

  it("keeps a user ID as its label only when it holds no personal data, and redacts metadata", () => {
    const plain = preparePrompt({ text: "Say hi", user_id: "org-7/user-12" }, settings);
    const email = preparePrompt(
      { text: "Say hi", user_id: "jane.doe@example.com", metadata: { from: "jane.doe@example.com", n: 3 } },
      settings,
    );
    expect(plain.ok && plain.userLabel).toBe("org-7/user-12");
    expect(email.ok && email.userLabel).not.toContain("jane.doe");
    expect(email.ok && email.metadata).toEqual({ from: "<EMAIL_1>", n: 3 });
  });

  it("counts tokens with GPT-3's encoding, special tokens as plain text", () => {
    expect(countTokens("Hello world")).toBe(2);
    expect(countTokens("")).toBe(0);
    expect(countTokens("hi <|endoftext|> there")).toBe(9);
  });

  it("checks the token limit exactly, whether or not the text is short enough to skip tokenizing", () => {
    const words = "word ".repeat(600).trim(); // 600 tokens in 2,999 bytes
    expect([599, 600, 601].map((limit) => exceedsTokenLimit(words, limit))).toEqual([true, false, false]);
    const emoji = "😀".repeat(300); // 600 tokens in 1,200 bytes
    expect([599, 600].map((limit) => exceedsTokenLimit(emoji, limit))).toEqual([true, false]);
    expect(exceedsTokenLimit("x".repeat(50), 50)).toBe(false);
  });
});

describe("deciding a batch", () => {
  const ok = (key: string, user = "u"): PreparedPrompt => ({
    ok: true,
    text: key,
    dedupKey: key,
    userRef: user,
    userLabel: user,
    split: "train",
    redactions: [],
  });
  let n = 0;
  const newId = () => `id${++n}`;

  it("treats later copies in a batch as duplicates of the first kept one", () => {
    const quotas = new Map<string, QuotaState>([["u", { used: 0, limit: 10 }]]);
    const decisions = decideBatch([ok("a"), ok("a"), ok("b")], new Map(), quotas, newId);
    expect(decisions[0]!.status).toBe("accepted");
    expect(decisions[1]).toEqual({ status: "duplicate", duplicateOf: (decisions[0] as { id: string }).id });
    expect(decisions[2]!.status).toBe("accepted");
  });

  it("names the stored prompt a duplicate copies", () => {
    const decisions = decideBatch([ok("a")], new Map([["a", "stored"]]), new Map([["u", { used: 0, limit: 1 }]]), newId);
    expect(decisions).toEqual([{ status: "duplicate", duplicateOf: "stored" }]);
  });

  it("stops at the limit, per user, and a refused prompt duplicates nothing", () => {
    const quotas = new Map<string, QuotaState>([
      ["u", { used: 1, limit: 2 }],
      ["v", { used: 0, limit: 1 }],
    ]);
    const decisions = decideBatch([ok("a"), ok("b"), ok("b", "v"), ok("c", "v")], new Map(), quotas, newId);
    expect(decisions.map((d) => d.status)).toEqual(["accepted", "quota_exceeded", "accepted", "quota_exceeded"]);
  });

  it("passes rejections through without using quota", () => {
    const rejected: PreparedPrompt = { ok: false, code: "empty", reason: "The prompt is empty.", redactions: [] };
    const decisions = decideBatch([rejected, ok("a")], new Map(), new Map([["u", { used: 0, limit: 1 }]]), newId);
    expect(decisions.map((d) => d.status)).toEqual(["rejected", "accepted"]);
  });
});

describe("labeler-written prompts", () => {
  it("render a few-shot prompt with its pairs and an open final query", () => {
    const input = labelerPromptSchema.parse({
      kind: "few_shot",
      category: "rewrite",
      instruction: "Make each sentence formal.",
      examples: [
        { query: "gonna be late", response: "I will be late." },
        { query: "wanna eat?", response: "Would you like to eat?" },
      ],
      query: "cya",
    });
    expect(renderLabelerPrompt(input)).toBe(
      "Make each sentence formal.\n\nInput: gonna be late\nOutput: I will be late.\n\nInput: wanna eat?\nOutput: Would you like to eat?\n\nInput: cya\nOutput:",
    );
    expect(labelerPromptStructure(input)).toMatchObject({ instruction: "Make each sentence formal.", query: "cya" });
  });

  it("need a category, and few-shot prompts need two pairs", () => {
    expect(labelerPromptSchema.safeParse({ kind: "plain", text: "Hi" }).success).toBe(false);
    const one = labelerPromptSchema.safeParse({
      kind: "few_shot",
      category: "other",
      instruction: "x",
      examples: [{ query: "a", response: "b" }],
    });
    expect(one.success).toBe(false);
    expect(
      labelerPromptSchema.safeParse({ kind: "user_based", category: "chat", use_case: "Tutor kids", text: "Explain fractions" }).success,
    ).toBe(true);
  });
});
