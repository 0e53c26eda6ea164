import { contextAfter, contextBefore, digitFacts } from "../text";
import type { Candidate } from "../types";

const SSN_CANDIDATE = /(?<![\p{N}\p{L}-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{N}\p{L}]|-\d)/gu;
const SSN_CONTEXT = /\b(ssn|ssns|social security|social-security|soc\.? sec|ss#|tax ?id|tin)\b/i;
// The same wording later in the sentence.
const SSN_CONTEXT_AFTER = new RegExp(`^[^\\n.!?]{0,50}${SSN_CONTEXT.source}`, "i");

/** US social security numbers: AAA-GG-SSSS with the SSA's never-issued areas, groups and serials excluded. */
export function findUsSsns(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Nine digits in one run, perhaps split by single spaces or dashes.
  if (digitFacts(text).longestSpacedRun < 9) return out;
  // exec, not matchAll, which copies the pattern on every call.
  SSN_CANDIDATE.lastIndex = 0;
  for (let m = SSN_CANDIDATE.exec(text); m; m = SSN_CANDIDATE.exec(text)) {
    const [, area, sep, group, serial] = m as unknown as [string, string, string, string, string];
    if (area === "000" || area === "666" || area[0] === "9" || group === "00" || serial === "0000") continue;
    const end = m.index + m[0].length;
    // Wording before the number, or shortly after it in the same sentence ("Is 145 32 8804 written
    // correctly, or should an SSN have dashes?"): undashed nine digits are too common to take without it.
    const context = contextBefore(text, m.index, SSN_CONTEXT, 50) || contextAfter(text, end, SSN_CONTEXT_AFTER, 70);
    let confidence: number;
    if (sep === "-") confidence = context ? 0.97 : 0.85;
    else if (sep === " ") confidence = context ? 0.9 : 0.4;
    else confidence = context ? 0.85 : 0.2;
    out.push({ type: "US_SSN", start: m.index, end, confidence });
  }
  return out;
}
