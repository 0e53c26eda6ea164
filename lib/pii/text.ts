// Small text helpers shared by the recognizers.

/** English month names and their abbreviations, a regex alternation (no dot, nothing captured). */
export const MONTH_NAMES =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/** English weekday names and their abbreviations, a regex alternation (no dot, nothing captured). */
export const WEEKDAY_NAMES = "mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?";

/**
 * Whether `text` has no capital letter at all: casual or lower-cased text, where the name and address
 * rules read lower-case words as they would read capitalised ones elsewhere.
 */
export function hasNoCapital(text: string): boolean {
  return !CAPITAL.test(text);
}
const CAPITAL = /\p{Lu}/u;

/** True when the `window` characters before `start` match `re` (re should be anchored with $ if needed). */
export function contextBefore(text: string, start: number, re: RegExp, window = 40): boolean {
  return re.test(text.slice(Math.max(0, start - window), start));
}

/** True when the `window` characters after `end` match `re`. */
export function contextAfter(text: string, end: number, re: RegExp, window = 25): boolean {
  return re.test(text.slice(end, end + window));
}

/** A space or a tab. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** How many ASCII digits (what \d matches) `text` holds, counting up to `enough`. */
export function countDigits(text: string, enough = Infinity): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) {
    if (isAsciiDigit(text.charCodeAt(k)) && ++n >= enough) return n;
  }
  return n;
}

export function digitsOf(s: string): string {
  return s.replace(/\D/g, "");
}

/**
 * Cheap facts about the digits in a text, which say which structured identifiers it cannot hold, so
 * that a recognizer (or one of its patterns) can skip its scan: on short texts the fixed cost of a
 * dozen regex scans is most of the work, and most texts hold no identifier.
 */
export type DigitFacts = {
  /** ASCII digits (what \d matches) in the text. */
  digits: number;
  /** The longest run of adjacent digits. */
  longestRun: number;
  /** The longest run of digits joined by single spaces or dashes ("4111 1111-1111 1111" is 16). */
  longestSpacedRun: number;
  /** The longest run of digits joined by single spaces, dashes or dots ("123.456.789-09" is 11). */
  longestDottedRun: number;
  /** The longest run of digits joined by up to three of " .-/()+" ("+46 (0)179 459 33" is 11). */
  longestPhoneRun: number;
  /** `\d\d\D?\d\d` matches: four digits in a row, or two pairs one character apart. */
  twoPairs: boolean;
  /** A digit, a dot and a digit in a row (dotted quads, decimals, dates). */
  dotBetweenDigits: boolean;
  /** An ASCII letter right before two digits ("GB73…", an IBAN's country and check digits). */
  letterBeforeTwoDigits: boolean;
  /** An ASCII capital right before a digit ("…T475", the last letter of a German identity card number). */
  capitalBeforeDigit: boolean;
};

const NO_DIGITS: DigitFacts = Object.freeze({
  digits: 0,
  longestRun: 0,
  longestSpacedRun: 0,
  longestDottedRun: 0,
  longestPhoneRun: 0,
  twoPairs: false,
  dotBetweenDigits: false,
  letterBeforeTwoDigits: false,
  capitalBeforeDigit: false,
});

// What each ASCII character does to a run of digits: which runs it may join, or break.
const SPACE_OR_DASH = 1;
const DOT = 2;
const PHONE_PUNCTUATION = 4;
const LETTER = 8;
const JOINS_DIGITS = SPACE_OR_DASH | DOT | PHONE_PUNCTUATION;
const CHARACTER_CLASS = new Uint8Array(128);
for (const c of " -") CHARACTER_CLASS[c.charCodeAt(0)] = SPACE_OR_DASH | PHONE_PUNCTUATION;
CHARACTER_CLASS[46] = DOT | PHONE_PUNCTUATION;
for (const c of "/()+") CHARACTER_CLASS[c.charCodeAt(0)] = PHONE_PUNCTUATION;
for (let c = 65; c <= 90; c++) CHARACTER_CLASS[c] = CHARACTER_CLASS[c + 32] = LETTER;

const ASCII_DIGIT = /\d/;

let lastText: string | undefined;
let lastFacts: DigitFacts = NO_DIGITS;
/** Every text's facts while withDigitFactsKept runs (redactAll), else null. */
let kept: Map<string, DigitFacts> | null = null;

