import { describe, expect, it } from "vitest";
import { digitFacts, withDigitFactsKept } from "@/lib/pii/text";

// The recognizers skip a pattern when a fact rules its matches out: each fact must hold wherever such a match could.
describe("digitFacts.capitalBeforeDigit", () => {
  it("tells an ASCII capital right before a digit", () => {
    for (const [text, capital] of [
      ["LZ6311T475", true],
      ["id L01X00T471.", true],
      ["T1", true],
      ["a1 b22 c333", false],
      ["Z 12", false],
      ["É1", false],
      ["1234", false],
    ] as const)
      expect(digitFacts(text).capitalBeforeDigit, text).toBe(capital);
  });
});

describe("withDigitFactsKept", () => {
  it("keeps every text's facts while it runs, and only the last text's afterwards", () => {
    const a = "call 555 0100";
    const b = "room 12";
    withDigitFactsKept(() => {
      const first = digitFacts(a);
      digitFacts(b);
      expect(digitFacts(a)).toBe(first);
      expect(first.longestSpacedRun).toBe(7);
    });
    const outside = digitFacts(a);
    digitFacts(b);
    expect(digitFacts(a)).not.toBe(outside);
    expect(digitFacts(a)).toEqual(outside);
  });
});
