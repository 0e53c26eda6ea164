import { describe, expect, it } from "vitest";
import { digitFacts } from "@/lib/pii/text";

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
