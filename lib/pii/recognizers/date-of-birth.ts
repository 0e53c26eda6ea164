import type { Candidate } from "../types";

const MONTHS =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR = "(?:1[89]\\d\\d|20\\d\\d)";
const DATE = new RegExp(
  [
    `\\b\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})\\b`, // 9/25/1945, 25.09.45
    `\\b${YEAR}[/.\\-]\\d{1,2}[/.\\-]\\d{1,2}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?\\b`, // 1985-11-18 22:50:23
    `\\b${MONTHS} ${DAY},? ${YEAR}\\b`, // March 3rd, 1985
    `\\b${DAY} (?:of )?${MONTHS},? ${YEAR}\\b`, // 3 March 1985
  ].join("|"),
  "gi",
);
// Birth wording shortly before the date: "born on", "date of birth:", "DOB", "birthday is".
const BIRTH_CONTEXT = /\b(born|birth|birthdate|birthday|dob|d\.o\.b\.?|b\.|n[ée]e? le|geboren)\b[^\n]{0,30}$|\bb(irth)?\s*:\s*$/i;

/** Dates of birth: a full date (day, month and year) preceded by birth wording; other dates are kept. */
export function findDatesOfBirth(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Every date form below has a day or month number and a year.
  if (!/\d/.test(text)) return out;
  for (const m of text.matchAll(DATE)) {
    const before = text.slice(Math.max(0, m.index - 45), m.index);
    if (!BIRTH_CONTEXT.test(before)) continue;
    out.push({ type: "DATE_OF_BIRTH", start: m.index, end: m.index + m[0].length, confidence: 0.9 });
  }
  return out;
}
