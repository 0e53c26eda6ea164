import { countTokens as countR50k, isWithinTokenLimit, setMergeCacheSize } from "gpt-tokenizer/encoding/r50k_base";

// Special tokens such as "<|endoftext|>" inside a prompt are counted as the plain text they are
// (by default the tokenizer throws on them).
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// The tokenizer's default cache of 100,000 words evicts its oldest entry by walking a Map full of
// deleted slots: once it was full, counting slowed from ~17 to ~90 µs per prompt. A small cache
// keeps the common words and stays fast.
setMergeCacheSize(5_000);

/**
 * Tokens as GPT-3 counted them (the r50k_base encoding of the paper's models), for the
 * "prompts over ~1k tokens were dropped" rule.
 */
export function countTokens(text: string): number {
  return countR50k(text, AS_PLAIN_TEXT);
}

/**
 * Whether `text` is over `limit` tokens. Every token covers at least one UTF-8 byte, so a text of
 * at most `limit` bytes needs no tokenizing (most prompts), and a longer one is counted only up to
 * the limit.
 */
export function exceedsTokenLimit(text: string, limit: number): boolean {
  if (Buffer.byteLength(text, "utf8") <= limit) return false;
  return isWithinTokenLimit(text, limit, AS_PLAIN_TEXT) === false;
}
