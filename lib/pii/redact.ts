import { withoutPublicFigures } from "./public-figures";
import { findCreditCards } from "./recognizers/credit-card";
import { findDatesOfBirth } from "./recognizers/date-of-birth";
import { findEmails } from "./recognizers/email";
import { findHandles } from "./recognizers/handle";
import { findIbans } from "./recognizers/iban";
import { findIpAddresses } from "./recognizers/ip-address";
import { findNationalIds } from "./recognizers/national-id";
import { findNonLatinAddresses, findNonLatinDatesOfBirth, findNonLatinPersons } from "./recognizers/non-latin";
import { findPersons, findRepeatedNames } from "./recognizers/person";
import { findPhones } from "./recognizers/phone";
import { findPemBlocks, findSecrets } from "./recognizers/secret";
import { findJapaneseAddresses, findStreetAddresses, holdsStreetTypeWord } from "./recognizers/street-address";
import { findUsSsns } from "./recognizers/us-ssn";
import { countDigits, withDigitFactsKept } from "./text";
import { type Candidate, type Finding, PII_TYPES, type PiiType, type RedactOptions, type RedactResult } from "./types";

// Layers, run in this order: checksummed and validated patterns first (they are near-certain),
// then context-weighed ones, then addresses, then person names last, so that names never claim
// text that a stronger recognizer has already explained. Each layer returns candidates of its own
// making: the redactor changes them in place.
const LAYERS: Array<[PiiType, (text: string) => Candidate[]]> = [
  // Keys, tokens and passwords first: a password in a URL ("https://bob:pa55@host") is not an email.
  ["SECRET", findSecrets],
  ["EMAIL", findEmails],
  ["IBAN", findIbans],
  ["CREDIT_CARD", findCreditCards],
  ["IP_ADDRESS", findIpAddresses],
  ["US_SSN", findUsSsns],
  // National IDs of other countries after the SSN: an SSN-shaped number with "SSN" nearby stays an SSN.
  ["NATIONAL_ID", findNationalIds],
  ["PHONE", findPhones],
  // After emails: "ana@example.org" is an email; "@ana" alone a handle.
  ["HANDLE", findHandles],
  ["DATE_OF_BIRTH", findDatesOfBirth],
  // Non-Latin scripts (CJK, Hangul, Cyrillic, Devanagari, Arabic): one scan shared by three layers,
  // each beside the Latin layer of its type; texts without such a character skip it.
  ["DATE_OF_BIRTH", findNonLatinDatesOfBirth],
  ["STREET_ADDRESS", findStreetAddresses],
  ["STREET_ADDRESS", findJapaneseAddresses],
  ["STREET_ADDRESS", findNonLatinAddresses],
  ["PERSON", findPersons],
  ["PERSON", findNonLatinPersons],
];

const LAYER_RANK = new Map(LAYERS.map(([type], i) => [type, i]));
const ALL_TYPES: ReadonlySet<PiiType> = new Set(PII_TYPES);

/** Keeps the best of overlapping candidates in `text`: higher confidence, then earlier layer, then longer span. */
export function resolveOverlaps(candidates: Candidate[], text: string): Candidate[] {
  // Most texts' candidates do not overlap at all (a list of names is thousands of them): then every
  // one is kept as it is, and ranking them and filing them by stretch of text is wasted work.
  // Most texts' candidates come in order of start already (one or two of them): then a copy does
  // what filtering out empty spans and sorting would.
  const byStart = inOrder(candidates) ? candidates.slice() : candidates.filter((c) => c.end > c.start).sort((a, b) => a.start - b.start);
  if (noneOverlap(byStart)) return byStart;
  // Streets are often named after people ("Via Garibaldi"): a name inside an address is the address.
  const inAddress = containment(candidates.filter((c) => c.type === "STREET_ADDRESS" && c.confidence >= 0.7));
  const pool = candidates.filter((c) => c.type !== "PERSON" || !inAddress(c));
  const sorted = pool.sort(
    (a, b) =>
      b.confidence - a.confidence ||
      LAYER_RANK.get(a.type)! - LAYER_RANK.get(b.type)! ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept = new SpanIndex();
  let emptied: Set<Candidate> | undefined;
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    const clash = kept.overlapping(c.start, c.end);
    if (clash.length === 0) {
      kept.add(c);
      continue;
    }
    // An address grown over a neighbouring phone or name keeps its longest part outside the winner.
    if (c.type === "STREET_ADDRESS") {
      let best: Candidate | undefined;
      let from = c.start;
      for (const k of clash.sort((a, b) => a.start - b.start)) {
        if (k.start - from > (best ? best.end - best.start : 0)) best = { ...c, start: from, end: k.start };
        from = Math.max(from, k.end);
      }
      if (c.end - from > (best ? best.end - best.start : 0)) best = { ...c, start: from, end: c.end };
      // Pieces of fewer than 4 characters are separators, not an address.
      const piece = best && best.end - best.start >= 4 ? best : undefined;
      // Clipped by another address, a piece is part of one still ("the corner of 11 Botley Road and
      // Herceg Gateway"); clipped by other findings, it must keep a digit if it had one, or a street
      // word ("7943 2027 Prospect St", its number read as a phone). Else see below.
      const byAddress = clash.some((k) => k.type === "STREET_ADDRESS");
      const hadDigit = hasDigit(text, c);
      if (piece && (byAddress || !hadDigit || hasDigit(text, piece) || holdsStreetTypeWord(text.slice(piece.start, piece.end))))
        kept.add(piece);
      else if (!byAddress && hadDigit) (emptied ??= new Set()).add(c);
    }
  }
  // An address left with neither digits nor a street word was a misreading: its "house number" was a
  // phone number ("Call Anna 555 0100"). Resolved again without it, the names it held count.
  if (emptied) {
    const without = emptied;
    return resolveOverlaps(
      candidates.filter((c) => !without.has(c)),
      text,
    );
  }
  return kept.all().sort((a, b) => a.start - b.start);
}

