// Placeholders in stored texts, for showing reviewers what the redactor replaced. No word lists or
// recognizers here: safe to import from pages and client components.
import { PII_TYPES } from "./types";

// A placeholder as redact() writes it: "<PERSON_1>", "<STREET_ADDRESS_12>".
const PLACEHOLDER = /<([A-Z][A-Z_]*?)_(\d+)>/g;
const KNOWN: ReadonlySet<string> = new Set<string>(PII_TYPES);

/** A stored text cut into plain stretches and the placeholders the redactor wrote, in order. */
export type TextPart = { text: string; type?: string };

/**
 * Splits a stored (redacted) text at its placeholders, for showing them highlighted: raw personal
 * data is never stored, so what a reviewer can see is where and what kind of thing was replaced.
 */
export function placeholderParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(m[1]!)) continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[0], type: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Placeholders per type in a stored text, in the order types are listed (for texts stored before counts were). */
export function countPlaceholders(text: string): Array<{ type: string; count: number }> {
  const counts = new Map<string, number>();
  for (const part of placeholderParts(text)) if (part.type) counts.set(part.type, (counts.get(part.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count }));
}
