import { describe, expect, it } from "vitest";
import { parseCsvHeader, parseImportRecord } from "@/lib/imports/parse";
import { RecordSplitter } from "@/lib/imports/records";

function splitAll(format: "jsonl" | "csv", text: string, chunkSize: number) {
  const splitter = new RecordSplitter(format);
  const records = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...splitter.push(text.slice(i, i + chunkSize)));
  return [...records, ...splitter.flush()];
}

describe("splitting import files into records", () => {
  const jsonl = '{"a":1}\n\n{"b":2}\r\n{"c":3}';
  it("gives JSONL lines with their line numbers, however the text is chunked", () => {
    for (const size of [1, 3, 7, 1000]) {
      expect(splitAll("jsonl", jsonl, size)).toEqual([
        { line: 1, raw: '{"a":1}' },
        { line: 3, raw: '{"b":2}' },
        { line: 4, raw: '{"c":3}' },
      ]);
    }
  });

  it("keeps newlines inside quoted CSV fields, counting lines from where each record starts", () => {
    const csv = 'text,user_id\n"Line one\nline two, with ""quotes""",u1\nplain,u2\n';
    for (const size of [1, 5, 1000]) {
      expect(splitAll("csv", csv, size)).toEqual([
        { line: 1, raw: "text,user_id" },
        { line: 2, raw: '"Line one\nline two, with ""quotes""",u1' },
        { line: 4, raw: "plain,u2" },
      ]);
    }
  });

  it("cuts a record that a stray quote would stretch over the rest of the file", () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `"prompt ${i} ${"x".repeat(40)}",u${i}`);
    const csv = `${["text,user_id", '"stray quote,u0', ...filler].join("\n")}\n`;
    const records = splitAll("csv", csv, 4096);
    const broken = records[1]!;
    expect(broken.line).toBe(2);
    expect(broken.raw.length).toBeGreaterThan(64 * 1024);
    expect(broken.raw.length).toBeLessThan(64 * 1024 + 100);
    expect(parseImportRecord("csv", broken.raw, ["text", "user_id"]).ok).toBe(false);
    // Reading starts afresh after the cut: the remaining lines are records of their own again.
    const after = records.slice(2);
    expect(after.length).toBeGreaterThan(1000);
    expect(after.every((record) => parseImportRecord("csv", record.raw, ["text", "user_id"]).ok)).toBe(true);
  });
});

describe("parsing import records", () => {
  it("reads JSONL prompts and explains bad lines without quoting them", () => {
    expect(parseImportRecord("jsonl", '{"text":"Hi","user_id":"u1","category":"chat"}')).toEqual({
      ok: true,
      prompt: { text: "Hi", user_id: "u1", category: "chat" },
    });
    expect(parseImportRecord("jsonl", "{not json secret@example.com")).toEqual({ ok: false, reason: "Not valid JSON." });
    const missing = parseImportRecord("jsonl", '{"text":"Hi"}');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/^user_id: /);
    const badCategory = parseImportRecord("jsonl", '{"text":"Hi","user_id":"u","category":"poetry"}');
    expect(badCategory.ok).toBe(false);
  });

  it("maps CSV columns, putting unknown ones in metadata", () => {
    const header = parseCsvHeader("Text,User_ID,category,source");
    expect(header).toEqual(["text", "user_id", "category", "source"]);
    expect(parseImportRecord("csv", '"Say ""hi""",u9,,web', header)).toEqual({
      ok: true,
      prompt: { text: 'Say "hi"', user_id: "u9", metadata: { source: "web" } },
    });
    expect(parseImportRecord("csv", "only,three,cells", header)).toEqual({ ok: false, reason: "Expected 4 columns, found 3." });
  });
});
