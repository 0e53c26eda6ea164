import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";

// Issue 15 item 2: ordinary words in model outputs became <PERSON_1>. Each case stands for a class of
// text; the last block keeps the names each rule must still catch.
const untouched = (text: string) => expect(redact(text).redacted, JSON.stringify(text)).toBe(text);
const persons = (text: string) =>
  redact(text)
    .findings.filter((f) => f.type === "PERSON")
    .map((f) => text.slice(f.start, f.end));

describe("redactor precision on model outputs", () => {
  it("a surname that names a thing before an acronym or a model number, and wherever it recurs alone", () => {
    untouched("Roth IRA vs traditional IRA: which is better?");
    untouched("A Roth IRA grows tax-free.");
    untouched("Roth 401(k)");
    untouched("Open a SEP IRA or a Roth IRA. Roth contributions are made after tax; with Roth you pay tax now.");
    untouched("Kepler 22b is a planet.");
  });

  it("a heading or label that opens a list item is a word opening a sentence", () => {
    untouched("- Pros: cheap\n- Cons: slow");
    untouched("Pros:\n- fast\nCons:\n- costly");
    untouched("- Write: tests\n- Note: only on Linux");
    untouched("1. Write the tests\n2. Run them");
    untouched("## Cons\n- costly");
    untouched("* Mark: the highlighted line");
  });

  it("a lone unknown word among list items that open with everyday words is a step, not a person", () => {
    untouched("- Write the failing test first\n- Make it pass\n- Refactor");
  });

  it("a reply that is one interjection or chat word", () => {
    for (const reply of [
      "ok",
      "Ok",
      "Ok.",
      "Ok, here it is.",
      "Okay",
      "Yep",
      "Yup",
      "Nope",
      "Nah",
      "Hmm",
      "Thx",
      "Lol",
      "Np",
      "Ta",
      "Alright",
    ])
      untouched(reply);
  });

  it("an app is no person: a menu path in a reply, or a metadata value", () => {
    untouched("Open the dashboard (Apps → Logs) and look for the error.");
    untouched("Settings → Apps → Logs");
    untouched("app");
  });

  it("a word glued to digits or an underscore is an identifier, a version or a model", () => {
    untouched("Use Argon2 or scrypt, not SHA1.");
    untouched("Argon2id is the winner of the PHC.");
    untouched("Hash passwords with argon2 or bcrypt.");
    untouched("Models like Llama3 and Qwen2; set Max_retries to 3.");
  });

  it("a greeting before an everyday word that is no given name; an eponym before its noun", () => {
    untouched("Write Hello World in Rust.");
    untouched("Hi Team, the notes are attached.");
    untouched("The Sharpe ratio measures return per unit of risk.");
  });

  it("still finds the names these rules sit beside", () => {
    expect(persons("My name is Roth.")).toEqual(["Roth"]);
    expect(persons("Roth said he would come.")).toEqual(["Roth"]);
    expect(persons("Mr. Roth opened a Roth IRA.")).toEqual(["Mr. Roth"]);
    expect(persons("- Anna Kowalczyk\n- Piotr Nowak")).toEqual(["Anna Kowalczyk", "Piotr Nowak"]);
    expect(persons("Thanks,\nOlu")).toEqual(["Olu"]);
    expect(persons("Hello Maria, the notes are attached.")).toEqual(["Maria"]);
    expect(persons("Kenji: hey\nPriya: hi there")).toEqual(["Kenji", "Priya"]);
    expect(persons("Giovanna Rodrigues MD signed it.")).toEqual(["Giovanna Rodrigues MD"]);
  });
});
