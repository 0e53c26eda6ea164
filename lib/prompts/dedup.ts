import { hash } from "node:crypto";
import { type ConversationMessage, readMessages, renderTranscript } from "@/lib/prompts/conversation";

// Twenty words is about two sentences: longer than the instruction of a typical template
// ("Write a product description for the following product:" is 8), so prompts that only share a
// template stay distinct, while re-sent prompts and few-shot prompts reusing the same examples
// collapse into one.
export const DEFAULT_DEDUP_PREFIX_WORDS = 20;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range spans all of ASCII on purpose.
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The first `limit` words of a prompt with case and whitespace folded (and Unicode compatibility
 * forms unified). Only those are collected, which keeps the key of a long prompt cheap.
 */
export function dedupWords(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  // ASCII text is its own NFKC form.
  const folded = (NON_ASCII.test(text) ? text.normalize("NFKC") : text).toLowerCase();
  // One piece more than wanted, as leading whitespace makes an empty first piece.
  const pieces = Number.isFinite(limit) ? folded.split(/\s+/u, limit + 1) : folded.split(/\s+/u);
  return pieces.filter(Boolean).slice(0, limit);
}

/**
 * The key two prompts share exactly when one duplicates the other: whether it stands for a prefix
 * (0) or for a whole prompt shorter than `prefixWords` (1), then the first 128 bits of the SHA-256
 * of those folded words; 17 bytes in base64. (So short prompts are duplicates only when equal.
 * At a billion prompts in a project, the chance of any two keys colliding is about 1e-21.)
 */
export function dedupKey(text: string, prefixWords: number): string {
  return keyOf(NO_WORDS, foldedWords(text, prefixWords), prefixWords);
}

/** Folded words joined by single spaces, and how many there are. */
type FoldedWords = { joined: string; count: number };

const NO_WORDS: FoldedWords = { joined: "", count: 0 };

/** dedupWords(text, limit), joined by single spaces. */
function foldedWords(text: string, limit = Number.POSITIVE_INFINITY): FoldedWords {
  const words = asciiPrefixWords(text, limit) ?? dedupWords(text, limit);
  return Array.isArray(words) ? { joined: words.join(" "), count: words.length } : words;
}

// ASCII's whitespace (what \s matches below 0x80): tab, line feed, vertical tab, form feed, carriage return, space.
const isAsciiSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);

/**
 * dedupWords's result for a text whose first `limit` words and the character that ends the last of
 * them are ASCII (null otherwise), read without normalizing, lower-casing or splitting the whole
 * text: the common case, and most of a key's cost. What follows cannot change those words: NFKC
 * composes no character with an ASCII space before it, and ASCII lower-cases on its own.
 */
function asciiPrefixWords(text: string, limit: number): FoldedWords | null {
  let count = 0;
  let start = -1;
  let end = 0;
  // Whether the words found so far are separated by one space each, so the slice needs no rewriting.
  let singleSpaced = true;
  let at = 0;
  while (count < limit) {
    let code = text.charCodeAt(at);
    while (at < text.length && isAsciiSpace(code)) code = text.charCodeAt(++at);
    if (at >= text.length) break;
    if (code >= 0x80) return null;
    if (start < 0) start = at;
    else if (at !== end + 1 || text.charCodeAt(end) !== 32) singleSpaced = false;
    while (at < text.length && !isAsciiSpace(code)) {
      if (code >= 0x80) return null;
      code = text.charCodeAt(++at);
    }
    end = at;
    count++;
  }
  if (!count) return NO_WORDS;
  const words = text.slice(start, end);
  return { joined: (singleSpaced ? words : words.replace(/[\t-\r ]+/g, " ")).toLowerCase(), count };
}

function keyOf(head: FoldedWords, words: FoldedWords, prefixWords: number): string {
  const joined = head.count && words.count ? `${head.joined} ${words.joined}` : head.joined + words.joined;
  // The key is built in the digest's own buffer (no second one): its first 16 bytes move up one for the flag.
  const digest = hash("sha256", joined, "buffer");
  digest.copyWithin(1, 0, 16);
  digest[0] = words.count >= prefixWords ? 0 : 1;
  return digest.toString("base64", 0, 17);
}

/**
 * A conversation's dedup key, on its role-tagged transcript: its leading system messages count
 * whole, and the long-prefix rule applies from the first turn after them. Applications send one
 * system prompt with every conversation, often longer than the prefix; counted in the prefix, it
 * would make every conversation a duplicate of the first. Without a system message, the key is
 * dedupKey of the transcript.
 */
export function conversationDedupKey(messages: readonly ConversationMessage[], prefixWords: number): string {
  const system = messages.findIndex((message) => message.role !== "system");
  const head = system < 0 ? messages.length : system;
  return keyOf(
    foldedWords(renderTranscript(messages.slice(0, head))),
    foldedWords(renderTranscript(messages.slice(head)), prefixWords),
    prefixWords,
  );
}

/** A stored prompt's dedup key: on its conversation when it has one, else on its text. */
export function promptDedupKey(prompt: { text: string; messages?: unknown }, prefixWords: number): string {
  const messages = readMessages(prompt.messages);
  return messages ? conversationDedupKey(messages, prefixWords) : dedupKey(prompt.text, prefixWords);
}
