import isEmail from "validator/lib/isEmail.js";
import type { Candidate } from "../types";

const EMAIL_CANDIDATE = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** Email addresses: a loose candidate pattern confirmed by validator's isEmail. */
export function findEmails(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (!text.includes("@")) return out;
  // exec, not matchAll, which copies the pattern on every call.
  EMAIL_CANDIDATE.lastIndex = 0;
  for (let m = EMAIL_CANDIDATE.exec(text); m; m = EMAIL_CANDIDATE.exec(text)) {
    let start = m.index;
    let value = m[0];
    // A sentence can end right before the address ("...me.john@x.com" is rare; "'john@x.com" is not).
    while (/^[.'_-]/.test(value)) {
      value = value.slice(1);
      start++;
    }
    if (isEmail(value, { allow_utf8_local_part: true })) {
      out.push({ type: "EMAIL", start, end: start + value.length, confidence: 0.99 });
    }
  }
  return out;
}