/** Whether `span` of `text` holds an ASCII digit. */
function hasDigit(text: string, span: Candidate): boolean {
  return countDigits(text.slice(span.start, span.end), 1) > 0;
}

/** Whether no span is empty and each starts where or after the one before it starts (as a stable sort by start leaves them). */
function inOrder(spans: readonly Candidate[]): boolean {
  for (let i = 0; i < spans.length; i++) {
    const c = spans[i]!;
    if (c.end <= c.start || (i > 0 && c.start < spans[i - 1]!.start)) return false;
  }
  return true;
}

/** Whether spans sorted by start are disjoint (end is exclusive). */
function noneOverlap(byStart: readonly Candidate[]): boolean {
  for (let i = 1; i < byStart.length; i++) if (byStart[i]!.start < byStart[i - 1]!.end) return false;
  return true;
}

/**
 * Whether a span lies inside one of `spans`: the spans sorted by start with the furthest end so far,
 * then a binary search, instead of a scan of every span for every question.
 */
function containment(spans: Candidate[]): (c: Candidate) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const furthest: number[] = [];
  for (const s of sorted) furthest.push(Math.max(furthest.at(-1) ?? 0, s.end));
  return (c) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start <= c.start) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && furthest[last]! >= c.end;
  };
}

/**
 * Kept spans filed by the stretches of text they cover, so that finding the ones a new span overlaps
 * looks at its neighbours only: a scan of every kept span made thousands of findings quadratic.
 */
class SpanIndex {
  private static readonly BUCKET = 64;
  private readonly buckets = new Map<number, Candidate[]>();
  private readonly spans: Candidate[] = [];

  add(c: Candidate): void {
    this.spans.push(c);
    for (let b = Math.floor(c.start / SpanIndex.BUCKET); b <= Math.floor((c.end - 1) / SpanIndex.BUCKET); b++) {
      const list = this.buckets.get(b);
      if (list) list.push(c);
      else this.buckets.set(b, [c]);
    }
  }

  overlapping(start: number, end: number): Candidate[] {
    const first = Math.floor(start / SpanIndex.BUCKET);
    const last = Math.floor((end - 1) / SpanIndex.BUCKET);
    // Most spans lie in one bucket, where no span is listed twice.
    if (first === last) return (this.buckets.get(first) ?? []).filter((k) => start < k.end && k.start < end);
    const found = new Set<Candidate>();
    for (let b = first; b <= last; b++) for (const k of this.buckets.get(b) ?? []) if (start < k.end && k.start < end) found.add(k);
    return [...found];
  }

  all(): Candidate[] {
    return this.spans;
  }
}

/** The identity of a value for numbering: the same card or name written differently is the same value. */
function valueKey(type: PiiType, value: string): string {
  switch (type) {
    case "PHONE":
    case "CREDIT_CARD":
    case "US_SSN":
      return value.replace(/\D/g, "");
    case "NATIONAL_ID":
      return value.replace(/[\s.-]/g, "").toUpperCase();
    case "HANDLE":
      return value.toLowerCase();
    case "SECRET":
      return value;
    case "IBAN":
    case "IP_ADDRESS":
      return value.replace(/\s/g, "").toLowerCase();
    default:
      return singleSpaced(value) ? value.toLowerCase() : value.replace(/\s+/g, " ").trim().toLowerCase();
  }
}

