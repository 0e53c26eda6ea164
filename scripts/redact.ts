// Batch redaction: JSONL in on stdin ({"id", "text", …} per line), JSONL out on stdout with
// "redacted" and "findings" added. One output line per input line, in order; a line that is not
// a JSON object with a string "text" gets an "error" field instead. Memory stays flat: one line
// at a time, and writing waits when stdout is backed up.
//   npm run --silent redact < prompts.jsonl > redacted.jsonl

import { once } from "node:events";
import readline from "node:readline";
import { redact } from "@/lib/pii";

async function main(): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    let out: Record<string, unknown>;
    try {
      if (line.trim() === "") throw new SyntaxError("empty");
      const record: unknown = JSON.parse(line);
      if (record === null || typeof record !== "object" || Array.isArray(record)) {
        out = { line: lineNo, error: "line is not a JSON object" };
      } else if (typeof (record as { text?: unknown }).text !== "string") {
        out = { ...(record as object), error: 'missing string field "text"' };
      } else {
        const { redacted, findings } = redact((record as { text: string }).text);
        out = { ...(record as object), redacted, findings };
      }
    } catch {
      // Never echo the malformed line: it may hold the very data we are removing.
      out = { line: lineNo, error: "malformed JSON" };
    }
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) await once(process.stdout, "drain");
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`redact: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
