import { getLexicon } from "../lexicon";
import { hasNoCapital, isBlank, MONTH_NAMES, WEEKDAY_NAMES } from "../text";
import type { Candidate } from "../types";

// Street types written after the street name ("221B Baker Street", "90 Whitchurch Rd").
const SUFFIX_TYPES =
  "street|st|str|road|rd|avenue|ave|av|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|square|sq|terrace|ter|way|highway|hwy|parkway|pkwy|circle|cir|crescent|cres|close|row|walk|trail|trl|turnpike|tpke|pike|alley|plaza|route|rte|expressway|expy|freeway|mall|coves?|union|crossing|xing|gardens?|grove|heights|hill|hills|park|path|point|ridge|run|spur|stravenue|village|ville|vista|view|wharf|quay|parade|esplanade|mews|green|gate|rise|bypass|causeway|loop|pass|pines|port|shoals?|springs?|station|summit|track|trace|tunnel|underpass|valley|viaduct|wells?|estates?|fields?|flats?|fords?|forge|fork|glen|harbor|haven|isle|junction|keys?|knolls?|lakes?|landing|lights?|lodge|manor|meadows?|mills?|mission|motorway|mount|mountain|neck|orchard|oval|plains?|prairie|radial|ranch|rapids?|rest|shores?|skyway|squares?|streets|throughway|trafficway|villages?|ways?|út|utca|körút|tér|rkp|krt|ul|str\\.";
// Street types written before the name ("Via Roma 131", "Rue de Virton 38", "ul. Biskupa 118").
const PREFIX_TYPES =
  "via|viale|piazza|piazzetta|corso|largo|vicolo|strada|rue|chemin|impasse|allée|quai|calle|avenida|av\\.|paseo|plaza|carrer|camino|rua|travessa|praça|estrada|alameda|ul\\.|ulica|aleja|al\\.|trg|ulitsa|ulitza|prospekt|str\\.|odos|leoforos|iroon|platia|plateia|avinguda|rambla|jl\\.|jln\\.|jalan";
// Street words glued to the name ("Hammarvägen", "Passauer Strasse", "Koskikatu", "Asselsestraat").
const COMPOUND =
  "stra(?:ss|ß)e|str\\.|weg|gasse|allee|platz|ring|damm|ufer|steig|pfad|chaussee|vägen|gatan|gränd|torget|backe|stigen|vej|gade|allé|stræde|veien|vei|gata|gate|vegen|veg|katu|tie|kuja|polku|raitti|straat|laan|plein|gracht|kade|singel|steeg|dreef|utca|út|tér|körút|cesta|ulica|iela|gatve|tänav|maantee|vænget|bakken|brekka|braut|gata|stígur|vegur";

// Prepositions, articles and conjunctions (English, German, Dutch, Scandinavian) that stand before a
// street's name but are no part of it.
const NEVER_OPENS_STREET_NAME =
  "(?:a|an|the|to|in|at|on|of|from|into|onto|near|by|for|with|and|or|is|was|der|die|das|im|am|auf|zur|zum|nach|bei|und|op|aan|naar|på|och|og|till)";
// A word of a street name, or an ordinal ("W 106th St", "5th Avenue").
const W = "(?:[\\p{Lu}\\p{Ll}][\\p{L}\\p{M}'’.-]*|\\d{1,3}(?:st|nd|rd|th))";
const STREET_TYPE_AFTER = new RegExp(`^[ \\t]+(?:${SUFFIX_TYPES})(?![\\p{L}\\p{N}])\\.?`, "iu");
// A house number, with a French repeat mark ("8 bis", "12 ter") when there is one.
const NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,4}[A-Za-z]?){0,2}(?:[ \\t]+(?:bis|ter|quater)\\b,?)?";

/**
 * The words of a street-type alternation ("coves?", "av\\.") as plain lower-case words: a street
 * pattern built on the alternation can only match a text that has one of them as a word.
 */
function typeWords(alternation: string): ReadonlySet<string> {
  const words = new Set<string>();
  for (const alternative of alternation.split("|")) {
    const word = alternative.replace(/\\\./g, "");
    for (const form of word.endsWith("?") ? [word.slice(0, -2), word.slice(0, -1)] : [word]) {
      if (!/^\p{L}+$/u.test(form)) throw new Error(`The street type "${alternative}" is not a plain word.`);
      words.add(form);
    }
  }
  return words;
}
const SUFFIX_WORDS = typeWords(SUFFIX_TYPES);
const PREFIX_WORDS = typeWords(PREFIX_TYPES);

const SUFFIX_TYPE = 1;
const PREFIX_TYPE = 2;
const LONGEST_TYPE_WORD = Math.max(...[...SUFFIX_WORDS, ...PREFIX_WORDS].map((w) => w.length));

function typesOfWord(word: string): number {
  return (SUFFIX_WORDS.has(word) ? SUFFIX_TYPE : 0) | (PREFIX_WORDS.has(word) ? PREFIX_TYPE : 0);
}

/** A hash of a run of ASCII letters as lower case (codes ORed with 32), for a first test without slicing it. */
function asciiWordHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code | 32)) | 0;
}
const TYPE_WORD_HASHES = new Set(
  [...SUFFIX_WORDS, ...PREFIX_WORDS].map((w) => [...w].reduce((h, ch) => asciiWordHash(h, ch.charCodeAt(0)), 0)),
);
// The same hashes as bits of a table of 4,096 (the hash's low 12 bits): a bit test turns away most
// words, where a look-up in the set cost a third of streetTypesIn's time.
const TYPE_HASH_BITS = new Int32Array(128);
for (const hash of TYPE_WORD_HASHES) TYPE_HASH_BITS[(hash >>> 5) & 127]! |= 1 << (hash & 31);

function mayBeTypeWordHash(hash: number): boolean {
  return (TYPE_HASH_BITS[(hash >>> 5) & 127]! & (1 << (hash & 31))) !== 0 && TYPE_WORD_HASHES.has(hash);
}

/**
 * Which street-type word sets (SUFFIX_TYPE, PREFIX_TYPE bits) have a word in `text`, as its
 * lower-case words split at anything but a letter would tell ("ſ" folds to "s", as in the patterns).
 * Lower-casing leaves every ASCII character that is no letter as it is, so the text is read run by
 * run between them: a run of ASCII letters is one word, looked up only when its hash is a type
 * word's; only a run with other characters in it is lower-cased and split (most texts have none,
 * and are not copied whole). The start of every run that holds a SUFFIX_TYPES word is added to
 * `suffixRuns`, in order.
 */
function streetTypesIn(text: string, suffixRuns: number[]): number {
  let found = 0;
  const n = text.length;
  for (let k = 0; k < n; k++) {
    let code = text.charCodeAt(k);
    if (!isRunCharacter(code)) continue;
    const start = k;
    let ascii = true;
    let hash = 0;
    // Each character is read once: the run ends at k, on the first character that is not of it.
    for (;;) {
      if (code >= 128) ascii = false;
      else hash = asciiWordHash(hash, code);
      if (++k >= n) break;
      code = text.charCodeAt(k);
      if (!isRunCharacter(code)) break;
    }
    let types = 0;
    if (ascii) {
      if (k - start <= LONGEST_TYPE_WORD && mayBeTypeWordHash(hash)) types = typesOfWord(text.slice(start, k).toLowerCase());
    } else {
      for (const word of text
        .slice(start, k)
        .toLowerCase()
        .replace(/ſ/g, "s")
        .split(/[^\p{L}]+/u))
        types |= typesOfWord(word);
    }
    if (types & SUFFIX_TYPE) suffixRuns.push(start);
    found |= types;
  }
  return found;
}

/** Whether `s` holds a street-type word ("St", "Road", "Via", ...). */
export function holdsStreetTypeWord(s: string): boolean {
  return streetTypesIn(s, []) !== 0;
}

/** An ASCII letter or any character beyond ASCII: what a run of streetTypesIn is made of. */
function isRunCharacter(code: number): boolean {
  return code >= 128 || isAsciiLetter(code);
}

const COMPOUND_WHOLE = new RegExp(`^(?:${COMPOUND})$`, "i");
// Street words no English word ends in: glued to anything ("hauptstraße 5", "Kantstraße 5") they make a street.
const UNMISTAKABLE_STREET_END =
  /(?:stra(?:ss|ß)e|str\.|gasse|allee|allé|platz|chaussee|vägen|gatan|gränd|torget|stræde|straat|gracht|katu|utca|körút|tänav|maantee)$/i;
// A compound-street match as the name before its street word, the street word, and the number.
const COMPOUND_STREET_PARTS = /^(.*?)(\S+)\s+\d\S*(?:[ \t]+\S+)?$/su;

/**
 * Whether a match of the compound-street anchor ("Hammarvägen 15", "Karl Johans gate 31") names a
 * street, not prose whose word merely ends in a street word ("during 1998", "the string 5", "The
 * spring 2020", "a ring 4 mm"). An unmistakable street word (…straße, …gatan, …katu) always does;
 * another glued to a name (…weg, …ring, …gate) needs that word to be no everyday English word and,
 * in text with capitals, capitalised ("Bahnhofweg", "Kaiser-Wilhelm-Ring"); standing alone ("gate",
 * "tie", "ring") it needs a name before it, likewise no everyday word ("Johans gate", not "a tie").
 */
function namesCompoundStreet(match: string, isLowercaseText: boolean): boolean {
  const parts = COMPOUND_STREET_PARTS.exec(match);
  if (parts === null) return true;
  const [, before, word] = parts as unknown as [string, string, string];
  if (UNMISTAKABLE_STREET_END.test(word)) return true;
  const { common } = getLexicon();
  const named = (w: string) => (isLowercaseText || /^\p{Lu}/u.test(w)) && !common.has(w.toLowerCase());
  if (!COMPOUND_WHOLE.test(word)) return named(word);
  return before.trim() !== "" && named(before.trim());
}

// A COMPOUND street word before white space and a digit, which every compound street has. One regex
// search costs a quarter less than a loop over the text's characters that asks only where a digit
// follows white space (0.25 against 0.33 ms per pass over the dev set's texts with digits). It is
// written from the digit back (white space and a digit, then the street word looked behind for), so
// that the search stops only where white space is before a digit, not at every letter a street word
// may start with: half the time (0.12 against 0.22 ms per pass).
const COMPOUND_BEFORE_NUMBER = new RegExp(`\\s+\\d(?<=(?:${COMPOUND})\\s+\\d)`, "i");

// A character a COMPOUND word can end in (a letter or "."; any other letter, which the u flag may
// fold to one, as "ſ" to "s"), before white space and a digit.
const STREET_WORD_END_BEFORE_NUMBER = /(?:[A-Za-z.]|(?!\s)[\u00a0-\uffff])(?=\s+\d)/g;
// A COMPOUND street word ending where this is tried (lastIndex), read as the compound-street pattern reads it.
const COMPOUND_ENDS_HERE = new RegExp(`(?<=${COMPOUND})`, "iuy");

