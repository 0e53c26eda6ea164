import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type RedactOptions, redact, redactAll } from "@/lib/pii";

// redactAll runs the recognizers layer by layer over many texts (the pool's jobs) instead of text by
// text: it must give exactly what redact gives each text, whatever the mix.

/** Every line of the repository's PII fixtures and development set, as texts (markup removed). */
function corpus(): string[] {
  const texts: string[] = [];
  for (const file of ["fixtures/planted.txt", "fixtures/pii-free.txt", "devset/devset.txt"]) {
    for (const line of fs.readFileSync(path.join(import.meta.dirname, file), "utf8").split("\n")) {
      if (line.trim() && !line.startsWith("#")) texts.push(line.replace(/\\n/g, "\n").replace(/\[\[([A-Z_]+):([^\]]*)\]\]/g, "$2"));
    }
  }
  return texts;
}

describe("redactAll", () => {
  const texts = corpus();
  // Longer than a segment (8,192 characters): read in segments, names caught where they recur.
  const long = Array.from({ length: 400 }, (_, i) => `Line ${i}: ask Maria Kowalski about 12 Main Street.`).join("\n");

  it("gives what redact gives each text, in order", () => {
    expect(texts.length).toBeGreaterThan(1_500);
    const mixed = [...texts.slice(0, 300), "", long, ...texts.slice(300)];
    const all = redactAll(mixed);
    expect(all).toEqual(mixed.map((text) => redact(text)));
    // The texts did have personal data to find.
    expect(all.filter((r) => r.findings.length > 0).length).toBeGreaterThan(800);
  });

  it("honours the options as redact does", () => {
    const some = [...texts.slice(0, 400), long];
    const optionSets: RedactOptions[] = [{ types: ["PERSON", "EMAIL"] }, { minConfidence: 0.8 }, { keepPublicFigures: true }];
    for (const options of optionSets) {
      expect(redactAll(some, options)).toEqual(some.map((text) => redact(text, options)));
    }
  });

  it("answers nothing for no texts", () => {
    expect(redactAll([])).toEqual([]);
  });
});
