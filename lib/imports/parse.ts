import { parse as parseCsv } from "csv-parse/sync";
import { issuesFromZod } from "@/lib/api/errors";
import type { ImportFormat } from "@/lib/imports/records";
import { type PromptInput, promptInputSchema } from "@/lib/prompts/schema";

export type ParsedRecord = { ok: true; prompt: PromptInput } | { ok: false; reason: string };

const CSV_FIELDS = new Set(["text", "messages", "user_id", "category"]);

/** Parses a CSV header line into column names (trimmed, lowercased). */
export function parseCsvHeader(raw: string): string[] {
  const [row] = parseCsv(raw, { relax_column_count: true }) as string[][];
  return (row ?? []).map((name) => name.trim().toLowerCase());
}

/**
 * Turns one record of an import file into a prompt, or says why it cannot be one. CSV columns
 * other than text, messages, user_id and category become metadata; a CSV `messages` cell holds a
 * conversation as a JSON array of {role, content} (a row leaves `text` or `messages` empty). The reason never quotes the record: it
 * may hold personal data.
 */
export function parseImportRecord(format: ImportFormat, raw: string, header: string[] = []): ParsedRecord {
  let value: unknown;
  if (format === "jsonl") {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, reason: "Not valid JSON." };
    }
  } else {
    let row: string[] | undefined;
    try {
      [row] = parseCsv(raw, { relax_column_count: true }) as string[][];
    } catch (error) {
      return { ok: false, reason: `Not valid CSV (${(error as { code?: string }).code ?? "parse error"}).` };
    }
    if (!row || row.length !== header.length) {
      return { ok: false, reason: `Expected ${header.length} columns, found ${row?.length ?? 0}.` };
    }
    const record: Record<string, unknown> = {};
    const metadata: Record<string, string> = {};
    let badMessages = false;
    header.forEach((name, index) => {
      const cell = row[index] ?? "";
      if (name === "messages") {
        if (cell.trim() === "") return;
        try {
          record.messages = JSON.parse(cell);
        } catch {
          badMessages = true;
        }
      } else if (name === "text" && cell === "" && header.includes("messages")) {
        // A conversation row of a file that has both columns.
      } else if (CSV_FIELDS.has(name)) record[name] = name === "category" && cell === "" ? undefined : cell;
      else metadata[name] = cell;
    });
    if (badMessages) return { ok: false, reason: "messages: Not a valid JSON array of {role, content} messages." };
    if (Object.keys(metadata).length) record.metadata = metadata;
    value = record;
  }
  const parsed = promptInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = issuesFromZod(parsed.error)[0]!;
    return { ok: false, reason: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
  }
  return { ok: true, prompt: parsed.data };
}