/**
 * The next match of the compound-street pattern `re` from its lastIndex (as nextMatch gives it), tried
 * only where one can start. The pattern is slow to fail: at every letter of a long word ("Mogyorósbánya")
 * it tries every street word at every shorter end, and left to itself it tries every place up to the
 * text's end after the last street. A match holds its street word, then white space and a digit; no
 * white space before the word but one run after a first word ("Passauer Strasse 33"); and no white
 * space followed by a digit before that. So the first place `end` after lastIndex where a character a
 * street word can end in stands before white space and a digit tells every match that starts at or
 * before it: its street word ends at `end`, and it starts no earlier than the word before the one
 * ending there. Those few places are tried in order, with a sticky copy of `re`, where a street word
 * ends at `end`; where none matches, the next such place is looked for after it.
 */
function nextCompoundStreet(re: RegExp, { text }: AddressSearch): RegExpExecArray | null {
  const sticky = stickyCopy(re);
  for (let from = re.lastIndex; ; ) {
    STREET_WORD_END_BEFORE_NUMBER.lastIndex = from;
    const found = STREET_WORD_END_BEFORE_NUMBER.exec(text);
    if (found === null) return null;
    const end = found.index;
    COMPOUND_ENDS_HERE.lastIndex = end + 1;
    if (COMPOUND_ENDS_HERE.test(text)) {
      // The start of the word before the one that ends at `end` (whose last character is no space).
      const start = Math.max(from, wordsBack(text, end + 1, 2));
      for (let at = start; at <= end; at++) {
        // Between two ASCII letters no match starts first: with no word boundary there the pattern can
        // only start in the middle of a run of letters, and would have matched one letter earlier too.
        if (at > start && isAsciiLetter(text.charCodeAt(at - 1)) && isAsciiLetter(text.charCodeAt(at))) continue;
        // Nor in the middle of a surrogate pair, where a pattern with the u flag never starts.
        if (at > start && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) continue;
        sticky.lastIndex = at;
        const m = sticky.exec(text);
        if (m !== null) {
          re.lastIndex = sticky.lastIndex;
          return m;
        }
      }
    }
    from = end + 1;
  }
}

/**
 * The next match of the street-type-after pattern ("12 Main St", ANCHORS[0]) from its lastIndex (as
 * nextMatch gives it), tried only at the digits a few words before a street-type word. A match is a
 * house number, then up to four words, then its street type after white space: six runs of white
 * space at most, and the type word is in a run of letters that streetTypesIn found to hold one
 * (search.suffixRuns; a run has no digit, so none starts inside it). A match that starts at or before
 * the first such run after lastIndex starts no earlier than seven stretches of characters other than
 * white space back from it (one more for a run that starts inside a stretch, "(Main St"); one that
 * starts later, no earlier than seven back from a later run. So those stretches are tried, run by run,
 * at each digit that opens a number, with a sticky copy of the pattern; the pattern by itself tries
 * every number of the text and reads the words after it for a street type.
 */
function nextSuffixStreet(re: RegExp, { text, suffixRuns }: AddressSearch): RegExpExecArray | null {
  const sticky = stickyCopy(re);
  let from = re.lastIndex;
  for (let i = firstAtOrAfter(suffixRuns, from); i < suffixRuns.length; i++) {
    const run = suffixRuns[i]!;
    const start = Math.max(from, wordsBack(text, run, 7));
    for (let p = start; p < run; p++) {
      if (!isDigit(text.charCodeAt(p)) || (p > start && isDigit(text.charCodeAt(p - 1)))) continue;
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (m !== null) {
        re.lastIndex = sticky.lastIndex;
        return m;
      }
    }
    from = Math.max(from, run);
  }
  return null;
}

/** The start of the `words`th stretch of characters other than white space back from `at`. */
function wordsBack(text: string, at: number, words: number): number {
  let start = at;
  for (let k = 0; k < words; k++) {
    while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
    while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start--;
  }
  return start;
}

