import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";

// `npm run --silent redact`: JSONL in, JSONL out, one line per line in order, read in batches.

const ROOT = path.resolve(import.meta.dirname, "../../..");

function runCli(input: string): { lines: Array<Record<string, unknown>>; status: number | null } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/redact.ts"], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return {
    lines: result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    status: result.status,
  };
}

describe("redact CLI", () => {
  it("answers each line in order across batches, and never echoes a malformed line", () => {
    // 2,500 lines: more than one batch of 1,000, with bad lines in between.
    const texts = Array.from({ length: 2_500 }, (_, i) => `Ticket ${i}: call Ada Lovelace at +1 415 555 ${String(1000 + i).slice(-4)}.`);
    const input = texts
      .map((text, i) => {
        if (i === 7) return 'not json, secret: "Ada Lovelace"';
        if (i === 1_001) return '{"id": 1001}';
        return JSON.stringify({ id: i, text });
      })
      .join("\n");
    const { lines, status } = runCli(input);
    expect(status).toBe(0);
    expect(lines).toHaveLength(texts.length);
    expect(lines[7]).toEqual({ line: 8, error: "malformed JSON" });
    expect(lines[1_001]).toEqual({ id: 1001, error: 'missing string field "text"' });
    for (const i of [0, 6, 8, 999, 1_000, 1_002, 2_499]) {
      const { redacted, findings } = redact(texts[i]!);
      expect(lines[i]).toEqual({ id: i, text: texts[i], redacted, findings });
    }
    expect(lines[2_499]!.redacted).toBe("Ticket 2499: call <PERSON_1> at <PHONE_1>.");
  }, 90_000);
});
