import { findCreditCards } from "./recognizers/credit-card";
import { findDatesOfBirth } from "./recognizers/date-of-birth";
import { findEmails } from "./recognizers/email";
import { findIbans } from "./recognizers/iban";
import { findIpAddresses } from "./recognizers/ip-address";
import { findNonLatinAddresses, findNonLatinDatesOfBirth, findNonLatinPersons } from "./recognizers/non-latin";
import { findPersons } from "./recognizers/person";
import { findPhones } from "./recognizers/phone";
import { findStreetAddresses } from "./recognizers/street-address";
import { findUsSsns } from "./recognizers/us-ssn";
import { type Candidate, type Finding, PII_TYPES, type PiiType, type RedactOptions, type RedactResult } from "./types";

// Layers, run in this order: checksummed and validated patterns first (they are near-certain),
// then context-weighed ones, then addresses, then person names last, so that names never claim
// text that a stronger recognizer has already explained.
const LAYERS: Array<[PiiType, (text: string) => Candidate[]]> = [
  ["EMAIL", findEmails],
  ["IBAN", findIbans],
  ["CREDIT_CARD", findCreditCards],
  ["IP_ADDRESS", findIpAddresses],
  ["US_SSN", findUsSsns],
  ["PHONE", findPhones],
  ["DATE_OF_BIRTH", findDatesOfBirth],
  // Non-Latin scripts (CJK, Hangul, Cyrillic, Devanagari, Arabic): one scan shared by three layers,
  // each beside the Latin layer of its type; texts without such a character skip it.
  ["DATE_OF_BIRTH", findNonLatinDatesOfBirth],
  ["STREET_ADDRESS", findStreetAddresses],
  ["STREET_ADDRESS", findNonLatinAddresses],
  ["PERSON", findPersons],
  ["PERSON", findNonLatinPersons],
];

const LAYER_RANK = new Map(LAYERS.map(([type], i) => [type, i]));
const ALL_TYPES: ReadonlySet<PiiType> = new Set(PII_TYPES);

/** Keeps the best of overlapping candidates: higher confidence, then earlier layer, then longer span. */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  // Streets are often named after people ("Via Garibaldi"): a name inside an address is the address.
  const addresses = candidates.filter((c) => c.type === "STREET_ADDRESS" && c.confidence >= 0.7);
  const pool = candidates.filter((c) => c.type !== "PERSON" || !addresses.some((a) => a.start <= c.start && c.end <= a.end));
  const sorted = [...pool].sort(
    (a, b) =>
      b.confidence - a.confidence ||
      LAYER_RANK.get(a.type)! - LAYER_RANK.get(b.type)! ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    const clash = kept.filter((k) => c.start < k.end && k.start < c.end);
    if (clash.length === 0) {
      kept.push(c);
      continue;
    }
    // An address grown over a neighbouring phone or name keeps its longest part outside the winner.
    if (c.type === "STREET_ADDRESS") {
      let best: Candidate | undefined;
      let from = c.start;
      for (const k of [...clash].sort((a, b) => a.start - b.start)) {
        if (k.start - from > (best ? best.end - best.start : 0)) best = { ...c, start: from, end: k.start };
        from = Math.max(from, k.end);
      }
      if (c.end - from > (best ? best.end - best.start : 0)) best = { ...c, start: from, end: c.end };
      // Pieces of fewer than 4 characters are separators, not an address.
      if (best && best.end - best.start >= 4) kept.push(best);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The identity of a value for numbering: the same card or name written differently is the same value. */
function valueKey(type: PiiType, value: string): string {
  switch (type) {
    case "PHONE":
    case "CREDIT_CARD":
    case "US_SSN":
      return value.replace(/\D/g, "");
    case "IBAN":
    case "IP_ADDRESS":
      return value.replace(/\s/g, "").toLowerCase();
    default:
      return value.replace(/\s+/g, " ").trim().toLowerCase();
  }
}

/** Finds personal data in `text` and replaces each piece with `<TYPE_N>`, where N numbers distinct values per type in order of appearance. */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
  const types = options.types ? new Set(options.types) : ALL_TYPES;
  const minConfidence = options.minConfidence ?? 0.5;
  const candidates: Candidate[] = [];
  for (const [type, find] of LAYERS) {
    if (!types.has(type)) continue;
    for (const c of find(text)) if (c.confidence >= minConfidence) candidates.push(c);
  }
  // Most prompts carry no personal data: nothing to resolve or number.
  if (candidates.length === 0) return { redacted: text, findings: [] };
  const kept = resolveOverlaps(candidates);

  const numbers = new Map<string, number>();
  const counters = new Map<PiiType, number>();
  const findings: Finding[] = [];
  let redacted = "";
  let cursor = 0;
  for (const c of kept) {
    const key = `${c.type}\u0000${valueKey(c.type, text.slice(c.start, c.end))}`;
    let n = numbers.get(key);
    if (n === undefined) {
      n = (counters.get(c.type) ?? 0) + 1;
      counters.set(c.type, n);
      numbers.set(key, n);
    }
    const placeholder = `<${c.type}_${n}>`;
    findings.push({ type: c.type, start: c.start, end: c.end, confidence: Math.round(c.confidence * 100) / 100, placeholder });
    redacted += text.slice(cursor, c.start) + placeholder;
    cursor = c.end;
  }
  redacted += text.slice(cursor);
  return { redacted, findings };
}

/** Counts findings per type, in PII_TYPES order, omitting types with none. */
export function summarizeFindings(findings: readonly Pick<Finding, "type">[]): Array<{ type: PiiType; count: number }> {
  const counts = new Map<PiiType, number>();
  for (const f of findings) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  return PII_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! }));
}
