import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON, FAMOUS, GIVEN, getLexicon, NAME, PLACE, wordFlags } from "@/lib/pii/lexicon";
import { compileLexicon } from "@/scripts/pii-lexicon";

// The word lists are compiled into lib/pii/data/lexicon.bin (issue 16): the app reads that file only.

describe("compiled word lists", () => {
  it("are what the pinned packages and hand lists give (npm run pii:lexicon after changing either)", () => {
    const file = fs.readFileSync(path.resolve(import.meta.dirname, "../../../lib/pii/data/lexicon.bin"));
    expect(compileLexicon().equals(file)).toBe(true);
  }, 30_000);

  it("answer each list's words with their flags, and 0 for a word in none", () => {
    expect(wordFlags("anna") & NAME).toBe(NAME);
    expect(wordFlags("anna") & GIVEN).toBe(GIVEN);
    expect(wordFlags("table") & COMMON).toBe(COMMON);
    expect(wordFlags("berlin") & PLACE).toBe(PLACE);
    expect(wordFlags("mozart") & FAMOUS).toBe(FAMOUS);
    expect(wordFlags("zxqvbn")).toBe(0);
    expect(wordFlags("")).toBe(0);
    // Words beyond ASCII are compared through their UTF-8 bytes.
    expect(wordFlags("björn") & NAME).toBe(NAME);
    expect(wordFlags("björ")).toBe(0);
    expect(wordFlags("😀")).toBe(0);
  });

  it("open in milliseconds, with the phrase lists", () => {
    const lexicon = getLexicon();
    expect(lexicon.placePhrases.has("new york")).toBe(true);
    expect(lexicon.thingPhrases.has("dow jones")).toBe(true);
    expect(lexicon.phraseHeads.has("new")).toBe(true);
  });
});
