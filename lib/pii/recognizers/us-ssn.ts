import { contextAfter, contextBefore, hasDigitRun } from "../text";
import type { Candidate } from "../types";

const SSN_CANDIDATE = /(?<![\p{N}\p{L}-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{N}\p{L}]|-\d)/gu;
const SSN_CONTEXT = /\b(ssn|ssns|social security|social-security|soc\.? sec|ss#|tax ?id|tin)\b/i;

/** US social security numbers: AAA-GG-SSSS with the SSA's never-issued areas, groups and serials excluded. */
export function findUsSsns(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Nine digits in one run, perhaps split by single spaces or dashes.
  if (!hasDigitRun(text, 9)) return out;
  for (const m of text.matchAll(SSN_CANDIDATE)) {
    const [, area, sep, group, serial] = m as unknown as [string, string, string, string, string];
    if (area === "000" || area === "666" || area[0] === "9" || group === "00" || serial === "0000") continue;
    const end = m.index + m[0].length;
    // Wording before the number, or shortly after it in the same sentence ("Is 145 32 8804 written
    // correctly, or should an SSN have dashes?"): undashed nine digits are too common to take without it.
    const context =
      contextBefore(text, m.index, SSN_CONTEXT, 50) ||
      contextAfter(text, end, new RegExp(`^[^\\n.!?]{0,50}${SSN_CONTEXT.source}`, "i"), 70);
    let confidence: number;
    if (sep === "-") confidence = context ? 0.97 : 0.85;
    else if (sep === " ") confidence = context ? 0.9 : 0.4;
    else confidence = context ? 0.85 : 0.2;
    out.push({ type: "US_SSN", start: m.index, end, confidence });
  }
  return out;
}
