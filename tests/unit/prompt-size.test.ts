import { countTokens as tokenizerCount } from "gpt-tokenizer/encoding/r50k_base";
import { describe, expect, it } from "vitest";
import { preparePrompt } from "@/lib/prompts/prepare";
import { countTokens, exceedsTokenLimit } from "@/lib/prompts/tokens";
import { pipelineSettings } from "../support/pipeline-settings";

// Sizes are checked before any work (security issue 14, item 2): a prompt over the token limit is
// refused before redaction, and counting tokens takes time in proportion to the text.

const settings = pipelineSettings();
const cpuMs = (work: () => void) => {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
const mustNotRedact = () => {
  throw new Error("redacted a prompt that the rules refuse without redaction");
};

describe("the prompt pipeline checks sizes first", () => {
  it("refuses a prompt over the token limit as sent without redacting it", () => {
    const huge = "Call Anna Kowalski at +44 20 7946 0958. ".repeat(25_000);
    expect(preparePrompt({ text: huge, user_id: "u1" }, settings, mustNotRedact)).toEqual({
      ok: false,
      code: "too_long",
      reason: "The prompt is over the limit of 1000 tokens.",
      redactions: [],
    });
    expect(preparePrompt({ text: "word ".repeat(1_200).trim(), user_id: "u1" }, settings, mustNotRedact)).toMatchObject({
      code: "too_long",
      reason: "The prompt has 1200 tokens; the limit is 1000.",
    });
    expect(preparePrompt({ text: "  \n ", user_id: "u1" }, settings, mustNotRedact)).toMatchObject({ code: "empty" });
  });

  it("still checks the limit on the redacted text, which placeholders can lengthen", () => {
    const settingsOf10 = { ...settings, maxPromptTokens: 10 };
    const text = "Al Bo Cy Di";
    expect(countTokens(text)).toBeLessThanOrEqual(10);
    const prepared = preparePrompt({ text, user_id: "u1" }, settingsOf10, () => ({
      redacted: "<PERSON_1> <PERSON_2> <PERSON_3> <PERSON_4>",
      findings: [],
    }));
    expect(prepared).toMatchObject({ ok: false, code: "too_long" });
  });
});

describe("token counts", () => {
  it("are the tokenizer's on ordinary text, however long", () => {
    const texts = [
      "Write a haiku about the sea.",
      "Summarise:\n\n  the  report   below\n\tplease <|endoftext|> thanks",
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(2_000),
      "line one\n\n\nline two  \n".repeat(1_000),
    ];
    for (const text of texts) expect(countTokens(text)).toBe(tokenizerCount(text, { disallowedSpecial: new Set() }));
  });

  it("take time in proportion to the text, even for one word of a megabyte", () => {
    const word = "a".repeat(1_000_000);
    expect(cpuMs(() => exceedsTokenLimit(word, 1_000))).toBeLessThan(200);
    expect(cpuMs(() => countTokens(word))).toBeLessThan(1_000);
    expect(countTokens(word)).toBeGreaterThan(100_000);
  });
});
