import type { Candidate } from "../types";

const MONTHS =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
// A four-digit year, or an abbreviated one with its apostrophe ("14 Apr '82").
const YEAR = "(?:1[89]\\d\\d|20\\d\\d|['’]\\d\\d(?!\\d))";
const DATE = new RegExp(
  [
    `\\b\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})\\b`, // 9/25/1945, 25.09.45
    `\\b${YEAR}[/.\\-]\\d{1,2}[/.\\-]\\d{1,2}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?\\b`, // 1985-11-18 22:50:23
    `\\b${MONTHS} ${DAY},? ${YEAR}`, // March 3rd, 1985 · Apr 14 '82
    `\\b${DAY} (?:of )?${MONTHS},? ${YEAR}`, // 3 March 1985 · 14 Apr '82
  ].join("|"),
  "gi",
);
// Birth wording shortly before the date: "born on", "date of birth:", "DOB", "birthday is".
const BIRTH_CONTEXT = /\b(born|birth|birthdate|birthday|dob|d\.o\.b\.?|b\.|n[ée]e? le|geboren)\b[^\n]{0,30}$|\bb(irth)?\s*:\s*$/i;
// A table column of birth dates: "dob", "date_of_birth", "Date of birth", "birthdate", "born".
const BIRTH_COLUMN = /^\s*["']?\s*(?:dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|birthday|born|geburtsdatum|fecha[ _]de[ _]nacimiento)\s*["']?\s*$/i;
const WHOLE_DATE = new RegExp(`^(?:${DATE.source})$`, "i");

/** Dates of birth: a full date (day, month and year) preceded by birth wording, or in a birth-date column of a table; other dates are kept. */
export function findDatesOfBirth(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Every date form below has a day or month number and a year.
  if (!/\d/.test(text)) return out;
  for (const m of text.matchAll(DATE)) {
    const before = text.slice(Math.max(0, m.index - 45), m.index);
    if (!BIRTH_CONTEXT.test(before)) continue;
    out.push({ type: "DATE_OF_BIRTH", start: m.index, end: m.index + m[0].length, confidence: 0.9 });
  }
  if (/\b(?:dob|birth|born|geburt|nacimiento)/i.test(text)) findBirthColumns(text, out);
  return out;
}

/**
 * CSV, TSV or pipe tables whose header names a birth-date column: the dates below it are births,
 * though no wording stands beside each ("id,name,email,dob\n17,Ana,ana@x.io,1993-02-28").
 */
function findBirthColumns(text: string, out: Candidate[]): void {
  const lines: Array<{ start: number; text: string }> = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: at, text: text.slice(at, end) });
    at = end + 1;
  }
  for (let h = 0; h < lines.length; h++) {
    const header = lines[h]!.text;
    const sep = [",", ";", "\t", "|"].find((s) => header.includes(s));
    if (!sep) continue;
    const cols = header.split(sep);
    const col = cols.findIndex((c) => BIRTH_COLUMN.test(c));
    if (col < 0) continue;
    // The rows below, while they keep the header's shape.
    for (let r = h + 1; r < lines.length; r++) {
      const row = lines[r]!;
      const cells = row.text.split(sep);
      if (cells.length !== cols.length) break;
      let offset = row.start;
      for (let c = 0; c < col; c++) offset += cells[c]!.length + sep.length;
      const cell = cells[col]!;
      const lead = cell.length - cell.trimStart().length;
      const value = cell.trim().replace(/^["']|["']$/g, "");
      if (!WHOLE_DATE.test(value)) continue;
      const start = offset + cell.indexOf(value, lead);
      if (!out.some((o) => o.start === start)) out.push({ type: "DATE_OF_BIRTH", start, end: start + value.length, confidence: 0.85 });
    }
  }
}