/**
 * Whether `value` has no white space but single spaces between words: what /\s+/ → " " and trim()
 * leave unchanged (the common case, told without a regex).
 */
function singleSpaced(value: string): boolean {
  let previousSpace = true; // a leading space is not single
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (c <= 13 || (c >= 0xa0 && isWideSpace(c))) return false;
    else previousSpace = false;
  }
  return !previousSpace || value.length === 0;
}

/**
 * Whether a UTF-16 unit at or above U+00A0 is one /\s/ matches: U+00A0, U+1680, U+2000–U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF (told by number, not by a regex test of
 * each accented letter of a name).
 */
function isWideSpace(c: number): boolean {
  if (c < 0x1680) return c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function findCandidates(text: string, types: ReadonlySet<PiiType>): Candidate[] {
  return findCandidatesOfEach([text], types)[0]!;
}

/**
 * Each text's candidates from the layers wanted, layer by layer: each layer reads every text before
 * the next one starts (see redactAll).
 */
function findCandidatesOfEach(texts: readonly string[], types: ReadonlySet<PiiType>): Candidate[][] {
  const found: Candidate[][] = texts.map(() => []);
  // Indexed loops, and no lookup of each layer's type when all are wanted: this runs 17 layers on
  // every text (the loop alone, with 17 stand-in layers over the dev set: 0.88 ms per pass with
  // for…of and the lookup, 0.54 without).
  const runLayers = () => {
    for (let l = 0; l < LAYERS.length; l++) {
      const [type, find] = LAYERS[l]!;
      if (types !== ALL_TYPES && !types.has(type)) continue;
      for (let j = 0; j < texts.length; j++) {
        const candidates = find(texts[j]!);
        const into = found[j]!;
        for (let k = 0; k < candidates.length; k++) into.push(candidates[k]!);
      }
    }
  };
  // (One text's digit facts are kept as the last text's anyway.)
  if (texts.length > 1) withDigitFactsKept(runLayers);
  else runLayers();
  return found;
}

// Texts longer than SEGMENT_CHARS are read in segments of about that length, each with CONTEXT_CHARS
// of the text on either side, so that the recognizers' work grows with the text's length, whatever
// its shape: some rules compare every word of a text with every other, harmless in a prompt, not
// in a megabyte. A segment keeps what starts inside it; its context lets it see cue words before
// and finish a piece of personal data that crosses its end. Each segment is judged on its own (a
// segment without capitals is read as casual lower-case text); names found in one are then caught
// where they recur in any other. Prompts within the token limit, and most model outputs, are
// shorter than one segment.
const SEGMENT_CHARS = 8_192;
const CONTEXT_CHARS = 512;

function findInSegments(text: string, types: ReadonlySet<PiiType>): Candidate[] {
  const candidates: Candidate[] = [];
  for (let from = 0; from < text.length; ) {
    const to = cutBefore(text, from + SEGMENT_CHARS, from + SEGMENT_CHARS / 2);
    const windowStart = cutBefore(text, from - CONTEXT_CHARS, from - CONTEXT_CHARS / 2);
    const windowEnd = cutBefore(text, to + CONTEXT_CHARS, to + CONTEXT_CHARS / 2);
    // Candidates are fresh objects, the caller's to change: shifted in place, not copied.
    for (const c of findCandidates(text.slice(windowStart, windowEnd), types)) {
      c.start += windowStart;
      c.end += windowStart;
      if (c.start >= from && c.start < to) candidates.push(c);
    }
    from = to;
  }
  // A name found in one segment is the same person when its parts recur in another.
  if (types.has("PERSON")) for (const c of findRepeatedNames(text, candidates)) candidates.push(c);
  return candidates;
}

/**
 * A place to cut the text at or before `at` (and not before `floor`): a line break, else a space,
 * else `at` itself, moved off the middle of a surrogate pair. 0 and the text's length are kept.
 */
function cutBefore(text: string, at: number, floor: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  for (let k = at; k > floor; k--) if (text.charCodeAt(k) === 10) return k;
  for (let k = at; k > floor; k--) if (text.charCodeAt(k) === 32) return k;
  return (text.charCodeAt(at) & 0xfc00) === 0xdc00 ? at - 1 : at;
}

/** Whether every candidate's confidence is at least `min` (a loop: `every` with a new closure per text cost more). */
function allAtLeast(candidates: readonly Candidate[], min: number): boolean {
  for (let i = 0; i < candidates.length; i++) if (candidates[i]!.confidence < min) return false;
  return true;
}

/** Finds personal data in `text` and replaces each piece with `<TYPE_N>`, where N numbers distinct values per type in order of appearance. */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
  const types = typesOf(options);
  return redactFound(text, text.length <= SEGMENT_CHARS ? findCandidates(text, types) : findInSegments(text, types), types, options);
}

