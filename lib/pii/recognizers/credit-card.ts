import isCreditCard from "validator/lib/isCreditCard.js";
import isLuhnNumber from "validator/lib/isLuhnNumber.js";
import { contextBefore, digitFacts, digitsOf } from "../text";
import type { Candidate } from "../types";

// 12–19 digits, optionally grouped by single spaces or dashes.
const CARD_CANDIDATE = /(?<![\p{N}\p{L}.,-])\d(?:[ -]?\d){11,18}(?![\p{N}\p{L}]|[.,]\d)/gu;
const ISBN_BEFORE = /\bISBN(?:-?1[03])?\s*[:#]?\s*$/i;
const CARD_CONTEXT = /\b(card|cc|credit|debit|visa|master ?card|amex|american express|discover|jcb|maestro|diners|payment|pay|charge)\b/i;

/** Whether a candidate's digits are separated by both spaces and dashes (a loop: a Set of its separators cost more). */
function mixedSeparators(value: string): boolean {
  let separator = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (separator === 0) separator = c;
    else if (c !== separator) return true;
  }
  return false;
}

/** Payment card numbers: 12–19 digits that pass the Luhn checksum; a known issuer prefix or card wording raises confidence. */
export function findCreditCards(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (digitFacts(text).longestSpacedRun < 12) return out;
  // exec, not matchAll, which copies the pattern on every call.
  CARD_CANDIDATE.lastIndex = 0;
  for (let m = CARD_CANDIDATE.exec(text); m; m = CARD_CANDIDATE.exec(text)) {
    const digits = digitsOf(m[0]);
    if (/^(\d)\1+$/.test(digits) || !isLuhnNumber(digits)) continue;
    // Mixed separators ("1234-5678 9012") are not how cards are written.
    if (mixedSeparators(m[0])) continue;
    // A book number named as such ("ISBN 978-1-4028-9462-6") can pass Luhn too.
    if (contextBefore(text, m.index, ISBN_BEFORE, 12)) continue;
    let confidence = 0.8;
    if (isCreditCard(digits)) confidence += 0.1;
    if (contextBefore(text, m.index, CARD_CONTEXT, 40)) confidence += 0.08;
    out.push({ type: "CREDIT_CARD", start: m.index, end: m.index + m[0].length, confidence: Math.min(confidence, 0.98) });
  }
  return out;
}
