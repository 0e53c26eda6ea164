import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";

// Security issue 14, item 2: a text of any shape is redacted in time that grows with its length,
// never with its square. Each shape below once made a rule compare every word with every other, or
// a pattern try every way to cut a run of digits (a 2 MB prompt blocked the server for 20 s).
// Timed as CPU time, which other work on the machine does not inflate as much as wall time.

const MB = 1_000_000;

/** `unit` repeated to `length` characters. */
const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * The fastest of three runs: a run that shares its core with other test files, or pays for a full
 * garbage collection of the previous run's text, takes more CPU time than the work needs.
 */
const fastestCpuMs = (work: () => void) => Math.min(...[0, 1, 2].map(() => cpuMs(work)));

// The shapes the issue names, and others that once made a rule compare every word with every other.
const SPARSE_SHAPES: Record<string, (length: number) => string> = {
  "one long word": (n) => repeat("a", n),
  "one long capitalised word": (n) => `A${repeat("b", n - 1)}`,
  "many capitalised words": (n) => repeat("Anna ", n),
  "unknown capitalised words": (n) => repeat("Zxqv ", n),
  "many spaces": (n) => `Hello${repeat(" ", n - 10)}World`,
  "many digits": (n) => repeat("1", n),
  "digits in runs of 48": (n) => repeat(` ${"1".repeat(48)}`, n),
  "@ runs": (n) => repeat("@", n),
  "address-like @ words": (n) => repeat("a@b.", n),
  dots: (n) => repeat(".", n),
  "one long line of prose": (n) => repeat("the cat sat on the mat ", n),
  "an unclosed lower-case list": (n) => `${repeat("ab, ", n - 12)} x, y and z`,
};

// Every few words is a candidate to weigh: these cost the most per character (0.2–0.7 s of CPU for a
// megabyte on the development machine), so they are also checked for growing linearly.
const DENSE_SHAPES: Record<string, (length: number) => string> = {
  "a list of names": (n) => repeat("Anna, ", n),
  "names on their own lines": (n) => repeat("Anna\n", n),
  "quoted word-names": (n) => repeat('"Bill, ', n),
  "units without a street": (n) => repeat("Flat 1, ", n),
  "numbers and capitalised words": (n) => repeat("12 Ab ", n),
  "street after street": (n) => repeat("12 Main Street ", n),
  "contact details": (n) => repeat("Please write to John Smith at 12 Main Street, Springfield 12345 or call 555-123-4567. ", n),
};

describe("redaction time grows linearly with the text", () => {
  redact("Warm the word lists: Anna Smith, 12 Main Street, anna@example.org");

  for (const [name, make] of Object.entries({ ...SPARSE_SHAPES, ...DENSE_SHAPES })) {
    it(`1 MB of ${name} in under a second`, () => {
      const text = make(MB);
      expect(fastestCpuMs(() => redact(text))).toBeLessThan(1_000);
    }, 60_000);
  }

  for (const [name, make] of Object.entries(DENSE_SHAPES)) {
    it(`${name}: four times the text, under ten times the time (sixteen if quadratic)`, () => {
      const small = make(MB / 8);
      const large = make(MB / 2);
      // Linear is ~4×, quadratic 16×.
      const smallMs = fastestCpuMs(() => redact(small));
      const largeMs = fastestCpuMs(() => redact(large));
      expect(largeMs / Math.max(smallMs, 5)).toBeLessThan(10);
    }, 60_000);
  }

  it("keeps what it finds across segments: a name found early is caught where it recurs a megabyte later", () => {
    const filler = repeat("The weather report said nothing new today. ", MB);
    const text = `My name is Teresa Kreutzmann.\n${filler}\nKreutzmann signed the form.`;
    const { redacted } = redact(text);
    expect(redacted.startsWith("My name is <PERSON_1>.")).toBe(true);
    expect(redacted.endsWith("\n<PERSON_2> signed the form.")).toBe(true);
  });

  it("finds personal data that straddles a segment's end", () => {
    // No space or line break to cut at: the first cut falls 8,192 characters in, inside the address.
    const text = `${"x".repeat(8_185)},ana.ruiz@example.com ${"word ".repeat(3_000)}`;
    expect(redact(text).redacted).toContain(",<EMAIL_1> word");
  });
});
