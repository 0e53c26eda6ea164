import { createHash } from "node:crypto";

// Twenty words is about two sentences: longer than the instruction of a typical template
// ("Write a product description for the following product:" is 8), so prompts that only share a
// template stay distinct, while re-sent prompts and few-shot prompts reusing the same examples
// collapse into one.
export const DEFAULT_DEDUP_PREFIX_WORDS = 20;

/** The words of a prompt with case and whitespace folded (and Unicode compatibility forms unified). */
export function dedupWords(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().split(/\s+/u).filter(Boolean);
}

/**
 * The key two prompts share exactly when one duplicates the other: the hash of the first
 * `prefixWords` folded words, or, for a prompt shorter than that, of all its words (so short
 * prompts are duplicates only when equal).
 */
export function dedupKey(text: string, prefixWords: number): string {
  const words = dedupWords(text);
  const kind = words.length >= prefixWords ? "prefix" : "whole";
  const basis = words.slice(0, prefixWords).join(" ");
  return `${kind}:${createHash("sha256").update(basis, "utf8").digest("base64url")}`;
}
