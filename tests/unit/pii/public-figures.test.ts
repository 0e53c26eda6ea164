import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";
import { figureKey, isPublicFigure } from "@/lib/pii/public-figures";

// The project setting keepPublicFigures (issue 16, precision): off by default, every name is
// redacted; on, the names of well-known public and fictional figures stay.
const keep = (text: string) => redact(text, { keepPublicFigures: true }).redacted;

describe("which names are public figures", () => {
  it.each([
    "Abraham Lincoln",
    "abraham lincoln",
    "President Abraham Lincoln",
    "Dr. Martin Luther King Jr.",
    "J. K. Rowling",
    "J.K. Rowling",
    "Gabriel Garcia Marquez",
    "Georgia O’Keeffe",
    "Sherlock Holmes",
    // One word from the lexicon's famous names, or the list's, that is no given name too.
    "Mozart",
    "Beyonce",
    "Euclid",
  ])("%s is one", (name) => {
    expect(isPublicFigure(name)).toBe(true);
  });

  it.each([
    // A longer name that starts with a famous one is someone else.
    "Abraham Lincoln Jones",
    // A famous one-word name that is also a given name is far likelier a private person.
    "Leonardo",
    "Juliet",
    "Adele",
    // A title alone, or a title before a private name.
    "President",
    "Dr. Anna Kowalczyk",
    "Lincoln",
    "",
  ])("%j is not", (name) => {
    expect(isPublicFigure(name)).toBe(false);
  });

  it("compares names with accents, case, dots and apostrophes folded", () => {
    expect(figureKey("  Salvador  Dalí ")).toBe("salvador dali");
    expect(figureKey("J.R.R. Tolkien")).toBe("j r r tolkien");
    expect(figureKey("O'Keeffe")).toBe(figureKey("O’Keeffe"));
  });
});

describe("redact with keepPublicFigures", () => {
  it("is off by default: a famous name is redacted like any other", () => {
    expect(redact("Write a poem about Abraham Lincoln.").redacted).toBe("Write a poem about <PERSON_1>.");
  });

  it("keeps famous names, and their parts where they recur", () => {
    expect(keep("Write a poem about Abraham Lincoln. Lincoln was tall.")).toBe("Write a poem about Abraham Lincoln. Lincoln was tall.");
    expect(keep("Compare Mozart and Beethoven.")).toBe("Compare Mozart and Beethoven.");
    expect(keep("Why did J. K. Rowling write Harry Potter?")).toBe("Why did J. K. Rowling write Harry Potter?");
  });

  it("still redacts private people, the rest of the personal data, and numbers what it redacts from 1", () => {
    expect(keep("Email Albert Einstein's essay to Anna Kowalczyk at anna.k@example.org.")).toBe(
      "Email Albert Einstein's essay to <PERSON_1> at <EMAIL_1>.",
    );
    expect(keep("My grandfather Abraham Lincoln Jones was born in Ohio.")).toBe("My grandfather <PERSON_1> was born in Ohio.");
    expect(keep("My son Leonardo loves Picasso.")).toBe("My son <PERSON_1> loves Picasso.");
  });

  it("keeps a part only where the whole famous name is in the same text", () => {
    // "Lincoln" alone is a city, a car and a surname: without the full name, it is redacted as found.
    expect(keep("Ask Mr. Lincoln about the invoice.")).toBe(redact("Ask Mr. Lincoln about the invoice.").redacted);
  });
});
