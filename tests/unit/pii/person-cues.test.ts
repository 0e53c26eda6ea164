import { describe, expect, it } from "vitest";
import { findPersons } from "@/lib/pii/recognizers/person";

// "Hunter" is a name and an everyday word: mid-sentence and alone it is a person only when wording
// after it says so (CUE_AFTER). The recognizer tries that pattern only when the characters after the
// word can open one of its wordings (mayCueAfter): every wording is kept here, so that a wording
// added to the pattern but not to that first test fails.
const namesHunter = (text: string) =>
  expect(
    findPersons(text).some((c) => text.slice(c.start, c.end) === "Hunter"),
    JSON.stringify(text),
  ).toBe(true);

describe("person cues after a lone word", () => {
  it("without wording, the everyday word is no name", () => {
    expect(findPersons("Yesterday Hunter went out.")).toEqual([]);
  });

  it("every wording of CUE_AFTER still cues the name", () => {
    for (const after of [
      " said no",
      ", said no",
      " says hi",
      " wrote back",
      " asked me",
      " replied",
      " shouted",
      " explained it",
      " told me",
      " lives here",
      " and his dog",
      ": hello",
      ':"hi"',
      ", can you help",
      ", could I go",
      " is from Oslo",
      " came from Oslo",
      "'s very kind",
      " is so kind",
      " is pregnant",
      " so kind",
      " had given up",
      " gave him a pen",
      " was born there",
      " flew home",
      " is flying home",
      " from HR says",
      " and I went",
      "; she is here",
      ". He was here",
      ", he said",
      " is a young man",
      " was an old friend",
      " is a 34-year-old",
    ])
      namesHunter(`Yesterday Hunter${after}.`);
  });
});