/**
 * The DigitFacts of `text`. The last text's are kept: `redact` calls the recognizers on one text in
 * turn. (redactAll, which calls each recognizer on every text in turn, keeps them all meanwhile.)
 */
export function digitFacts(text: string): DigitFacts {
  if (text !== lastText) {
    let facts = kept?.get(text);
    if (facts === undefined) {
      facts = computeDigitFacts(text);
      kept?.set(text, facts);
    }
    lastFacts = facts;
    lastText = text;
  }
  return lastFacts;
}

/**
 * Runs `work` with the DigitFacts of every text it asks about kept until it returns, not only the
 * last text's: for work that calls each recognizer on many texts in turn (seven recognizers ask,
 * so each text's facts would be worked out seven times). Dropped afterwards: they name the texts.
 */
export function withDigitFactsKept<T>(work: () => T): T {
  if (kept) return work();
  kept = new Map();
  try {
    return work();
  } finally {
    kept = null;
  }
}

function computeDigitFacts(text: string): DigitFacts {
  // A regex finds the first digit quicker than a loop does (most texts have none).
  let k = text.search(ASCII_DIGIT);
  if (k < 0) return NO_DIGITS;
  let digits = 0;
  let longestRun = 0;
  let longestSpacedRun = 0;
  let longestDottedRun = 0;
  let longestPhoneRun = 0;
  let twoPairs = false;
  let dotBetweenDigits = false;
  let letterBeforeTwoDigits = false;
  let capitalBeforeDigit = false;
  // The current runs, and how many joining characters stand since their last digit.
  let run = 0;
  let spaced = 0;
  let spacedGap = 0;
  let dotted = 0;
  let dottedGap = 0;
  let phone = 0;
  let phoneGap = 0;
  // The length of the run of adjacent digits before the current one, and where it ended.
  let previousRun = 0;
  let previousRunEnd = -2;
  let joinedToPrevious = false;
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (isAsciiDigit(c)) {
      digits++;
      if (run === 0) {
        joinedToPrevious = previousRun >= 2 && k - previousRunEnd === 1;
        const before = text.charCodeAt(k - 1);
        if (before === 46 && isAsciiDigit(text.charCodeAt(k - 2))) dotBetweenDigits = true;
        if (isAsciiLetter(before) && isAsciiDigit(text.charCodeAt(k + 1))) letterBeforeTwoDigits = true;
        if (before >= 65 && before <= 90) capitalBeforeDigit = true;
      }
      run++;
      if (run >= 4 || (run >= 2 && joinedToPrevious)) twoPairs = true;
      spaced = spacedGap <= 1 ? spaced + 1 : 1;
      dotted = dottedGap <= 1 ? dotted + 1 : 1;
      phone = phoneGap <= 3 ? phone + 1 : 1;
      spacedGap = dottedGap = phoneGap = 0;
      if (run > longestRun) longestRun = run;
      if (spaced > longestSpacedRun) longestSpacedRun = spaced;
      if (dotted > longestDottedRun) longestDottedRun = dotted;
      if (phone > longestPhoneRun) longestPhoneRun = phone;
    } else {
      if (run > 0) {
        previousRun = run;
        previousRunEnd = k;
        run = 0;
      }
      const kind = c < 128 ? CHARACTER_CLASS[c]! : 0;
      if ((kind & JOINS_DIGITS) === 0) {
        // Every run is broken: nothing changes until the next digit.
        spacedGap = dottedGap = phoneGap = 4;
        while (k + 1 < text.length && !isAsciiDigit(text.charCodeAt(k + 1))) k++;
        continue;
      }
      spacedGap = kind & SPACE_OR_DASH ? spacedGap + 1 : 2;
      dottedGap = kind & (SPACE_OR_DASH | DOT) ? dottedGap + 1 : 2;
      phoneGap++;
    }
  }
  return {
    digits,
    longestRun,
    longestSpacedRun,
    longestDottedRun,
    longestPhoneRun,
    twoPairs,
    dotBetweenDigits,
    letterBeforeTwoDigits,
    capitalBeforeDigit,
  };
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return c < 128 && CHARACTER_CLASS[c] === LETTER;
}
