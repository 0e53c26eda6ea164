// Splitting an import file into records, with the line each starts on. Runs in the browser (the
// file is read as a stream there) and needs no library: JSONL records are lines; a CSV record
// ends at a newline outside quotes, and since RFC 4180 escapes a quote by doubling it, "outside
// quotes" is simply "after an even number of quote characters".

export const IMPORT_FORMATS = ["jsonl", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type RawRecord = { line: number; raw: string };

// A quoted CSV field may span lines, so one stray quote would swallow the rest of the file. No
// prompt is this long (prompts over ~1k tokens are rejected), so a record that grows past it is
// cut there and reported as invalid, and reading starts afresh on the next line.
export const MAX_RECORD_CHARS = 64 * 1024;

export class RecordSplitter {
  private pending = "";
  private pendingQuotes = 0;
  private pendingStartLine = 1;
  private nextLine = 1;

  constructor(private readonly format: ImportFormat) {}

  /** Feeds a piece of text; returns the records it completes. */
  push(chunk: string): RawRecord[] {
    const records: RawRecord[] = [];
    let start = 0;
    for (let index = chunk.indexOf("\n"); index !== -1; index = chunk.indexOf("\n", start)) {
      this.append(chunk.slice(start, index));
      this.nextLine += 1;
      start = index + 1;
      if (this.format === "jsonl" || this.pendingQuotes % 2 === 0 || this.pending.length > MAX_RECORD_CHARS) {
        this.emit(records);
      } else {
        this.pending += "\n"; // a newline inside a quoted CSV field belongs to the field
      }
    }
    this.append(chunk.slice(start));
    return records;
  }

  /** The last record, when the file does not end with a newline. */
  flush(): RawRecord[] {
    const records: RawRecord[] = [];
    if (this.pending.length) this.emit(records);
    return records;
  }

  private append(text: string) {
    if (!text) return;
    this.pending += text;
    if (this.format === "csv") for (const char of text) if (char === '"') this.pendingQuotes += 1;
  }

  private emit(records: RawRecord[]) {
    const raw = this.pending.endsWith("\r") ? this.pending.slice(0, -1) : this.pending;
    if (raw.trim()) records.push({ line: this.pendingStartLine, raw });
    this.pending = "";
    this.pendingQuotes = 0;
    this.pendingStartLine = this.nextLine;
  }
}