/**
 * What `redact` gives for each text, in order, worked out layer by layer: each recognizer reads all
 * the short texts before the next one starts, rather than every recognizer reading one text before
 * the next text. The result is the same; the time is about a third less on short texts (dev-set
 * texts: 57 against 37 ms per pass, under load), because a recognizer's compiled patterns, word
 * tables and code stay in the processor's caches while it works, instead of being fetched again
 * for every text from behind the other sixteen layers'. Texts longer than a segment are read in
 * segments by `redact` itself.
 */
export function redactAll(texts: readonly string[], options: RedactOptions = {}): RedactResult[] {
  const types = typesOf(options);
  const results: RedactResult[] = new Array(texts.length);
  const short: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (texts[i]!.length <= SEGMENT_CHARS) short.push(i);
    else results[i] = redact(texts[i]!, options);
  }
  const found = findCandidatesOfEach(
    short.map((i) => texts[i]!),
    types,
  );
  for (let j = 0; j < short.length; j++) results[short[j]!] = redactFound(texts[short[j]!]!, found[j]!, types, options);
  return results;
}

function typesOf(options: RedactOptions): ReadonlySet<PiiType> {
  return options.types ? new Set(options.types) : ALL_TYPES;
}

/** The redaction of `text` from the candidates its layers found: overlaps resolved, values numbered. */
function redactFound(text: string, found: Candidate[], types: ReadonlySet<PiiType>, options: RedactOptions): RedactResult {
  const minConfidence = options.minConfidence ?? 0.5;
  // (Copied only when some fall short: a megabyte of names is 166k candidates.)
  const candidates = allAtLeast(found, minConfidence) ? found : found.filter((c) => c.confidence >= minConfidence);
  // Private-key blocks are read on the whole text: a key is longer than a segment's context.
  if (types.has("SECRET")) for (const c of findPemBlocks(text)) candidates.push(c);
  // Most prompts carry no personal data: nothing to resolve or number.
  if (candidates.length === 0) return { redacted: text, findings: [] };
  const resolved = resolveOverlaps(candidates, text);
  const kept = options.keepPublicFigures ? withoutPublicFigures(text, resolved) : resolved;

  // Each type's first value as written; then, once a second value of the type comes, its values'
  // keys and their placeholders, numbered in order of appearance (a type's Nth value is its map's
  // Nth). Most texts hold one value of a type: its key, which copies the value, is never needed.
  const firstOfType = new Map<PiiType, string>();
  const placeholders = new Map<PiiType, Map<string, string>>();
  const findings: Finding[] = [];
  // (Appending to a string, which V8 keeps as a rope until it is read, was 9× faster than an array's
  // join for 166k findings.)
  let redacted = "";
  let cursor = 0;
  // The last value numbered, as written, and its placeholder: a value written as the one before it
  // (a list of the same name) takes the same placeholder without a key to work out and look up.
  let lastType: PiiType | undefined;
  let lastValue = "";
  let lastPlaceholder = "";
  for (const c of kept) {
    let placeholder: string | undefined;
    if (c.type === lastType && c.end - c.start === lastValue.length && text.startsWith(lastValue, c.start)) placeholder = lastPlaceholder;
    else {
      const value = text.slice(c.start, c.end);
      const first = firstOfType.get(c.type);
      if (first === undefined) {
        firstOfType.set(c.type, value);
        placeholder = `<${c.type}_1>`;
      } else {
        let ofType = placeholders.get(c.type);
        if (ofType === undefined) placeholders.set(c.type, (ofType = new Map([[valueKey(c.type, first), `<${c.type}_1>`]])));
        const key = valueKey(c.type, value);
        placeholder = ofType.get(key);
        if (placeholder === undefined) ofType.set(key, (placeholder = `<${c.type}_${ofType.size + 1}>`));
      }
      lastType = c.type;
      lastValue = value;
      lastPlaceholder = placeholder;
    }
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
