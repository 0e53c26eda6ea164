import { describe, expect, it } from "vitest";
import { findPersons, wordAt } from "@/lib/pii/recognizers/person";

// Words are filed by a 32-bit hash of their spelling, read in place: the table must tell apart two
// spellings with one hash, and keep working after it is emptied.

/** The same FNV-1a hash as wordAt's. */
function fnv1a(s: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) hash = Math.imul(hash ^ s.charCodeAt(k), 0x01000193);
  return hash;
}

// Two spellings with one hash, found by trying "AAAA", "BAAA", … in turn (6.9 million tries).
const COLLIDING: [string, string] = ["ZVMHI", "EJDAP"];

describe("the word table", () => {
  it("gives two spellings with one hash each its own word", () => {
    const [a, b] = COLLIDING;
    expect(fnv1a(a)).toBe(fnv1a(b));
    const text = `${a} ${b}`;
    expect(wordAt(text, 0, a.length).text).toBe(a);
    expect(wordAt(text, a.length + 1, text.length).text).toBe(b);
    // Asked again, found again (not read anew as the other one).
    expect(wordAt(text, a.length + 1, text.length).text).toBe(b);
    expect(wordAt(text, 0, a.length).text).toBe(a);
  });

  it("reads the same spelling at any place of any text as one word", () => {
    const first = wordAt("Dear Maria,", 5, 10);
    expect(first.text).toBe("Maria");
    expect(wordAt("Maria Gonzalez called.", 0, 5)).toBe(first);
  });

  it("still finds names after tens of thousands of new spellings have emptied it", () => {
    const text = "Please forward this to Maria Gonzalez today.";
    const before = findPersons(text);
    expect(before.map((c) => text.slice(c.start, c.end))).toEqual(["Maria Gonzalez"]);
    const many = Array.from({ length: 40_000 }, (_, i) => `Qx${i.toString(36).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`).join(" ");
    findPersons(many);
    expect(findPersons(text)).toEqual(before);
    expect(wordAt("Gonzalez", 0, 8).text).toBe("Gonzalez");
  });
});
