import type { Candidate } from "../types";
import { contextBefore, countDigits } from "../text";

const SSN_CANDIDATE = /(?<![\p{N}\p{L}-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{N}\p{L}]|-\d)/gu;
const SSN_CONTEXT = /\b(ssn|ssns|social security|social-security|soc\.? sec|ss#|tax ?id|tin)\b/i;

/** US social security numbers: AAA-GG-SSSS with the SSA's never-issued areas, groups and serials excluded. */
export function findUsSsns(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (countDigits(text, 9) < 9) return out;
  for (const m of text.matchAll(SSN_CANDIDATE)) {
    const [, area, sep, group, serial] = m as unknown as [string, string, string, string, string];
    if (area === "000" || area === "666" || area[0] === "9" || group === "00" || serial === "0000") continue;
    const context = contextBefore(text, m.index, SSN_CONTEXT, 50);
    let confidence: number;
    if (sep === "-") confidence = context ? 0.97 : 0.85;
    else if (sep === " ") confidence = context ? 0.9 : 0.4;
    else confidence = context ? 0.85 : 0.2;
    out.push({ type: "US_SSN", start: m.index, end: m.index + m[0].length, confidence });
  }
  return out;
}