const stickyCopies = new Map<RegExp, RegExp>();
/** `re` with the sticky flag too: it matches only where its lastIndex is. */
function stickyCopy(re: RegExp): RegExp {
  let copy = stickyCopies.get(re);
  if (copy === undefined) {
    copy = new RegExp(re.source, `${re.flags.replace("g", "")}y`);
    stickyCopies.set(re, copy);
  }
  return copy;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// `pre`, when given, is a cheaper test that any match of `re` passes: without it `re` is not run.
// `types`, likewise: `re` runs only on a text that has one of these words.
// `gate`, likewise: a cheap test written by hand.
// `accept`, when given, must pass on a match for it to count.
// `next`, when given, finds the next match of `re` from its lastIndex instead of nextMatch.
type Anchor = {
  re: RegExp;
  confidence: number;
  pre?: RegExp;
  gate?: (text: string) => boolean;
  types?: number;
  accept?: (match: string, isLowercaseText: boolean) => boolean;
  next?: (re: RegExp, search: AddressSearch) => RegExpExecArray | null;
};

/**
 * The anchors with every field present, in one order: objects of one shape, whose fields the loop
 * over them (every text with a digit, each anchor) reads at once instead of looking them up
 * among the shapes that anchors of different fields have.
 */
function ofOneShape(anchors: Anchor[]): Anchor[] {
  return anchors.map(({ re, confidence, pre, gate, types, accept, next }) => ({ re, confidence, pre, gate, types, accept, next }));
}

const ANCHORS: Anchor[] = ofOneShape([
  // 12 Main St · 221B Baker Street · 1987 74 Diakou Street
  {
    re: new RegExp(`\\b${NUM}\\s+(?:${W}\\s+){1,4}?(?:${SUFFIX_TYPES})(?![\\p{L}\\p{N}])\\.?`, "giu"),
    confidence: 0.8,
    types: SUFFIX_TYPE,
    next: nextSuffixStreet,
  },
  // Hungarian and Central European street abbreviations after the name: "Király u. 15.", "Erzsébet tér 19."
  {
    re: new RegExp(
      `(?:\\b${NUM}\\s+)?(?:[\\p{Lu}][\\p{L}\\p{M}'’-]*\\s+){1,3}(?:u\\.|utca|út|tér|körút|krt\\.|rkp\\.)\\s+${NUM}\\.?`,
      "gu",
    ),
    confidence: 0.8,
    pre: /(?:u\.|utca|út|tér|körút|krt\.|rkp\.)\s+\d/u,
  },
  // Via Roma 131 · Rue de Virton 38
  { re: new RegExp(`(?<![\\p{L}])(?:${PREFIX_TYPES})\\s+(?:${W}\\s+){0,4}?${NUM}\\b`, "giu"), confidence: 0.8, types: PREFIX_TYPE },
  // 15 Rue de la Paix · 10 Via Roma
  // Québec puts a comma after the number: "615, rue Saint-Jean".
  { re: new RegExp(`\\b${NUM},?\\s+(?:${PREFIX_TYPES})\\s+(?:${W}(?:\\s+|(?=,))){1,4}`, "giu"), confidence: 0.8, types: PREFIX_TYPE },
  // French streets with the type first after the number: "8 bis, avenue Jean Jaurès", "5 place Bellecour".
  // The type words are also ordinary English ("3 place settings"), so a capitalised name must follow.
  {
    re: new RegExp(
      `\\b${NUM}[ \\t]+(?:[Aa]venue|[Bb]oulevard|[Bb]d|[Cc]ours|[Pp]lace|[Rr]oute|[Aa]llée|[Ii]mpasse|[Pp]assage)[ \\t]+(?:(?:de la|de|du|des|la|le)[ \\t]+|[dl]['’])?[\\p{Lu}][\\p{L}\\p{M}'’-]*(?:[ \\t]+(?:[\\p{Lu}][\\p{L}\\p{M}'’-]*|de|du|des|la|le)){0,3}`,
      "gu",
    ),
    confidence: 0.8,
    pre: /\d,?[ \t]+(?:bis|ter|quater|[Aa]venue|[Bb]oulevard|[Bb]d|[Cc]ours|[Pp]lace|[Rr]oute|[Aa]llée|[Ii]mpasse|[Pp]assage)[ \t,]/,
  },
  // Hammarvägen 15 · Passauer Strasse 33 · Rákóczi út 66.
  // Martin-Luther-King-Straße 9: hyphenated names before the street word.
  // The word before is part of the name ("Alte Hauptstraße 5"), but not a preposition or an article
  // ("refers to Loorenstrasse 149", "wohne in der Hauptstraße 5").
  {
    re: new RegExp(`(?:\\b(?!${NEVER_OPENS_STREET_NAME}\\s)${W}\\s+)?(?:\\p{L}+-)*\\p{L}*(?:${COMPOUND})\\s+${NUM}\\b\\.?`, "giu"),
    confidence: 0.8,
    gate: (text) => COMPOUND_BEFORE_NUMBER.test(text),
    accept: namesCompoundStreet,
    next: nextCompoundStreet,
  },
  // Japanese block addresses, chōme-banchi-gō then a ward or city: "3-14-2 Jingumae, Shibuya-ku, Tokyo".
  {
    re: /\b\d{1,2}-\d{1,2}(?:-\d{1,3})?[ \t]+[\p{Lu}][\p{L}\p{M}-]*,[ \t]*[\p{Lu}][\p{L}\p{M}]*-(?:ku|shi|cho|chō|machi|mura|gun)\b/gu,
    confidence: 0.8,
    pre: /-(?:ku|shi|cho|chō|machi|mura|gun)\b/,
  },
  // Turkish streets, the type after the name and "No:" before the number: "Atatürk Bulvarı No: 127/4".
  {
    re: new RegExp(
      `(?:[\\p{Lu}][\\p{L}\\p{M}'’-]*[ \\t]+){1,3}(?:Bulvarı|Caddesi|Cad\\.|Cd\\.|Sokak|Sokağı|Sok\\.|Sk\\.|Mahallesi|Mah\\.)[ \\t,]+(?:No\\s*[:.]?\\s*)?${NUM}`,
      "gu",
    ),
    confidence: 0.8,
    pre: /(?:Bulvarı|Caddesi|Cad\.|Cd\.|Sokak|Sokağı|Sok\.|Sk\.|Mahallesi|Mah\.)/u,
  },
  // PO boxes and US military addresses
  { re: /\b(?:P\.? ?O\.? ?Box|Post Office Box|Postbox)\s+\d{1,6}\b/gi, confidence: 0.85, pre: /box\s/i },
  { re: /\b(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{3,5}(?:[\s,]+[AFD]PO\s+A[AEP]\s+\d{5})?/gi, confidence: 0.9, pre: /box\s/i },
  // Ships: "USNS Brittin\nFPO AE 09308", "USCGC Khadzhiyev, FPO AA 65607", in any case.
  {
    re: /\b(?:USNS|USNV|USCGC|USS|USN)\s+\p{L}[\p{L}-]+(?:\s+\p{L}[\p{L}-]+)?[\s,]+[AFD]PO\s+A[AEP]\s+\d{5}/giu,
    confidence: 0.9,
    pre: /[AFD]PO\s+A[AEP]\s+\d/i,
  },
]);

// "5366 Pivovarská 276", "7878 Rahu 37": house number, name, number. Ambiguous with prose
// ("2019 Python 3"), so it counts only beside address wording or a unit designator. The name's
// capitalised words may have particles between them: "6570 Jiřího z Poděbrad 1874".
const NUM_NAME_NUM =
  /\b\d{1,6}[ \t]+(?:[\p{Lu}][\p{L}\p{M}'’.-]*[ \t]+(?:(?:z|ze|na|nad|pod|u|v|ve|de|da|di|del|la|van|von|der|den)[ \t]+(?=\p{Lu}))?){1,4}\d{1,5}[A-Za-z]?\b/gu;
// A capital with no letter or digit before it (looked back for past the capital: the same as a
// lookbehind before it, but every position that is no capital fails at once, without looking back).
const NAME_NUM =
  /[\p{Lu}](?<![\p{L}\p{N}]\p{Lu})[\p{L}\p{M}'’-]+[ \t]+(?:[\p{Lu}][\p{L}\p{M}'’-]+[ \t]+){0,2}\d{1,5}[A-Za-z]?(?:\/\d{1,5})?\b(?![.,:/]\d)/gu;

// A weekday, or a month name beside a day of the month or a year: the words of a date.
const DATE_WORDING = new RegExp(
  `(?<![\\p{L}])(?:(?:${WEEKDAY_NAMES})\\.?(?![\\p{L}])|(?:${MONTH_NAMES})\\.?[ \\t]+(?:\\d{1,2}|(?:19|20)\\d\\d)(?!\\d)|\\d{1,2}[ \\t]+(?:${MONTH_NAMES})\\.?(?![\\p{L}]))`,
  "iu",
);

const NAME_NUM_TYPE =
  /(?<![\p{L}\p{N}])(?:[Cc]\/[ \t]*)?([\p{Lu}][\p{L}\p{M}'’-]*(?:[ \t]+[\p{L}][\p{L}\p{M}'’-]*){0,3})[ \t]+\d{1,5}[A-Za-z]?\.?[ \t]+(?:St\b\.?|st\b\.?|Street\b|street\b)/gu;
const NAME_NUM_TYPE_LOWER =
  /(?<![\p{L}\p{N}])(?:c\/[ \t]*)?(\p{L}[\p{L}\p{M}'’-]*(?:[ \t]+[\p{L}][\p{L}\p{M}'’-]*){0,2})[ \t]+\d{1,5}[a-z]?\.?[ \t]+(?:st\b\.?|street\b)/gu;

const ADDRESS_CUE =
  /\b(address(?:es)?(?: is| was| of [^:]{1,40} is|:)?|addr\.?:?|lives? (?:at|on|in)|lived (?:at|on|in)|living at|located at|offices? (?:is |are )?(?:at|located at)|office is at|reside(?:s|d)? at|moved to|move to|sent to|send (?:it |them |this |that |a new one )?to|ship it to|deliver(?:ed)? to|ship(?:ped)? to|mail(?:ed)? to|return(?:ed)? to|drops? (?:you |me )?off at|arrived at|meet (?:me|you|us) at|taxi to|stop at|enter on|side of|corner of|billing address|shipping address|home address|following\?|it is|it's in|here they are:|with|(?:is|are) (?:at|on)|(?:once |now )?lived? in|address (?:to|with))\s*$/i;

// The last word of every ADDRESS_CUE phrase (those ending in ":" or "?" aside): a cheap test that
// must pass before the regex, which is slow to fail, is run.
const ADDRESS_CUE_LAST_WORDS = new Set(["address", "addresses", "addr", "is", "was", "at", "on", "in", "to", "of", "with"]);

/** Whether only spaces, tabs and list marks (">", "?", "*", "-") stand between a line break and `at`. */
function opensLine(text: string, at: number): boolean {
  let k = at - 1;
  for (; k >= 0 && at - k <= 60; k--) {
    const c = text.charCodeAt(k);
    if (c === 10) return true;
    if (!(c === 32 || c === 9 || c === 62 || c === 63 || c === 42 || c === 45)) return false;
  }
  return false;
}

/** ADDRESS_CUE on the 60 characters before `at`, run only when the word before `at` can end a cue. */
function addressCueBefore(text: string, at: number): boolean {
  let e = at;
  while (e > 0 && (text.charCodeAt(e - 1) === 32 || (text.charCodeAt(e - 1) >= 9 && text.charCodeAt(e - 1) <= 13))) e--;
  const last = text.charCodeAt(e - 1);
  if (e > 0 && last !== 58 && last !== 63) {
    if (last === 46) e--; // "addr."
    let b = e;
    while (b > 0 && b > e - 10 && isAsciiLetter(text.charCodeAt(b - 1))) b--;
    if (b === e || !ADDRESS_CUE_LAST_WORDS.has(text.slice(b, e).toLowerCase())) return false;
  } else if (e === 0) return false;
  return ADDRESS_CUE.test(text.slice(Math.max(0, at - 60), at));
}

// Unit designators are whole words ("Unit 5", not the "Unit" of "United States"). Unambiguous
// ones take any short value ("Apt 3B", "Flat C"); short or foreign ones, which are also ordinary
// abbreviations ("m.", "int.", "sc."), only a number: Polish "m. 17", Italian "int. 4", "scala B" aside.
// Spanish floors and doors: "3º B", "2.ª izq.", "piso 4". At most four in one step ("Bldg 4, Floor 2,
// Room 12, Desk 3"): a run of them in dense text is read a few at a time, not to the window's end.
const UNIT =
  /^(?:[\s,]*(?:(?:(?:Apt|Apto|Apartment|Appt|Appartement|Suite|Ste|Unit|Box|Floor|Fl|Room|Rm|Bldg|Building|Flat|Piso|Planta|Puerta|Pta|Escalera|Esc|Dpto|Depto|Departamento|Interno|Scala|Piano|Whg|Wohnung|Stiege|Étage|Etage|Bât|Bat|Block|Blk|Tower|Wing|Lgh|Lägenhet|Conj|Conjunto|Cj|Sala|Bloco|Andar|Lote|Loja)\b\.?|App\.|#)\s*(?:\d{1,3}[-./]\d{1,5}\b|[\w-]{1,6}\.?)|(?:m|int|lok|sc|kv|d|dom)\.\s*\d{1,4}[A-Za-z]?\b|\d{1,2}\.\s?(?:th|tv|mf|sal)\b\.?|st\.\s?(?:th|tv|mf)\b\.?|(?:[IVX]{1,4}|\d{1,2})\.\s?em(?:elet)?\b\.?(?:\s?\d{1,3}\b\.?(?:\s?ajtó)?)?|fszt\b\.?(?:\s?\d{1,3}\b\.?)?|\d{1,2}\.?\s*[º°ª](?:\s*(?:[A-Z]\b|(?:izq|izda|dcha|dch|dr|der)\b\.?))?)){1,4}/iu;

// Also Argentine CPA codes, "C1045AAB".
const POSTCODE_ALNUM =
  /^,?[ \t]*(?:[A-Z]{2}[ \t]+)?(?:[A-HJ-NP-Z]\d{4}[A-Z]{3}|[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d|(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4})\b/;
// Written from the digits back (they are rarer than letters, which every word starts with).
const IBAN_SHAPE_PRE = /\d{2}(?<=\b[A-Z]{2}\d{2})[ ]?[A-Z0-9]{4}[ ]?\d/;
const IBAN_SHAPE = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;
const TOWN_POSTCODE =
  /\bin[ \t]+((?:[\p{Lu}][\p{L}\p{M}'’-]*[ \t]+(?:(?:de|da|do|di|del|la|le)[ \t]+)?){1,3})(\d{4,5}(?:-\d{3})?|\d{3} \d{2})(?=[ \t]+(?:in|on|and|to|for|with|by)\b|[.,;:!?)]|[ \t]*$)/gmu;
// Also a block letter and flat number alone, as Indian addresses open: "B-204, Lotus Residency, Baner Road, Pune 411045".
// And house and plot numbers ("House 27, Street 9, …", "Plot 14, Adeola Odeku Street, …"), and Kerala's
// ward-and-door numbers, "TC 25/1482, Vazhuthacaud, Thiruvananthapuram 695014".
// In lower-case text, the town is in lower case too: "in barra de carrasco 15000 in its mission".
const TOWN_POSTCODE_LOWER = new RegExp(TOWN_POSTCODE.source.replace("[\\p{Lu}]", "\\p{Ll}"), TOWN_POSTCODE.flags);
// What every UNIT_FIRST match ends in, a digit (perhaps then a letter) before a comma: a scan that
// stops only at digits, before the pattern's, which tries every word.
const NUMBER_BEFORE_COMMA = /\d[A-Za-z]?,/;
const UNIT_FIRST =
  /\b(?:(?:Flat|Apt\.?|Apartment|Unit|Suite|House(?: No\.?)?|Door No\.?|Plot(?: No\.?)?)[ \t]*#?\d{1,5}[A-Za-z]?(?:\/\d{1,4})?|(?<![\w-])[A-Z]-\d{1,4}(?![\w-])|(?<![\w-])[A-Z]{2,3}[ \t]?\d{1,4}\/\d{1,5}(?![\w/-]))(?=,)/gi;

const STOP_WORD_LIST =
  "I|Please|Thanks|Thank|Can|Could|Is|Are|Do|Does|The|This|That|It|We|You|He|She|They|My|Our|Call|Cool|Oh|Who|What|When|Where|Why|How";
const STOP_WORDS = new RegExp(`^(?:${STOP_WORD_LIST})$`);
/** The first stop word of a text that is a whole token (a run of letters, apostrophes and hyphens). */
const STOP_WORD_IN = new RegExp(`(?<![\\p{L}'’-])(?:${STOP_WORD_LIST})(?![\\p{L}'’-])`, "u");

/** Whether `code` is a character that the regex class \\s matches. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isCapitalAscii(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** `s` without the white space and commas at its end (as s.replace(/[\\s,]+$/, "")). */
function trimSpacesAndCommas(s: string): string {
  let e = s.length;
  while (e > 0 && isSpaceOrComma(s.charCodeAt(e - 1))) e--;
  return e === s.length ? s : s.slice(0, e);
}

const MANY_WORDS = Symbol("several words");
/**
 * The words of `s` split at white space and commas, as s.split(/[\\s,]+/).filter(Boolean) would give
 * them, told without building that array: undefined for none, the word for one, MANY_WORDS for more.
 */
function soleWord(s: string): string | undefined | typeof MANY_WORDS {
  let start = -1;
  let end = -1;
  for (let k = 0; k < s.length; ) {
    if (isSpaceOrComma(s.charCodeAt(k))) {
      k++;
      continue;
    }
    if (start >= 0) return MANY_WORDS;
    start = k;
    while (k < s.length && !isSpaceOrComma(s.charCodeAt(k))) k++;
    end = k;
  }
  return start < 0 ? undefined : s.slice(start, end);
}

function isSpaceOrComma(code: number): boolean {
  return code === 44 || isSpace(code);
}

/**
 * "20 app that exposes port", "5 things that park": a number, then lower-case words only, all of
 * them everyday words or with a function word among them (no street is named "that ... port").
 */
function lowercaseProse(match: string): boolean {
  // Most matches have a capitalised word ("12 Main Street"): told without splitting them into words.
  if (CAPITALISED_WORD.test(match)) return false;
  const words = match.match(/\p{L}[\p{L}\p{M}'’.-]*/gu) ?? [];
  if (words.length < 2 || !words.every((w) => /^\p{Ll}/u.test(w))) return false;
  const { common } = getLexicon();
  return words.every((w) => common.has(w.replace(/\.$/, ""))) || FUNCTION_WORD.test(match);
}

// What follows the house number and the name's first word.
const AFTER_FIRST_NAME_WORD = /^\S+\s+\S+(\s.*)$/s;
// A function word capitalised, as Title Case writes it.
const TITLE_CASE_FUNCTION_WORD = /[ \t](?:Of|And|Or|The|To|In|On|At|For|With|From|By|A|An|Is|Are|That|Your|You|My)[ \t]/;

/**
 * A headline in Title Case, not a street: a function word capitalised inside the name ("10 Hidden Gems
 * Of Central Park", "5 Things To Do In Hyde Park"). A street's name may open with one ("12 The
 * Green") or hold one in lower case ("1 Isle of Dogs Road"). `match` is a number, then words.
 */
function titleCaseHeadline(match: string): boolean {
  const rest = AFTER_FIRST_NAME_WORD.exec(match);
  return rest !== null && TITLE_CASE_FUNCTION_WORD.test(rest[1]!);
}

/** Any of `words` as a whole word (nothing of a word on either side), in lower case. */
const wholeWord = (words: readonly string[]) => new RegExp(`(?<![\\p{L}\\p{M}'’.-])(?:${words.join("|")})(?![\\p{L}\\p{M}'’.-])`, "u");
// Function words no street name holds; with "the", "of", "and"…, which one may ("12 The Green"), all function words.
const NEVER_IN_STREET_NAME_WORDS = ["that", "which", "a", "an", "to", "at", "is", "are", "with", "for", "it", "its", "my", "your", "some"];
const NEVER_IN_STREET_NAME = wholeWord(NEVER_IN_STREET_NAME_WORDS);
const FUNCTION_WORD = wholeWord([...NEVER_IN_STREET_NAME_WORDS, "the", "and", "or", "of", "in", "on"]);

/** Whether a hyphen stands right before `at`, after two letters or more or opening a word: "SHA-1", "-1". */
function minusOrNameBefore(text: string, at: number): boolean {
  if (at === 0 || text.charCodeAt(at - 1) !== 45) return false;
  return at === 1 || /(?:^|\s|\p{L}{2})$/u.test(text.slice(Math.max(0, at - 3), at - 1));
}

// A capital opening a word of lowercaseProse (a letter with none of the word's characters before it).
const CAPITALISED_WORD = /(?<![\p{L}\p{M}'’.-])\p{Lu}/u;

const PHRASE_HEAD = /^\p{L}[\p{L}\p{M}]*/u;

/** True when `phrase` (one to three words, white space around them aside) is a known place: a country, region or city of the gazetteer. */
function isPlace(phrase: string): boolean {
  const { places, placePhrases, phraseHeads } = getLexicon();
  let from = 0;
  let to = phrase.length;
  while (from < to && isSpace(phrase.charCodeAt(from))) from++;
  while (to > from && isSpace(phrase.charCodeAt(to - 1))) to--;
  let space = from;
  while (space < to && !isSpace(phrase.charCodeAt(space))) space++;
  const severalWords = space < to;
  // A phrase of several words is a place only when its first word opens some known phrase: asked
  // first, it spares lower-casing and folding the spaces of every stretch asked about.
  if (severalWords && !phraseHeads.has(PHRASE_HEAD.exec(phrase.slice(from, space).toLowerCase())?.[0] ?? "")) return false;
  const t = phrase.slice(from, to).toLowerCase();
  const p = severalWords ? t.replace(/\s+/g, " ") : t;
  return places.has(p) || placePhrases.has(p);
}

/** The address-like opening of a line that goes on as prose: "Netherlands 62971" of "Netherlands 62971 in case of an issue". */
function placePrefix(line: string): number {
  const m =
    /^[ \t,]*((?:[\p{Lu}][\p{L}\p{M}'’-]*)(?:[ \t]+[\p{Lu}(][\p{L}\p{M}'’)-]*){0,3})(?:,?[ \t]+(\d{4,5}(?:-\d{3,4})?))?(?=[.,;:!?]?(?:\s|$))/u.exec(
      line,
    );
  if (!m) return 0;
  const words = m[1]!.split(/[ \t]+/);
  if (words.some((w) => STOP_WORDS.test(w))) return 0;
  // A postcode, or a known place, or an all-caps town line ("KNIVSTA").
  if (m[2] || isPlace(m[1]!) || /^[\p{Lu}\p{M} '’-]{3,}$/u.test(m[1]!)) return m[0].length;
  return 0;
}

const SENTENCE_MARK = /[!?;:@]|https?:/;
const SENTENCE_BREAK = /\.\s+\p{Lu}\p{Ll}/u;
const LOWERCASE_START = /^\p{Ll}/u;
const NAME_PARTICLE = /^(?:nan|do|de|da|na|am|an|la|le|di|del|van|von)$/;

function isShortAddressLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 45) return false;
  // City, state, postcode or country lines: capitalised words, codes, digits; no sentences.
  if (SENTENCE_MARK.test(t)) return false;
  // A phone line ends the block: "+36 1 234 5678-Office", "085 175 7641 fax".
  if (t.charCodeAt(0) === 43 || digitCount(t) >= 7) return false;
  if (SENTENCE_BREAK.test(t)) return false;
  const words = t.split(/[\s,]+/).filter(Boolean);
  if (words.length > 6) return false;
  const { common } = getLexicon();
  return !words.some((w) => LOWERCASE_START.test(w) && common.has(w.toLowerCase()) && !NAME_PARTICLE.test(w));
}

function digitCount(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) if (isDigit(s.charCodeAt(k))) n++;
  return n;
}

/** `word` without one full stop at its end ("St." as "St"). */
function withoutFullStop(word: string): string {
  return word.endsWith(".") ? word.slice(0, -1) : word;
}

const EXTEND_WINDOW = 256;
const EXTEND_LIMIT = 1_024;
const EXTEND_STEPS = 12;
/** stepRight's answer when nothing more belongs to the address. */
const STOP = -1;

/**
 * Extends an address to the right over units, a house number, a ", City, ST 12345" tail and short
 * block lines: at most EXTEND_STEPS steps and EXTEND_LIMIT characters. Each step depends only on
 * where it starts, so `steps` keeps every step worked out in this text: in dense text ("12 Ab 12 Ab
 * …", "Flat 1, Flat 1, …") the addresses tried at every word walk the same positions, and each
 * position is read once instead of once per address before it.
 */
function extendRight(text: string, end: number, isLowercaseText: boolean, steps: Int32Array): number {
  const limit = end + EXTEND_LIMIT;
  for (let guard = 0; guard < EXTEND_STEPS && end < limit && end <= text.length; guard++) {
    // Filed as step + 2, so that 0 means "not worked out yet".
    let step = steps[end]! - 2;
    if (step === -2) {
      step = stepRight(text, end, isLowercaseText);
      steps[end] = step + 2;
    }
    if (step === STOP) break;
    // The step's new end, doubled, plus 1 when the address ends there.
    end = Math.floor(step / 2);
    if (step % 2 === 1) break;
  }
  return end;
}

// The patterns of stepRight, anchored at the step's start. Each is tried only when the characters
// it must open with are there: most steps in dense text are settled by two or three of them.
const EMPTY_FIELD = /^,?[ \t]+nan(?![\p{L}\p{N}])/u;
const CAPITAL_AFTER_BLANKS = /^[ \t]+\p{Lu}/u;
const NUMBERED_STREET =
  /^,[ \t]*(?:Street|St\.?|Road|Rd\.?|Lane|Gali|Sector|Block|Phase|Khayaban)[ \t]+(?:No\.?[ \t]*)?\d{1,4}[A-Za-z]?(?![\w/-])/;
const SECTOR_CODE = /^,[ \t]*[A-Z]{1,2}-\d{1,2}(?:\/\d{1,2})?(?![\w/-])/;
const ORDINAL_STREET =
  /^,[ \t]*\d{1,3}(?:st|nd|rd|th)[ \t]+[\p{Lu}][\p{L}\p{M}'’-]*(?:[ \t]+(?:Road|Rd|Main|Cross|Street|St|Block|Stage|Phase|Sector|Layout))?(?![\p{L}\p{N}])/u;
const HOUSE_NUMBER = /^\s+\d{1,5}[A-Za-z]?\b\.?(?![\d.,:]\d)/;
const NUMBER_THEN_LOWERCASE = /^\s+\d{1,5}\s+(?:\p{Ll})/u;
const TOWN_TAIL_LOWERCASE = /^,?[ \t]+(?:[\p{Ll}][\p{L}\p{M}'’-]*[ \t]*){1,3}(?=[.,]?\s*$)/u;
// Six digits after a town too: "Bengaluru 560038".
const TOWN_TAIL =
  /^(?:,[ \t]*|[ \t]+)(?:(?:[\p{Lu}][\p{L}\p{M}'’.-]*|nan|de|do|da|na|di|del)(?:[ \t]+|$|(?=[,.\n?])))*(?:[\p{Lu}][\p{L}\p{M}'’.-]*)(?![\p{N}])(?:,?[ \t]*(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|[A-Z]{2}\b))?(?:,?[ \t]+\d{3,6}(?!\d)(?:[- ]\d{2,4})?)?/u;
// Address abbreviations are not sentence ends: "Brgy. San Lorenzo" (barangay), "Fracc. Las Palmas".
const SENTENCE_END = /(?<=\p{Ll}{3})(?<!\b(?:Brgy|Bgy|Dist|Prov|Fracc|Urb|Sect|Blvd|Mun))\.[ \t]+(?=\p{Lu})/u;
const POSTCODE_AFTER_REGION =
  /^(?:,?[ \t]*(?:[A-Z]{2}|nan)(?=,?[ \t]*\d))?,?[ \t]*(?:\d{4,5}(?:-\d{3,4})?|\d{2}-\d{3}|\d{3} \d{2}(?![\d.,]))\b/;
const STATE_AFTER_DASH = /^[ \t]+[-–][ \t]+[A-Z]{2}\b(?=,?[ \t]*(?:\d{5}-\d{3}|$|[.,;\n]))/;
const PARENTHESISED_VARIANT = /^[ \t]*\([\p{Lu}][\p{L} ]{1,20}\)(?=[ \t]*(?:\d{4,5}|[A-Z]\d[A-Z] ?\d[A-Z]\d\b|[.,?!]|$))/u;
const BLOCK_LINE = /^[ \t]*\n(?:[ \t>?*-]*\n)?([^\n]*)/;
const LINE_POSTCODE = /^[ \t]*\d{4,5}\b(?![.,:-]?\d)/;

/**
 * One step of extendRight from `end`: the new end times 2, plus 1 when nothing may follow it; or STOP.
 * Each step reads a unit, a town or a line, and an address is a few of those: a short stretch (a
 * window of EXTEND_WINDOW characters).
 */
function stepRight(text: string, end: number, isLowercaseText: boolean): number {
  const rest = text.slice(end, end + EXTEND_WINDOW);
  const cut = end + rest.length < text.length;

  // What each pattern below can open with, told from the first character and the first one after
  // spaces and tabs (or after a comma and then spaces and tabs).
  // (Read within the window: a character past its end reads as -1, a code of no character.)
  const first = codeAt(rest, 0);
  let k = 0;
  while (isBlank(codeAt(rest, k))) k++;
  const next = codeAt(rest, k);
  let c = first === 44 ? 1 : 0;
  while (isBlank(codeAt(rest, c))) c++;
  const afterComma = codeAt(rest, c);
  const comma = first === 44;
  const blank = first === 32 || first === 9;
  const digitNext = isDigit(next);
  let m = UNIT.exec(rest);
  if (m) return (end + m[0].length) * 2;
  // An empty field exported as "nan" ends the address ("Ljubljana nan", "HUTTON HENRY nan").
  m = next === 110 || comma ? EMPTY_FIELD.exec(rest) : null;
  if (m) {
    return (end + m[0].length) * 2;
  }
  // A street name that holds a street-type word ("Maple Ridge Dr", "Old Mill Road") was cut at
  // the first one: the type after it belongs to the street.
  m = blank && !digitNext ? STREET_TYPE_AFTER.exec(rest) : null;
  if (m && CAPITAL_AFTER_BLANKS.test(rest)) {
    return (end + m[0].length) * 2;
  }
  // Numbered cross streets and blocks, as Indian addresses list them: ", 14th Cross", ", 5th Main".
  // Numbered streets, sectors and blocks as South Asian addresses list them: ", Street 9", ", Sector 15".
  m = comma ? NUMBERED_STREET.exec(rest) : null;
  if (m) {
    return (end + m[0].length) * 2;
  }
  // Sector codes of planned cities: Islamabad "F-7/2", "G-9/4".
  m = comma ? SECTOR_CODE.exec(rest) : null;
  if (m) {
    return (end + m[0].length) * 2;
  }
  m = comma ? ORDINAL_STREET.exec(rest) : null;
  if (m) {
    return (end + m[0].length) * 2;
  }
  m = (blank || (first >= 9 && first <= 13)) && (digitNext || isSpace(next)) ? HOUSE_NUMBER.exec(rest) : null;
  if (m && !NUMBER_THEN_LOWERCASE.test(rest.slice(0, m[0].length + 3))) {
    return (end + m[0].length) * 2;
  }
  // ", City", ", ST 12345", ", Country 12345" on the same line.
  m = comma || blank ? (isLowercaseText ? TOWN_TAIL_LOWERCASE : TOWN_TAIL).exec(rest) : null;
  if (m && m[0].trim().length > 0) {
    let tail = m[0];
    // Stop before capitalised sentence words ("Poland. It serves", "Please").
    const stop = STOP_WORD_IN.exec(tail);
    if (stop) tail = trimSpacesAndCommas(tail.slice(0, stop.index));
    // ... or at a full stop after a word that is no abbreviation: "Ankara. Total: ₺12.450".
    const fullStop = tail.includes(".") ? SENTENCE_END.exec(tail) : null;
    if (fullStop) tail = tail.slice(0, fullStop.index);
    const word = soleWord(tail);
    if (word === MANY_WORDS || (word !== undefined && !isOrdinaryWord(word))) {
      return (end + tail.length) * 2 + (stop !== null ? 1 : 0);
    }
  }
  // A postcode, after a state or region code ("GRASSE, PA 39551") or an empty field ("nan").
  // Also the Polish form, "00-514".
  // Also the Swedish form, "114 51".
  m = isDigit(afterComma) || isCapitalAscii(afterComma) || afterComma === 110 ? POSTCODE_AFTER_REGION.exec(rest) : null;
  if (m) {
    return (end + m[0].length) * 2;
  }
  // Letter-and-digit postcodes after a town: Canadian "H3G 1R3" (perhaps after a province, "BC V5N 2T7"),
  // Irish Eircodes "D02 X658".
  m = isCapitalAscii(afterComma) ? POSTCODE_ALNUM.exec(rest) : null;
  if (m) {
    return (end + m[0].length) * 2;
  }
  // A Brazilian state after a dash: "São Paulo - SP, 01426-001".
  m = blank && (next === 45 || next === 0x2013) ? STATE_AFTER_DASH.exec(rest) : null;
  if (m && endsInLetter(text, end)) {
    return (end + m[0].length) * 2;
  }
  // A parenthesised variant after a place: "Cyprus (Greek) 13475".
  m = next === 40 ? PARENTHESISED_VARIANT.exec(rest) : null;
  if (m && endsInLetter(text, end)) {
    return (end + m[0].length) * 2;
  }
  // Block lines: "\n Suite 845\n Evionnaz\n Switzerland 05377".
  m = next === 10 ? BLOCK_LINE.exec(rest) : null;
  // (A line that runs past what was read is no short one.)
  const wholeLine = m !== null && !(cut && m.index + m[0].length === rest.length);
  if (m && wholeLine && isShortAddressLine(m[1]!.replace(/^[\s>?*-]+/, ""))) {
    const line = m[1]!;
    const lead = m[0].length - line.length;
    const trimmed = line.replace(/[\s.]+$/, "");
    return (end + lead + trimmed.length) * 2;
  }
  // A block line that goes on as prose keeps its place or postcode opening: "\n Netherlands 62971 in case of".
  if (m) {
    const lead = m[0].length - m[1]!.length;
    // ... or a postcode alone: "\n 51971 for this card".
    const pc = LINE_POSTCODE.exec(m[1]!);
    const n = pc ? pc[0].length : placePrefix(m[1]!);
    if (n > 0) {
      return (end + lead + n) * 2;
    }
  }
  return STOP;
}

/**
 * The code of the character at `k` of `s`, or -1 past its end: what charCodeAt's NaN would answer to
 * every test made of it, without reading past the end of a string, which optimised code handles
 * slowly (stepRight's reads of the first characters of its window cost as much as its first pattern).
 */
function codeAt(s: string, k: number): number {
  return k < s.length ? s.charCodeAt(k) : -1;
}

/** A lone word that is no town: an everyday word ("Ankara. Total" aside), not an all-caps code and no known place. */
const ALL_CAPS = /^[A-Z]{2,}$/;

function isOrdinaryWord(word: string): boolean {
  const bare = withoutFullStop(word);
  return getLexicon().common.has(bare.toLowerCase()) && !ALL_CAPS.test(word) && !isPlace(bare);
}

/** Whether the character before `end` is a letter (of the two before it, as read by /\p{L}$/ on them). */
function endsInLetter(text: string, end: number): boolean {
  return /\p{L}$/u.test(text.slice(Math.max(0, end - 2), end));
}

// The patterns of extendLeft, read on the 40 characters before the start: each ends at the start.
const UNIT_WORD_BEFORE = /\b(?:Apt\.?|Apartment|Flat|Suite|Unit|Blk|Block)[ \t]+#?$/i;
// A building and its wing or stair before the flat: "Résidence Les Palmiers, bât. C, apt 14, …".
const BUILDING_BEFORE =
  /(?:\b(?:Résidence|Résid\.|Immeuble|Imm\.|Edificio|Edif\.|Residencial|Condominio|Villa)[ \t]+(?:[\p{Lu}\d][\p{L}\p{M}'’\d-]*[ \t]*){1,4}|(?<![\p{L}])(?:bât\.?|bat\.|bâtiment|esc\.|escalier|escalera|bloc|torre|entrée)[ \t]+[A-Z\d]{1,3}),[ \t]*$/iu;
const FLAT_AFTER_BUILDING =
  /^(?:Apt|Apto|App|Appt|Apartment|Flat|Unit|Suite|Bât|Bat|Bâtiment|Esc|Escalier|Escalera|Bloc|Torre|Entrée|Porte|Piso|\d)/iu;
const TOWN_BEFORE = /(?<![\p{L}\p{N}])(\d{4,5})[ \t]+([\p{Lu}][\p{L}\p{M}'’-]+(?:[ \t][\p{Lu}][\p{L}\p{M}'’-]+)?),[ \t]*$/u;
const YEAR_PREPOSITION =
  /\b(?:in|since|from|until|till|by|of|after|before|during|seit|im|ab|bis|en|depuis|desde|dal|nel|sinds|od|do)[ \t]+$/i;
const NUMBER_OR_UNIT_BEFORE =
  /(?:\b\d{1,6}[ \t]+|\bthe corner of[ \t]+|\b(?:Apt\.?|Apartment|Flat|Suite|Unit)[ \t]+(?:#?\d{1,5}[A-Za-z]?(?:\/\d{1,4})?|[A-Z](?![\p{L}]))(?:,?[ \t]+|[ \t]*\n[ \t]*))$/iu;
const UNIT_OPENING = /^(?:Apt|Apartment|Flat|Suite|Unit)\b/i;
const STREET_BEFORE_UNIT =
  /(?<![\p{L}\p{N}])\d{1,6}[A-Za-z]?[ \t]+[\p{Lu}][\p{L}\p{M}'’-]*(?:[ \t]+[\p{Lu}][\p{L}\p{M}'’-]*){0,3},[ \t]*$/u;

/** Extends left over a leading house or postal number ("1987 74 Diakou Street") and "the corner of". */
function extendLeft(text: string, start: number): number {
  for (let guard = 0; guard < 3; guard++) {
    let before: string | undefined;
    // "Unit 5/22 Beach Rd": the unit word right before the (unit/house) number.
    const last = text.charCodeAt(start - 1);
    const unitWord =
      isDigit(text.charCodeAt(start)) && (isBlank(last) || last === 35)
        ? UNIT_WORD_BEFORE.exec((before ??= textBefore(text, start)))
        : null;
    if (unitWord) {
      start -= unitWord[0].length;
      continue;
    }
    // A unit before the street, on its line or the line above: "Flat 2/1, 47 Hyndland Road", "Flat B\n63 Chatsworth Road".
    // A building and its wing or stair before the flat: "Résidence Les Palmiers, bât. C, apt 14, …".
    const afterComma = commaBefore(text, start);
    const building =
      afterComma && FLAT_AFTER_BUILDING.test(text.slice(start, start + 12))
        ? BUILDING_BEFORE.exec((before ??= textBefore(text, start)))
        : null;
    if (building) {
      start -= building[0].length;
      continue;
    }
    // Postcode and town before the street, as Hungarian addresses are written: "1137 Budapest, Pozsonyi út 38."
    const town =
      afterComma && /^\p{Lu}/u.test(text.slice(start, start + 1)) ? TOWN_BEFORE.exec((before ??= textBefore(text, start))) : null;
    // A year after a preposition is a date, not a postcode: "In 2019 Berlin, Hauptstraße 5 was rebuilt".
    const year = town && /^(?:19|20)\d\d$/.test(town[1]!) && YEAR_PREPOSITION.test(before!.slice(0, town.index));
    if (town && !year) {
      start -= town[0].length;
      continue;
    }
    const m = numberOrUnitMayEndAt(text, start) ? NUMBER_OR_UNIT_BEFORE.exec(textBeforeStretches(text, start, 3)) : null;
    if (m) {
      start -= m[0].length;
      continue;
    }
    // A street without a type before a unit that opens the match: "2207 Kingsway, Unit 12, Vancouver".
    if (afterComma && UNIT_OPENING.test(text.slice(start, start + 9))) {
      const street = STREET_BEFORE_UNIT.exec((before ??= textBefore(text, start)));
      if (street && !street[0].split(/[\s,]+/).some((w) => STOP_WORDS.test(w))) {
        start -= street[0].length;
        continue;
      }
    }
    break;
  }
  return start;
}

/** The 40 characters before `start`, which extendLeft's patterns read. */
function textBefore(text: string, start: number): string {
  return text.slice(Math.max(0, start - 40), start);
}

/**
 * textBefore less what comes before the `count`th stretch of characters other than white space back
 * from `start`, for a pattern that ends at `start` and holds `count` such stretches at most
 * (NUMBER_OR_UNIT_BEFORE: "12 ", "Apt 5, ", "the corner of "): it cannot match any earlier. Cut just
 * after white space, the text reads the same to \b at its start; the pattern, which tries every
 * place of what it is given, has a third as many places to try.
 */
function textBeforeStretches(text: string, start: number, count: number): string {
  // No further back than textBefore's 40 characters, however long a stretch (dense text has no end to one).
  const limit = Math.max(0, start - 40);
  let from = start;
  for (let k = 0; k < count; k++) {
    while (from > limit && isSpace(text.charCodeAt(from - 1))) from--;
    while (from > limit && !isSpace(text.charCodeAt(from - 1))) from--;
  }
  return text.slice(from, start);
}

/** Whether a comma, then spaces and tabs only, stand before `at` (as ",[ \t]*$" asks). */
function commaBefore(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && isBlank(text.charCodeAt(k - 1))) k--;
  return text.charCodeAt(k - 1) === 44;
}

/**
 * Whether NUMBER_OR_UNIT_BEFORE can match before `at`: it ends in white space after a house number,
 * a unit's number or letter (perhaps then a comma), or "the corner of".
 */
function numberOrUnitMayEndAt(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && (isBlank(text.charCodeAt(k - 1)) || text.charCodeAt(k - 1) === 10)) k--;
  if (k === at) return false;
  if (text.charCodeAt(k - 1) === 44) k--;
  const c = text.charCodeAt(k - 1);
  if (isDigit(c) || c >= 128) return true;
  if (!isAsciiLetter(c)) return false;
  // A letter: after a number ("12B"), alone ("Flat B"), or the "f" of "of".
  const b = text.charCodeAt(k - 2);
  return isDigit(b) || isBlank(b) || b >= 128 || ((c | 32) === 102 && (b | 32) === 111);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * A text's parts (the stretches between matches of `separator`) and its numbers (matches of
 * `number`), read once, for asking about any stretch of the text what a split of that stretch and a
 * search in it would answer: asked at every word of a dense text, the split and the search cost the
 * stretch's length each time.
 */
class StretchFacts {
  private readonly sepStarts: number[] = [];
  private readonly sepEnds: number[] = [];
  private readonly numStarts: number[] = [];
  private readonly numEnds: number[] = [];
  /** Per predicate, what is known of the whole parts (part k lies between separators k-1 and k). */
  private readonly answers = new Map<(part: string) => boolean, PartAnswers>();

  constructor(
    private readonly text: string,
    separator: RegExp,
    number: RegExp,
  ) {
    // Read with nextMatch: the copy of each regex that matchAll makes cost more than the searches.
    separator.lastIndex = 0;
    for (let m = nextMatch(separator, text); m; m = nextMatch(separator, text)) {
      if (m[0].length === 0) continue;
      this.sepStarts.push(m.index);
      this.sepEnds.push(m.index + m[0].length);
    }
    number.lastIndex = 0;
    for (let m = nextMatch(number, text); m; m = nextMatch(number, text)) {
      this.numStarts.push(m.index);
      this.numEnds.push(m.index + m[0].length);
    }
  }

  /** Whether a number lies wholly inside [from, to). */
  hasNumber(from: number, to: number): boolean {
    const k = firstAtOrAfter(this.numStarts, from);
    return k < this.numStarts.length && this.numEnds[k]! <= to;
  }

  /** Whether text.slice(from, to), split at the separators, has two parts or more that are not empty. */
  twoParts(from: number, to: number): boolean {
    let k = firstAtOrAfter(this.sepStarts, from);
    let count = this.sepStarts[k] !== undefined && this.sepStarts[k]! > from ? 1 : 0;
    for (; k < this.sepStarts.length && this.sepEnds[k]! <= to; k++) {
      const next = k + 1 < this.sepStarts.length ? Math.min(this.sepStarts[k + 1]!, to) : to;
      if (next > this.sepEnds[k]! && ++count >= 2) return true;
    }
    return false;
  }

  /**
   * Whether `test` holds for some part of text.slice(from, to) split at the separators (the parts at
   * either end cut where the stretch is). Whole parts are tested once per text and predicate, and
   * a run of parts known to fail is stepped over at once: in dense text ("Flat 1, Flat 1, …") every
   * unit asks about the same few dozen parts ahead of it.
   */
  somePart(from: number, to: number, test: (part: string) => boolean): boolean {
    const { text, sepStarts, sepEnds } = this;
    const first = firstAtOrAfter(sepStarts, from);
    if (first >= sepStarts.length || sepEnds[first]! > to) return test(text.slice(from, to));
    if (test(text.slice(from, sepStarts[first]!))) return true;
    let answers = this.answers.get(test);
    if (!answers) {
      answers = new PartAnswers(sepStarts.length + 1);
      this.answers.set(test, answers);
    }
    // The separators inside the stretch are first..last; the parts between them are whole.
    const last = firstAtOrAfter(sepEnds, to + 1) - 1;
    for (let k = answers.nextNotFailing(first + 1); k <= last; k = answers.nextNotFailing(k + 1)) {
      if (this.wholePartHolds(k, test, answers)) return true;
    }
    // The end part is cut where the stretch ends, unless the stretch ends where a whole part does.
    const k = last + 1;
    if (k < sepStarts.length ? to === sepStarts[k] : to === text.length) return this.wholePartHolds(k, test, answers);
    return test(text.slice(sepEnds[last]!, to));
  }

  private wholePartHolds(k: number, test: (part: string) => boolean, answers: PartAnswers): boolean {
    const known = answers.of(k);
    if (known !== undefined) return known;
    const end = k < this.sepStarts.length ? this.sepStarts[k]! : this.text.length;
    const holds = test(this.text.slice(this.sepEnds[k - 1]!, end));
    answers.file(k, holds);
    return holds;
  }
}

/**
 * A predicate's answers for parts 0..n-1, and for any part the next one not known to fail, found by
 * following links that skip failing parts (shortened as they are followed, as in union-find).
 */
class PartAnswers {
  private readonly known: Int8Array;
  private readonly next: Int32Array;

  constructor(n: number) {
    this.known = new Int8Array(n);
    this.next = new Int32Array(n + 1);
    for (let k = 0; k <= n; k++) this.next[k] = k;
  }

  of(k: number): boolean | undefined {
    const a = this.known[k];
    return a === 0 ? undefined : a === 1;
  }

  file(k: number, holds: boolean): void {
    this.known[k] = holds ? 1 : -1;
    if (!holds) this.next[k] = k + 1;
  }

  /** The first part at or after `k` that is not known to fail (n when there is none). */
  nextNotFailing(k: number): number {
    let root = k;
    while (this.next[root] !== root) root = this.next[root]!;
    while (this.next[k] !== root) {
      const after = this.next[k]!;
      this.next[k] = root;
      k = after;
    }
    return root;
  }
}

/** The predicates asked of parts (module constants: StretchFacts keeps its answers per predicate). */
const LINE_PLACE = (part: string) => part.length > 2 && isPlace(part);
const PART_PLACE = (part: string) => part.length > 0 && isPlace(part);

/** The index of the first of the sorted `positions` at or after `at`. */
function firstAtOrAfter(positions: number[], at: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "Does a span of `spans` hold this position", for positions asked in increasing order; `add` files a new span. */
function coverage(spans: readonly Candidate[]): ((at: number) => boolean) & { add: (c: Candidate) => void } {
  const marks: Array<[number, number]> = spans.map((c) => [c.start, c.end]);
  const covers = (at: number) => marks.some(([s, e]) => s <= at && at < e);
  // Spans are few (addresses); those added here come in order: the newest is checked first.
  let last: [number, number] | undefined;
  const ask = (at: number) => (last !== undefined && last[0] <= at && at < last[1]) || covers(at);
  return Object.assign(ask, {
    add: (c: Candidate) => {
      last = [c.start, c.end];
      marks.push(last);
    },
  });
}

/**
 * The next match of the global `re` from its lastIndex, as text.matchAll(re) gives them one by one
 * (an empty match moves on a character), without the copy of `re` that matchAll makes: on prompts
 * of a line or two that copy cost more than most of the searches. Set re.lastIndex = 0 first; the
 * loop must not run `re` on anything else in between.
 */
function nextMatch(re: RegExp, text: string): RegExpExecArray | null {
  const m = re.exec(text);
  if (m !== null && m[0].length === 0) re.lastIndex++;
  return m;
}

const WORD = /\p{L}[\p{L}\p{M}'’.-]*/gu;

/** Whether every word of `s` (it has one at least) is an everyday word: "Windows 11", "Chapter 4" name no street. */
function onlyEverydayWords(s: string): boolean {
  const { common } = getLexicon();
  WORD.lastIndex = 0;
  for (let w = WORD.exec(s); w; w = WORD.exec(s)) if (!common.has(withoutFullStop(w[0].toLowerCase()))) return false;
  return true;
}

/** Whether a unit follows `at`, or a line that opens with one or with a capital: "Dalmatinova 43 Apt. 678", "… 1540\nTrancoso". */
function unitFollows(text: string, at: number): boolean {
  const after = text.slice(at, at + 30);
  return UNIT.test(after) || UNIT_LINE_AFTER.test(after);
}
const UNIT_LINE_AFTER = /^\s*\n\s*(Apt|Suite|Unit|\p{Lu})/iu;

// The words around a street corner: "at Růžena and Király u. 15.", "stop at 12 Main St and Herceg Gateway St.".
const CORNER_BEFORE = /(?<![\p{L}\p{N}])([\p{Lu}][\p{L}\p{M}'’-]*(?:[ \t][\p{Lu}][\p{L}\p{M}'’-]*)?)[ \t]+and[ \t]+$/u;
const CORNER_AFTER =
  /^[ \t]+and[ \t]+((?:[\p{Lu}\d][\p{L}\p{M}'’\d-]*[ \t]?){1,3}?)(?:[ \t]*(?:St|Str|Street|Rd|Road|Ave|Avenue)\b\.?)?(?=[ \t]*(?:[.?!,;]|$|\n))/u;
const ABBREVIATION_END = /\b(?:st|str|rd|ave|av|blvd|ln|dr|apt|ste|no|rkp|ul|al|fl|rm|bldg|[a-z])\.$/i;
const NUMBER_BEFORE_STREET_TYPE = /\d\.?[ \t]+(?:st\b|street\b)/i;
const CORNER_WORDING = /corner of/i;
const ISBN_WORDING = /isbn/i;
const POSTCODE_WORDING = /zip|post|plz/i;
const BARE_UNIT = /^[A-Z]-|^[A-Z]{2,3}[ \t]?\d/i;
const LOWERCASE_WARD = /^[a-z]{2,3}[ \t]?\d/;
const ISBN = /\bISBN(?:-1[03])?:?\s*[\dX][\dX -]{8,16}[\dX]/gi;
const NAMED_POSTCODE =
  /\b(?:zip code|zipcode|zip|postcode|postal code|post code|plz)\s*(?:is|:|#)?\s*((?=[A-Z]{0,4}\d)[A-Z0-9]{2,5}(?:[- ][A-Z0-9]{2,4})?)\b/gi;

// Every gate above that looks for uncommon wording (the anchors' `pre`, and the tests for a street type
// after a number, street corners, IBANs, ISBNs and named postcodes) as one case-insensitive
// alternation: most texts have none of it, and one search that fails costs less than a dozen. Each
// alternative is a gate's own source, read case-insensitively and without the u flag, which changes
// none of them (no \p classes, no characters beyond the Basic Multilingual Plane, as checked here):
// it matches every text a gate passes.
const UNCOMMON_WORDING_SOURCES = new Set([
  ...ANCHORS.flatMap(({ pre }) => (pre ? [pre.source] : [])),
  NUMBER_BEFORE_STREET_TYPE.source,
  CORNER_WORDING.source,
  IBAN_SHAPE_PRE.source,
  ISBN_WORDING.source,
  POSTCODE_WORDING.source,
]);
for (const source of UNCOMMON_WORDING_SOURCES) {
  if (/\\[pPu]|[\uD800-\uDFFF]/.test(source)) throw new Error(`The gate /${source}/ may not mean the same without the u flag.`);
}
const UNCOMMON_WORDING = new RegExp([...UNCOMMON_WORDING_SOURCES].join("|"), "i");

/** Whether `word` ([ \t] on both sides) stands right before `at`, after one space or tab or more: "… and |". */
function wordBefore(text: string, at: number, word: string): boolean {
  let k = at;
  while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  return k < at && k >= word.length && text.startsWith(word, k - word.length) && isBlank(text.charCodeAt(k - word.length - 1));
}

/** Whether `word` stands right after `at`, after one space or tab or more and before another: "| and …". */
function wordAfter(text: string, at: number, word: string): boolean {
  let k = at;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  return k > at && text.startsWith(word, k) && isBlank(text.charCodeAt(k + word.length));
}

// Three scratch arrays, one per table of AddressSearch, reused from text to text (one search runs at a
// time, start to end): making new ones cost more than the search itself on most prompts.
const EXTENDED_TO = 0;
const STEPS = 1;
const STRUCTURAL_AT = 2;
const scratch = [new Int32Array(256), new Int32Array(256), new Int32Array(256)];

// A longer text gets arrays of its own, not kept after it: the scratch stays under 1 MB in all.
const SCRATCH_MAX = 65_536;

/** The scratch array `which`, its first `length` entries set to 0 (grown when shorter). */
function zeroedScratch(which: number, length: number): Int32Array {
  if (length > SCRATCH_MAX) return new Int32Array(length);
  if (scratch[which]!.length < length) scratch[which] = new Int32Array(Math.min(SCRATCH_MAX, Math.max(length, 2 * scratch[which]!.length)));
  const table = scratch[which]!;
  table.fill(0, 0, length);
  return table;
}

/**
 * One text's search for street addresses: the candidates found so far, and what the patterns ask
 * again and again about the same positions (where an address ending there extends to, whether
 * structure alone makes a street there), worked out once.
 */
class AddressSearch {
  readonly out: Candidate[] = [];
  /** Where the runs of letters that hold a SUFFIX_TYPES word start (streetTypesIn). */
  readonly suffixRuns: number[] = [];
  readonly isLowercaseText: boolean;
  // Per position, kept in typed arrays made on first use (maps were a third of the time on dense
  // text such as "12 Ab 12 Ab …", asked at every word): where an address ending there extends to,
  // plus 1 (0: not worked out yet); and the answer of structural(), 1 for no, 2 for yes (0: not yet).
  private extendedTo: Int32Array | undefined;
  private steps: Int32Array | undefined;
  private structuralAt: Int32Array | undefined;
  private lines: StretchFacts | undefined;

  constructor(readonly text: string) {
    this.isLowercaseText = hasNoCapital(text);
  }

  /** Where an address ending at `end` extends to. */
  extend(end: number): number {
    this.extendedTo ??= zeroedScratch(EXTENDED_TO, this.text.length + 1);
    let to = this.extendedTo[end]! - 1;
    if (to < 0) {
      this.steps ??= zeroedScratch(STEPS, this.text.length + 1);
      to = extendRight(this.text, end, this.isLowercaseText, this.steps);
      this.extendedTo[end] = to + 1;
    }
    return to;
  }

  /** Files the address found at [start, end), grown to the left and right. */
  push(start: number, end: number, confidence: number): void {
    const { text } = this;
    start = extendLeft(text, start);
    // A match that swallowed the line break after the street leaves it to the block-line rules.
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    end = this.extend(end);
    // Street corners: "at Růžena and Király u. 15.", "stop at 12 Main St and Herceg Gateway St.".
    const lead = wordBefore(text, start, "and") ? CORNER_BEFORE.exec(text.slice(Math.max(0, start - 40), start)) : null;
    if (lead && !STOP_WORDS.test(lead[1]!) && addressCueBefore(text, start - lead[0].length)) start -= lead[0].length;
    const trail = wordAfter(text, end, "and") ? CORNER_AFTER.exec(text.slice(end, end + 60)) : null;
    if (trail && !trail[1]!.split(/[ \t]+/).some((w) => STOP_WORDS.test(w))) end += trail[0].length;
    let trimmed = trimSpacesAndCommas(text.slice(start, end));
    // A full stop ends the sentence unless it ends an abbreviation ("St.", "Apt.").
    if (trimmed.endsWith(".") && !ABBREVIATION_END.test(trimmed)) trimmed = trimmed.slice(0, -1);
    end = start + trimmed.length;
    this.out.push({ type: "STREET_ADDRESS", start, end, confidence });
  }

  /**
   * Structure instead of wording: the street that ends at `mEnd` is followed by a unit, a postcode or
   * a known place ("50541 Mlýnská 1540\nTrancoso, GU\n Portugal 44674", "Dalmatinova 43 Apt. 678
   * Velenje"). Worked out only when wording alone does not decide; the text's parts and postcodes are
   * read once.
   */
  structural(mEnd: number): boolean {
    this.structuralAt ??= zeroedScratch(STRUCTURAL_AT, this.text.length + 1);
    const known = this.structuralAt[mEnd]!;
    if (known !== 0) return known === 2;
    const answer = this.structuralAnswer(mEnd);
    this.structuralAt[mEnd] = answer ? 2 : 1;
    return answer;
  }

  private structuralAnswer(mEnd: number): boolean {
    const { text } = this;
    const to = this.extend(mEnd);
    if (to <= mEnd) return false;
    if (UNIT.test(text.slice(mEnd, Math.min(to, mEnd + EXTEND_WINDOW)))) return true;
    this.lines ??= new StretchFacts(text, /\s*[,\n]\s*/g, /\b\d{4,5}\b/g);
    return this.lines.hasNumber(mEnd, to) || this.lines.somePart(mEnd, to, LINE_PLACE);
  }
}

// The first question asked of every text, as a constant: a regex literal in the function is a new
// object at each call.
const DIGIT = /\d/;

/** Street and postal addresses: street-type anchors, PO and military boxes, and address wording, grown over units and city/postcode lines. */
export function findStreetAddresses(text: string): Candidate[] {
  // Every pattern below but the street corner needs a digit (a house number, box or postcode).
  if (!DIGIT.test(text)) {
    if (!CORNER_WORDING.test(text)) return [];
    const search = new AddressSearch(text);
    findCorners(search);
    return search.out;
  }
  const search = new AddressSearch(text);
  const { out, isLowercaseText } = search;
  const streetTypes = streetTypesIn(text, search.suffixRuns);
  const uncommonWording = UNCOMMON_WORDING.test(text);
  for (const { re, confidence, pre, gate, types, accept, next } of ANCHORS) {
    if (pre && !(uncommonWording && pre.test(text))) continue;
    if (gate && !gate(text)) continue;
    if (types && (streetTypes & types) === 0) continue;
    re.lastIndex = 0;
    for (let m = next ? next(re, search) : nextMatch(re, text); m; m = next ? next(re, search) : nextMatch(re, text)) {
      const cue = addressCueBefore(text, m.index);
      // In text that has capitals, a street named only by lower-case everyday words is prose that
      // ends in a street-type word: "a Node 20 app that exposes port 3000", "5 things that park".
      if (!cue && !isLowercaseText && re === ANCHORS[0]!.re && lowercaseProse(m[0])) continue;
      // A function word no street name has tells prose: "status 0 at some point", "-1 to run a fast
      // core", "ASN.1 SubjectPublicKeyInfo to a Forge". In text with capitals "the", "of", "and" may
      // name a street ("12 The Green"); in lower-case text they are prose like the rest.
      if (!cue && re === ANCHORS[0]!.re && (isLowercaseText ? FUNCTION_WORD : NEVER_IN_STREET_NAME).test(m[0])) continue;
      if (!cue && re === ANCHORS[0]!.re && titleCaseHeadline(m[0])) continue;
      // A number after a hyphen is a minus sign or part of a name ("SHA-1", "COVID-19"), not a house
      // number; a single block letter before it ("A-12 Green Park") is an Indian address still.
      if (re === ANCHORS[0]!.re && minusOrNameBefore(text, m.index)) continue;
      if (accept && !accept(m[0], isLowercaseText)) continue;
      search.push(m.index, m.index + m[0].length, Math.min(0.95, confidence + (cue ? 0.1 : 0)));
    }
  }
  // A street type after the house number: "Árpád fejedelem útja 62. St.", "C/ Señores Curas 88 street".
  if (uncommonWording && NUMBER_BEFORE_STREET_TYPE.test(text)) {
    const re = isLowercaseText ? NAME_NUM_TYPE_LOWER : NAME_NUM_TYPE;
    re.lastIndex = 0;
    for (let m = nextMatch(re, text); m; m = nextMatch(re, text)) {
      if (onlyEverydayWords(m[1]!)) continue;
      // A street an anchor above already found ("Via Tasso 129 street") is left as it is.
      if (out.some((c) => c.start < m.index + m[0].length && m.index < c.end)) continue;
      search.push(m.index, m.index + m[0].length, 0.8);
    }
  }
  for (const re of [NUM_NAME_NUM, NAME_NUM]) {
    re.lastIndex = 0;
    for (let m = nextMatch(re, text); m; m = nextMatch(re, text)) {
      const cue = addressCueBefore(text, m.index) || opensLine(text, m.index);
      // "Windows 11", "Chapter 4": an ordinary word then a number is not a street.
      if (onlyEverydayWords(m[0])) continue;
      const mEnd = m.index + m[0].length;
      // Without address wording, a number, name and number needs a unit after it or the structure
      // of an address; a name and number, the structure. The unit counts for confidence too.
      const unitAfter = (cue || re === NUM_NAME_NUM) && unitFollows(text, mEnd);
      if (!cue && !unitAfter && !search.structural(mEnd)) continue;
      // "Aug 25, 2024", "Sat Jan 01 2000", "14 Oct 2019": a date, its year read as a postcode.
      if (DATE_WORDING.test(m[0])) continue;
      search.push(m.index, mEnd, cue && unitAfter ? 0.85 : 0.7);
    }
  }
  // A town and its postcode after "in": "support Factset in Bjert 6091 in its mission", "in København K
  // 1421", "in ÖVERTURINGEN 840 24", "in Quinta de São Tiago 3610-114". Not a year ("in Windows 2000"),
  // nor ordinary words ("in Room 1204"); the postcode must end the phrase.
  const townPostcode = isLowercaseText ? TOWN_POSTCODE_LOWER : TOWN_POSTCODE;
  townPostcode.lastIndex = 0;
  for (let m = nextMatch(townPostcode, text); m; m = nextMatch(townPostcode, text)) {
    const [, town, code] = m as unknown as [string, string, string];
    if (/^(?:19|20)\d\d$/.test(code)) continue;
    const words = town.match(WORD) ?? [];
    const { common, things } = getLexicon();
    if (words.every((w) => w.length === 1 || common.has(w.toLowerCase()) || things.has(w.toLowerCase()))) continue;
    const start = m.index + m[0].length - town.length - code.length;
    if (out.some((c) => c.start < m.index + m[0].length && start < c.end)) continue;
    out.push({ type: "STREET_ADDRESS", start, end: m.index + m[0].length, confidence: 0.7 });
  }
  // A unit that opens the address, with no street type after it: "Flat 302, Sai Krupa Apartments,
  // 14th Cross, Indiranagar, Bengaluru 560038". Taken when its comma-separated tail ends in a
  // postcode or a known place; a unit before a found street was taken by extendLeft already.
  if (NUMBER_BEFORE_COMMA.test(text) && UNIT_FIRST.test(text)) {
    UNIT_FIRST.lastIndex = 0;
    // The addresses found so far, for "does one hold this position" (a scan of them all per unit was quadratic).
    const found = coverage(out);
    let parts: StretchFacts | undefined;
    let bareCodes: StretchFacts | undefined;
    UNIT_FIRST.lastIndex = 0;
    for (let m = nextMatch(UNIT_FIRST, text); m; m = nextMatch(UNIT_FIRST, text)) {
      const mEnd = m.index + m[0].length;
      if (found(m.index)) continue;
      const to = search.extend(mEnd);
      // A bare "B-204" needs a postcode.
      const bare = BARE_UNIT.test(m[0]);
      if (LOWERCASE_WARD.test(m[0])) continue;
      if (bare && !(bareCodes ??= new StretchFacts(text, /,/g, /\b\d{5,6}\b/g)).hasNumber(mEnd, to)) continue;
      parts ??= new StretchFacts(text, /\s*,\s*/g, /\b\d{4,6}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/g);
      if (parts.twoParts(mEnd, to) && (parts.hasNumber(mEnd, to) || parts.somePart(mEnd, to, PART_PLACE))) {
        search.push(m.index, mEnd, 0.8);
        found.add(out[out.length - 1]!);
      }
    }
  }
  if (uncommonWording && CORNER_WORDING.test(text)) findCorners(search);
  // Inside an IBAN-shaped run ("GB33 BUKB 2020 1555 5555 57", perhaps with a wrong checksum) the
  // letters and digits are a bank and account numbers, not a street.
  if (uncommonWording && IBAN_SHAPE_PRE.test(text)) {
    IBAN_SHAPE.lastIndex = 0;
    for (let m = nextMatch(IBAN_SHAPE, text); m; m = nextMatch(IBAN_SHAPE, text)) {
      const s0 = m.index,
        e0 = m.index + m[0].length;
      for (let k = out.length - 1; k >= 0; k--) if (out[k]!.start < e0 && s0 < out[k]!.end) out.splice(k, 1);
    }
  }
  // Book numbers: "ISBN 0 306 40615 2" is digits in groups, not a house number and a postcode.
  if (uncommonWording && ISBN_WORDING.test(text)) {
    ISBN.lastIndex = 0;
    for (let m = nextMatch(ISBN, text); m; m = nextMatch(ISBN, text)) {
      const s0 = m.index,
        e0 = m.index + m[0].length;
      for (let k = out.length - 1; k >= 0; k--) if (out[k]!.start < e0 && s0 < out[k]!.end) out.splice(k, 1);
    }
  }
  // Postcodes named as such: "ZIP: 1098", "my zip code is 35350".
  if (uncommonWording && POSTCODE_WORDING.test(text)) {
    NAMED_POSTCODE.lastIndex = 0;
    for (let m = nextMatch(NAMED_POSTCODE, text); m; m = nextMatch(NAMED_POSTCODE, text)) {
      const start = m.index + m[0].length - m[1]!.length;
      if (/\d/.test(m[1]!)) out.push({ type: "STREET_ADDRESS", start, end: m.index + m[0].length, confidence: 0.8 });
    }
  }
  return out;
}

/** "the corner of 159 Venizelou str and Rennie Union": two streets joined by "and". */
const CORNER =
  /\bthe corner of\s+((?:[^\n.?!]|\.(?=\s+and\b))[^\n?!]{2,60}?)\s+and\s+((?:[\p{Lu}\d][\p{L}\p{M}'’.\d-]*\s?){1,4}?)(?=\s*(?:St\.|Street)?\s*(?:[.?!,]|$|\n|\s+\p{Ll}))/giu;

function findCorners(search: AddressSearch): void {
  const { text } = search;
  CORNER.lastIndex = 0;
  for (let m = nextMatch(CORNER, text); m; m = nextMatch(CORNER, text)) search.push(m.index, m.index + m[0].length, 0.85);
}

// Japanese addresses in kanji: prefecture (都道府県), then city, ward, town or village, then the
// district and its block numbers ("東京都千代田区丸の内1-9-1", "大阪市北区梅田3丁目1番3号"). Kana
// inside place names (丸の内, 霞ケ関) is allowed; a municipality and a block number are required.
const JP_PLACE = "[\\p{sc=Han}\\p{sc=Katakana}ヶケのノ]";
const JP_ADDRESS = new RegExp(
  `(?<![\\p{sc=Han}\\p{sc=Katakana}])(?:\\p{sc=Han}{2,3}[都道府県])?${JP_PLACE}{1,8}?[市区町村郡](?:${JP_PLACE}{1,8}?[市区町村])?${JP_PLACE}{0,10}?` +
    "(?:[0-9０-９]{1,4}丁目[0-9０-９]{1,4}(?:番地?|[-－−‐])[0-9０-９]{1,4}号?|[0-9０-９]{1,4}(?:[-－−‐][0-9０-９]{1,4}){1,2}|[0-9０-９]{1,4}番地?(?:[0-9０-９]{1,4}号)?)",
  "gu",
);
// Labels a run of kanji may begin with: "住所東京都…".
const JP_LABEL = /^(?:住所|所在地|現住所|送り先|お届け先)/;

/** Japanese postal addresses written in kanji: a municipality and block numbers, optionally a prefecture first. */
export function findJapaneseAddresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (!/[市区町村郡]/.test(text)) return out;
  JP_ADDRESS.lastIndex = 0;
  for (let m = nextMatch(JP_ADDRESS, text); m; m = nextMatch(JP_ADDRESS, text)) {
    const label = JP_LABEL.exec(m[0]);
    const start = m.index + (label ? label[0].length : 0);
    out.push({ type: "STREET_ADDRESS", start, end: m.index + m[0].length, confidence: 0.85 });
  }
  return out;
}
