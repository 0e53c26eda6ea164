import { countTokens as countR50k, setMergeCacheSize } from "gpt-tokenizer/encoding/r50k_base";

// Special tokens such as "<|endoftext|>" inside a prompt are counted as the plain text they are
// (by default the tokenizer throws on them).
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// The tokenizer's default cache of 100,000 words evicts its oldest entry by walking a Map full of
// deleted slots: once it was full, counting slowed from ~17 to ~90 µs per prompt. A small cache
// keeps the common words and stays fast.
setMergeCacheSize(5_000);

// The tokenizer merges each word's bytes pairwise, in time that grows with the square of the word's
// length: one word of 16,000 letters took a quarter of a second, a megabyte would take minutes. So
// text is counted in pieces cut before a space or line break (where the tokenizer splits words
// anyway: the count is the same), and a word longer than WORD_PIECE characters in pieces of that
// length (such a word is no language, and its count is close enough).
const PIECE = 4_096;
const WORD_PIECE = 256;

/** The text in pieces whose token counts add up to the text's (see PIECE), in order. */
function* pieces(text: string): Generator<string> {
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + PIECE);
    if (to < text.length) {
      // The last whitespace that follows a non-whitespace character, so that runs of spaces stay whole.
      let cut = to;
      while (cut > from && !(isSpace(text.charCodeAt(cut)) && !isSpace(text.charCodeAt(cut - 1)))) cut--;
      to = cut > from ? cut : from + WORD_PIECE;
      // Not between the halves of a surrogate pair.
      if ((text.charCodeAt(to) & 0xfc00) === 0xdc00) to--;
    }
    yield text.slice(from, to);
    from = to;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** The longest run of characters without a space or line break in `piece`, up to `enough`. */
function longestWord(piece: string, enough: number): number {
  let longest = 0;
  let run = 0;
  for (let k = 0; k < piece.length && longest < enough; k++) {
    run = isSpace(piece.charCodeAt(k)) ? 0 : run + 1;
    if (run > longest) longest = run;
  }
  return longest;
}

function countPiece(piece: string): number {
  if (longestWord(piece, WORD_PIECE + 1) <= WORD_PIECE) return countR50k(piece, AS_PLAIN_TEXT);
  let count = 0;
  for (let from = 0; from < piece.length; ) {
    let to = Math.min(piece.length, from + WORD_PIECE);
    if ((piece.charCodeAt(to) & 0xfc00) === 0xdc00) to--;
    count += countR50k(piece.slice(from, to), AS_PLAIN_TEXT);
    from = to;
  }
  return count;
}

/**
 * Tokens as GPT-3 counted them (the r50k_base encoding of the paper's models), for the
 * "prompts over ~1k tokens were dropped" rule.
 */
export function countTokens(text: string): number {
  let count = 0;
  for (const piece of pieces(text)) count += countPiece(piece);
  return count;
}

/**
 * Whether `text` is over `limit` tokens. Every token covers at least one UTF-8 byte, so a text of
 * at most `limit` bytes needs no tokenizing (most prompts), and a longer one is counted only until
 * it passes the limit.
 */
export function exceedsTokenLimit(text: string, limit: number): boolean {
  if (Buffer.byteLength(text, "utf8") <= limit) return false;
  let count = 0;
  for (const piece of pieces(text)) {
    count += countPiece(piece);
    if (count > limit) return true;
  }
  return false;
}
