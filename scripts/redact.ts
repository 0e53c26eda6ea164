// Batch redaction: JSONL in on stdin ({"id", "text", …} per line), JSONL out on stdout with
// "redacted" and "findings" added. One output line per input line, in order; a line that is not
// a JSON object with a string "text" gets an "error" field instead. Memory stays flat: lines are
// read in small batches (redacted together, as the worker pool does: lib/pii redactAll), and
// reading waits when stdout is backed up.
//   npm run --silent redact < prompts.jsonl > redacted.jsonl

import { once } from "node:events";
import readline from "node:readline";
import { redactAll } from "@/lib/pii";
import { JOB_CHARS } from "@/lib/pii/pool";

/** A line's output: a record waiting for its text's redaction, or an answer already. */
type Pending = { record: object; text: string } | { out: Record<string, unknown> };

function read(line: string, lineNo: number): Pending {
  try {
    if (line.trim() === "") throw new SyntaxError("empty");
    const record: unknown = JSON.parse(line);
    if (record === null || typeof record !== "object" || Array.isArray(record))
      return { out: { line: lineNo, error: "line is not a JSON object" } };
    const text = (record as { text?: unknown }).text;
    if (typeof text !== "string") return { out: { ...record, error: 'missing string field "text"' } };
    return { record, text };
  } catch {
    // Never echo the malformed line: it may hold the very data we are removing.
    return { out: { line: lineNo, error: "malformed JSON" } };
  }
}

async function flush(batch: Pending[]): Promise<void> {
  const texts = batch.flatMap((p) => ("text" in p ? [p.text] : []));
  const results = redactAll(texts);
  let next = 0;
  let chunk = "";
  for (const p of batch) {
    const out = "out" in p ? p.out : { ...p.record, ...results[next++]! };
    chunk += `${JSON.stringify(out)}\n`;
  }
  if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
}

async function main(): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let batch: Pending[] = [];
  let chars = 0;
  for await (const line of rl) {
    const pending = read(line, ++lineNo);
    batch.push(pending);
    chars += "text" in pending ? pending.text.length : 0;
    if (chars >= JOB_CHARS || batch.length >= 1_000) {
      await flush(batch);
      batch = [];
      chars = 0;
    }
  }
  await flush(batch);
}

main().catch((e: unknown) => {
  process.stderr.write(`redact: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
