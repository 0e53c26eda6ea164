import type { Candidate } from "../types";
import { ADJECTIVE, COMMON, FAMOUS, getLexicon, NAME, PLACE, THING } from "../lexicon";

// Person names without a statistical model: runs of capitalised tokens weighed by a name list
// (humannames), an ordinary-word list (SCOWL), honorifics and the words around them.

// `cap` (isCapitalised) and `kind` (kindOf) are computed once per token.
type Token = { start: number; end: number; text: string; lower: string; cap: boolean; kind?: Kind; phrase?: "PLACE" | "WORD" };
type Kind = "HONORIFIC" | "TITLE" | "INITIAL" | "PARTICLE" | "SUFFIX" | "STRONG" | "WEAK" | "UNKNOWN" | "PLACE" | "WORD";

const TOKEN = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*\.?/gu;
const HONORIFICS = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dame", "mme", "mlle", "herr", "frau", "sr", "sra", "srta", "rev", "fr"]);
const PARTICLES = new Set(["van", "von", "de", "der", "den", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "ten", "ter", "bin", "ibn", "al", "el", "y", "zu"]);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xvi", "phd", "md", "dds", "dvm", "esq", "cpa", "rn"]);
// Capitalised role words that make the next name a person ("Coach Brannigan", "Aunt Bertha", "Queen Victoria").
const TITLES = new Set([
  "coach", "aunt", "auntie", "uncle", "grandma", "grandpa", "granny", "nana", "professor", "captain", "capt", "detective",
  "det", "officer", "sergeant", "sgt", "judge", "justice", "father", "mother", "sister", "brother", "king", "queen", "prince",
  "princess", "pope", "saint", "lord", "lady", "president", "senator", "sen", "governor", "gov", "mayor", "chef", "nurse",
  "doctor", "agent", "inspector", "general", "gen", "colonel", "col", "major", "lieutenant", "lt", "admiral", "rabbi",
  "pastor", "imam", "reverend", "bishop", "cardinal", "councillor", "councilman", "councilwoman", "deputy", "minister",
  "chancellor", "dean", "principal", "emperor", "empress", "duke", "duchess", "count", "countess", "baron", "baroness",
]);
// Speaker and field labels ("Bot:", "Website:", "-Fax") that name lists also carry.
const LABELS = new Set(["bot", "user", "agent", "assistant", "customer", "client", "fax", "website", "web", "office", "mobile", "email", "phone", "address", "name", "subject", "re", "fwd", "cc", "bcc", "ai", "gpt", "human", "system", "admin", "moderator", "operator"]);
// Endings that mark an otherwise unknown capitalised word as a surname ("Kishiev", "Oddgeirsdóttir", "Wiśniewski").
const SURNAME_ENDING =
  /(?:[^aeiou]ov|[^aeiou]ova|ová|[^aeiou]ev|[^aeiou]eva|ovich|evich|ovych|ović|ovic|ević|evic|[^aeiou]ić|enko|chuk|czuk|czyk|wicz|owski|ewski|[^aeiou]ski|[^aeiou]ska|[^aeiou]sky|skaya|ský|ská|sson|dóttir|dottir|ssen|poulos|akis|idis|escu|eanu|[^aeiou]yan|oğlu|oglu|[^aeiou]ainen|[^aeiou]inen|[^aeiou]önen|[^aeiou]anen|shvili|dze|ishi|moto|mura|hara|yama|gawa|zawa|saki|naga|uchi|guchi)$/;

// Words right before a run that mark it as a person.
const CUE_BEFORE =
  /(?:\bmy name is|\bname is|\bname:|\bnamed|\bnamed (?:him|her|them)|\bcalled|\bcall me|\bi am|\bi'm|\bim|\bthis is|\bdear|\bhi|\bhello|\bhey|\bthanks|\bthank you|\bregards|\bsincerely|\bsigned|\bcheers|\bsays|\bsaid|\basked|\btold|\bspeak to|\btalk to|\bspeak with|\bmeet|\bmet|\bcontact|\bcc|\battn:?|\battention:?|\bpatient:|\bcustomer:|\bclient:|\bemployee:|\bapplicant:|\bcandidate:|\bauthor:|\bfrom:|\bto:|\bby:|\bdirected by:?|\bwritten by|\bproduced by|\bperformed by|\bsung by|\bfeaturing|\bfeat\.|\bwife|\bhusband|\bson|\bdaughter|\bbrother|\bsister|\bmother|\bfather|\bmom|\bdad|\bfriend|\bboss|\bcolleague|\bpartner|\bkid|\bchild|\bgrandmother|\bgrandfather|\bmanager|\bproducer|\bsongwriter|\bplayer|\bactor|\bactress|\bsinger|\bcommenter|\bauthor|\bwriter|\bbeneficiary|\bguardian|\bfollow up with|\bassistant to|\bmaiden name is|\bsurname is|\blast name is|\bfirst name is|\bfull name is|\bit's under|\binvite|\bask|\btell|\bwith ms\.?|\bwith mr\.?)[\s,:]*$/i;
// The last word of every CUE_BEFORE phrase: a cheap test that must pass before the regex is run.
const CUE_LAST_WORDS = new Set(
  `is name named him her them called me am i'm im this dear hi hello hey thanks you regards sincerely signed cheers says said
  asked told to with meet met contact cc attn attention patient customer client employee applicant candidate author from by
  featuring feat wife husband son daughter brother sister mother father mom dad friend boss colleague partner kid child
  grandmother grandfather manager producer songwriter player actor actress singer commenter writer beneficiary guardian
  under invite ask tell ms mr`.split(/\s+/),
);
const WORD_CHAR = /[\p{L}'’]/u;
/** CUE_BEFORE, tried only when the last word of `before` (read backwards, without a regex scan) can end a cue. */
function cueBefore(before: string): boolean {
  let e = before.length;
  while (e > 0 && /[\s,:]/.test(before[e - 1]!)) e--;
  if (e > 0 && before[e - 1] === ".") e--;
  let b = e;
  while (b > 0 && WORD_CHAR.test(before[b - 1]!)) b--;
  return b < e && CUE_LAST_WORDS.has(before.slice(b, e).toLowerCase()) && CUE_BEFORE.test(before);
}
// A generational or regnal suffix after a name: "Jr.", "PhD", "Henry VIII", "Louis XIV".
const SUFFIX_AFTER = /^,? (?:Jr\.?|Sr\.?|PhD|MD|DDS|DVM|Esq\.?|CPA|RN|(?:X{0,2})(?:IX|IV|V?I{1,3}|V|X)(?=[\s,.;:!?)'’]|$))(?![\p{L}])/u;
// Nouns that make a name before them an eponym ("the Turing test", "the Monty Hall problem", "the Mandelbrot set").
const EPONYM_HEAD =
  /^ (?:theorem|test|machine|set|effect|law|laws|problem|sequence|numbers?|equations?|principle|constant|distribution|transform|series|paradox|prize|telescope|scale|method|algorithm|formula|conjecture|hypothesis|curve|space|function|model|award|medal|complex|syndrome|disease|cycle|index|limit|inequality|lemma|process|matrix|diagram|chart|method|rule|code|cipher|bridge|stadium|institute|university|college|museum|airport|square|street|avenue|road|hall)\b/;
// Words right after a run that mark it as a person.
// Also a vocative: "Warrane, can I please speak to your boss?", "Kevin, could you ...".
// And verbs whose subject is a person: "Tomomi is from Osaka", "Adomo began writing", "Hakuba had given".
const CUE_AFTER = /^(?:,? (?:said|says|wrote|asked|replied|shouted|explained|told|lives|and (?:his|her) )|:\s|:["“]|, (?:can|could|would|will|do|did|have|are) (?:I|you|we) | (?:is|was|comes|came) from |(?:'s| is| was) (?:very |so )?(?:reliable|kind|friendly|impulsive|late|sick|pregnant|married|retired)\b| (?:so|very) (?:reliable|kind|friendly|impulsive|late|sick)\b| (?:had|has) given | gave (?:him|her|me|us|them) | began (?:writing|working|singing|studying) | (?:was|were) born\b| flew (?:to|home|back)\b)/i;

function kindOf(tok: Token, lexicon = getLexicon()): Kind {
  return (tok.kind ??= kindOfToken(tok, lexicon));
}

function kindOfToken(tok: Token, lexicon: ReturnType<typeof getLexicon>): Kind {
  const bare = tok.lower.endsWith(".") ? tok.lower.slice(0, -1) : tok.lower;
  const upper = tok.cap || /^\p{Lu}/u.test(tok.text);
  if (upper && HONORIFICS.has(bare)) return "HONORIFIC";
  if (tok.text === "I") return "WORD"; // the pronoun, not an initial
  if (upper && tok.text.length <= 3 && /^\p{Lu}\.?$/u.test(tok.text)) return "INITIAL";
  if (!upper && PARTICLES.has(bare) && /^\p{Ll}/u.test(tok.text)) return "PARTICLE";
  if (upper && SUFFIXES.has(bare)) return "SUFFIX";
  if (upper && TITLES.has(bare)) return "TITLE";
  if (LABELS.has(bare)) return "WORD";
  const f = lexicon.flags.get(bare) ?? 0;
  // One word that names a very famous person or character ("Mozart", "Hamlet"), unless it is also a town ("Darwin").
  if (f & FAMOUS) return f & PLACE ? "PLACE" : "STRONG";
  if (f & (THING | ADJECTIVE)) return "WORD";
  const isName = (f & NAME) !== 0;
  const isWord = (f & COMMON) !== 0;
  if (!isWord && f & PLACE) return "PLACE";
  if (isName && !isWord) return "STRONG";
  if (isName && isWord) return "WEAK";
  if (!isName && !isWord) return nameLike(bare) ? "STRONG" : "UNKNOWN";
  return "WORD";
}

/** An unknown word shaped like a surname (a typical ending) or written with letters English lacks. */
function nameLike(lower: string): boolean {
  return lower.length >= 4 && (SURNAME_ENDING.test(lower) || /[ðþøåæœłńśźżčřšžďťňěůőűăâîșțşğıćđ]/u.test(lower));
}

/** A token up to its first apostrophe, hyphen or dot: its leading run of letters and marks. */
function leadingLetters(lower: string): string {
  for (let k = 1; k < lower.length; k++) {
    const c = lower.charCodeAt(k);
    if (c === 39 || c === 45 || c === 46 || c === 0x2019) return lower.slice(0, k);
  }
  return lower;
}

/** One upper-case letter followed by a dot: an initial ("J."). */
function isInitial(t: string): boolean {
  return t.length <= 3 && /^\p{Lu}\.$/u.test(t);
}

/** isCapitalised for a token of letters only, without regexes for the common plain-ASCII cases. */
function capitalisedWord(t: string): boolean {
  const c0 = t.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122) return false; // a-z
  if (c0 >= 65 && c0 <= 90) {
    if (t.length === 1) return true;
    const c1 = t.charCodeAt(1);
    if (c1 >= 97 && c1 <= 122) return true;
    if ((c1 >= 65 && c1 <= 90) || c1 === 45) return false; // "IBM", "X-ray"
  }
  return isCapitalised(t);
}

function isCapitalised(t: string): boolean {
  // "Smith", "McDonald", "O'Neil"; not "IBM" or "iPhone".
  return /^\p{Lu}[\p{Ll}\p{M}]/u.test(t) || /^\p{Lu}['’]\p{Lu}\p{Ll}/u.test(t) || /^\p{Lu}\.?$/u.test(t);
}

function sentenceInitial(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return start === 0 || /(?:[.!?]["')\]]?\s+|\n\s*|^\s*|["“(]\s*)$/.test(before);
}

function lineIsRun(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd < 0) lineEnd = text.length;
  return /^[\s>?*\-•|]*$/.test(text.slice(lineStart, start)) && /^[\s,.]*$/.test(text.slice(end, lineEnd));
}

/** Person names: capitalised runs scored by name lists and cues; names found once are then caught everywhere in the text. */
export function findPersons(text: string): Candidate[] {
  const lexicon = getLexicon();
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let t = m[0];
    const whole = t;
    // Keep the dot only on initials and honorifics ("J.", "Mr."), not on a sentence end.
    if (t.endsWith(".") && !isInitial(t) && !HONORIFICS.has(t.slice(0, -1).toLowerCase()) && !SUFFIXES.has(t.slice(0, -1).toLowerCase())) t = t.slice(0, -1);
    if (t.endsWith("'s") || t.endsWith("’s")) t = t.slice(0, -2);
    tokens.push({ start: m.index, end: m.index + t.length, text: t, lower: t.toLowerCase(), cap: t === whole && !t.includes(".") ? capitalisedWord(t) : isCapitalised(t) });
  }
  const out: Candidate[] = [];
  const isLowercaseText = !/\p{Lu}/u.test(text);
  markPhrases(text, tokens, lexicon);
  const lowerName = (t: Token) => lexicon.names.has(t.lower) || (!lexicon.common.has(t.lower) && nameLike(t.lower));

  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (!first.cap && !(isLowercaseText && lowerName(first))) {
      i++;
      continue;
    }
    // Grow a run over capitalised tokens, initials and particles separated by one space (or ". ").
    const run: Token[] = [first];
    let j = i + 1;
    while (j < tokens.length) {
      const prev = run[run.length - 1]!;
      const tok = tokens[j]!;
      // One space, the common case, is tested without building the gap string.
      if (tok.start - prev.end !== 1 || text.charCodeAt(prev.end) !== 32) {
        const gap = text.slice(prev.end, tok.start);
        if (!/^(?: |\. ?|, (?=(?:Jr|Sr|II|III|PhD|MD|DDS|DVM|Esq)\b))$/.test(gap)) break;
        if (gap.startsWith(".") && !/^\p{Lu}\.?$/u.test(prev.text) && !HONORIFICS.has(prev.lower.replace(/\.$/, "")) && prev.kind !== "INITIAL") break;
      }
      // Without capitals, a lone letter between a given name and a further name is a middle initial
      // ("leidy t muris", "eric g. samoylova", "benjamin a seiler").
      if (isLowercaseText && tok.text.length === 1 && j + 1 < tokens.length && lexicon.names.has(prev.lower) && !lexicon.common.has(prev.lower)) {
        const nxt = tokens[j + 1]!;
        if (/^\.? $/.test(text.slice(tok.end, nxt.start)) && nxt.lower.length >= 3 && !lexicon.common.has(nxt.lower) && !lexicon.places.has(nxt.lower) && /^\p{L}+$/u.test(nxt.text)) {
          tok.kind = "INITIAL";
          run.push(tok);
          j++;
          continue;
        }
      }
      const particle = PARTICLES.has(tok.lower) && j + 1 < tokens.length && tokens[j + 1]!.cap;
      if (!(tok.cap || particle || (isLowercaseText && (lowerName(tok) || (prev.kind === "INITIAL" && run.length >= 2 && !lexicon.common.has(tok.lower)))))) break;
      run.push(tok);
      j++;
      if (run.length >= 6) break;
    }
    i = j;
    evaluateRun(text, run, lexicon, isLowercaseText, out);
  }

  // Names listed or coordinated with a name are names too ("Kateřina, Hleb and Sherry", "said Ana to Logan").
  coordinate(text, tokens, out, lexicon, isLowercaseText);
  // Lower-case lists of given names: "they had 6: silvana, adam, christopher and caleb".
  const mayList = text.includes(",") && (text.includes(" and ") || text.includes(" & "));
  if (mayList) for (const m of text.matchAll(/(?<![\p{L}])(\p{Ll}+)((?:, ?\p{Ll}+){1,}),? (?:and|&) (\p{Ll}+)(?![\p{L}])/gu)) {
    const items = [m[1]!, ...m[2]!.split(",").map((x) => x.trim()).filter(Boolean), m[3]!];
    const strong = items.filter((w) => lexicon.names.has(w) && !lexicon.common.has(w) && !lexicon.places.has(w)).length;
    if (items.length >= 3 && items.every((w) => lexicon.names.has(w) && !lexicon.veryCommon.has(w)) && strong >= 2) {
      let at = m.index;
      for (const w of items) {
        const s0 = text.indexOf(w, at);
        out.push({ type: "PERSON", start: s0, end: s0 + w.length, confidence: 0.7 });
        at = s0 + w.length;
      }
    }
  }

  // A name seen once is the same person wherever its parts recur ("Teresa Kreutzmann … Kreutzmann said"),
  // in any case ("… kreutzmann").
  const seen = new Set<string>();
  for (const c of out) {
    if (c.confidence < 0.5) continue;
    for (const part of text.slice(c.start, c.end).split(/[\s.,]+/)) {
      const lower = part.replace(/['’]s$/, "").toLowerCase();
      if (lower.length >= 3 && !HONORIFICS.has(lower) && !SUFFIXES.has(lower) && !TITLES.has(lower) && !lexicon.veryCommon.has(lower)) seen.add(lower);
    }
  }
  if (seen.size > 0) {
    for (const tok of tokens) {
      if (!seen.has(tok.lower)) continue;
      // A lower-case repeat must not be an everyday word ("rose", "mark").
      if (/^\p{Ll}/u.test(tok.text) && lexicon.common.has(tok.lower)) continue;
      if (!out.some((c) => c.confidence >= 0.5 && c.start <= tok.start && tok.end <= c.end)) {
        out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.7 });
      }
    }
  }
  return out;
}

/** Marks tokens inside known multi-word places ("Los Angeles", "Den Haag") and things ("Dow Jones", "Valentine's Day"). */
function markPhrases(text: string, tokens: Token[], lexicon: ReturnType<typeof getLexicon>): void {
  for (let a = 0; a < tokens.length - 1; a++) {
    // Only a token whose leading letters open some known phrase can start one.
    if (!lexicon.phraseHeads.has(leadingLetters(tokens[a]!.lower))) continue;
    if (!/^\p{Lu}/u.test(tokens[a]!.text)) continue;
    for (let b = Math.min(tokens.length, a + 4); b >= a + 2; b--) {
      const phrase = text.slice(tokens[a]!.start, tokens[b - 1]!.end).toLowerCase().replace(/['’]s\b/g, "").replace(/\s+/g, " ");
      const isPlace = lexicon.placePhrases.has(phrase);
      if (isPlace || lexicon.thingPhrases.has(phrase)) {
        for (let k = a; k < b; k++) tokens[k]!.phrase = isPlace ? "PLACE" : "WORD";
        a = b - 1;
        break;
      }
    }
  }
}

/** Grows found names over coordinated and listed neighbours: "X and Y", "X, Y, Z", "said X to Y". */
function coordinate(text: string, tokens: Token[], out: Candidate[], lexicon: ReturnType<typeof getLexicon>, lowercaseText: boolean): void {
  const found = () => out.filter((c) => c.confidence >= 0.5);
  if (!out.some((c) => c.confidence >= 0.5)) return;
  const isCandidate = (tok: Token) => {
    if (!(tok.cap || (lowercaseText && lexicon.names.has(tok.lower)))) return false;
    const k = kindOf(tok, lexicon);
    if (k === "STRONG" || k === "UNKNOWN") return true;
    // A name that is also a town ("Mary", "Florence") beside a found name in a list is the name.
    if (k === "PLACE" && lexicon.names.has(tok.lower) && !tok.phrase) return true;
    // A name-list word that is also an English word ("Heather", "Frank") only when not opening a sentence.
    return k === "WEAK" && !lexicon.veryCommon.has(tok.lower) && !sentenceInitial(text, tok.start);
  };
  // An everyday word that is also a surname ("Brown", "White", "Park") joined by "and" to a found name,
  // with the pair then the subject of a plural verb or the end of the sentence.
  const isPairedSurname = (tok: Token, pairEnd: number) =>
    tok.cap && kindOf(tok, lexicon) === "WEAK" && lexicon.names.has(tok.lower) && !sentenceInitial(text, tok.start) &&
    /^(?: (?:were|are|have|had)\b|[.!?]?$|[.!?]\s)/.test(text.slice(pairEnd, pairEnd + 6));
  const byStart = new Map(tokens.map((t, i) => [t.start, i]));
  const byEnd = new Map(tokens.map((t, i) => [t.end, i]));
  for (let round = 0; round < 6; round++) {
    let added = 0;
    for (const c of found()) {
      // Right neighbour: ", Y" · " and Y" · " & Y" · " or Y" · " to Y" (after "said X").
      const rest = text.slice(c.end, c.end + 8);
      const mr = /^(?:,? (?:and|&|or) |, | to )/.exec(rest);
      if (mr) {
        if (mr[0] === " to " && !/\bsaid\s+$/i.test(text.slice(Math.max(0, c.start - 12), c.start))) continue;
        const i = byStart.get(c.end + mr[0].length);
        const tok = i === undefined ? undefined : tokens[i];
        if (tok && (isCandidate(tok) || (/and/.test(mr[0]) && isPairedSurname(tok, tok.end))) && (mr[0] !== ", " || listContinues(text, tok.end)) && !covered(out, tok)) {
          const sfx = SUFFIX_AFTER.exec(text.slice(tok.end, tok.end + 8));
          out.push({ type: "PERSON", start: tok.start, end: tok.end + (sfx ? sfx[0].length : 0), confidence: 0.7 });
          added++;
        }
      }
      // Left neighbour: "X and " · "X, " before the found name.
      const lead = text.slice(Math.max(0, c.start - 8), c.start);
      const ml = /(?:,? (?:and|&|or) |, )$/.exec(lead);
      if (ml) {
        const i = byEnd.get(c.start - ml[0].length);
        const tok = i === undefined ? undefined : tokens[i];
        if (tok && (isCandidate(tok) || (/and/.test(ml[0]) && isPairedSurname(tok, c.end))) && (ml[0] !== ", " || listContinues(text, c.end)) && !covered(out, tok)) {
          out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.7 });
          added++;
        }
      }
    }
    if (added === 0) break;
  }
}

/** After a bare comma, a list goes on (", Z", " and Z"): "Kateřina, Hleb, Sherry", not "Dear Anna, thanks". */
function listContinues(text: string, end: number): boolean {
  return /^(?:,? (?:and|&|or) |, )\p{L}/u.test(text.slice(end, end + 8));
}

function covered(out: Candidate[], tok: { start: number; end: number }): boolean {
  return out.some((c) => c.confidence >= 0.5 && c.start < tok.end && tok.start < c.end);
}

/** CUE_AFTER without a bare "Label: " (a speaker's colon with a quote still counts). */
function personVerbAfter(text: string, end: number): boolean {
  return !/^:\s/.test(text.slice(end, end + 2)) && CUE_AFTER.test(text.slice(end, end + 25));
}

function evaluateRun(text: string, run: Token[], lexicon: ReturnType<typeof getLexicon>, lowercaseText: boolean, out: Candidate[]): void {
  const kinds = run.map((t) => kindOf(t, lexicon));
  // ALL-CAPS words are headings or places far more often than names.
  // (A capitalised token, "Smith" or "J.", never is one.)
  for (let k = 0; k < run.length; k++) if (!run[k]!.cap && /^\p{Lu}{2,}$/u.test(run[k]!.text) && kinds[k] !== "SUFFIX" && kinds[k] !== "HONORIFIC") kinds[k] = "WORD";
  for (let k = 0; k < run.length; k++) if (run[k]!.phrase) kinds[k] = run[k]!.phrase!;
  for (let k = 0; k < run.length; k++) {
    const tok = run[k]!;
    // "Darwin's theory": a famous name that is also a town, in the possessive, is the person.
    if (kinds[k] === "PLACE" && lexicon.famous.has(tok.lower) && !tok.phrase && /^['’]s\b/.test(text.slice(tok.end, tok.end + 3))) kinds[k] = "STRONG";
    // "Nikola Tesla": a brand that is also a surname, right after a given name, is the surname.
    if (k > 0 && kinds[k] === "WORD" && kinds[k - 1] === "STRONG" && !tok.phrase && lexicon.things.has(tok.lower) && lexicon.names.has(tok.lower) && lexicon.names.has(run[k - 1]!.lower)) kinds[k] = "WEAK";
  }

  // A capitalised sentence opener that is also an everyday word ("Call", "Will", "Ask") is the verb, not a name.
  // Unless it is a given name before a surname ("Harry Sheppard"), where the word is rare as a verb.
  // A name-list word before an initial and a surname is a given name even when it is an everyday word ("Ken N. Fukuda").
  const nameFollows = run.length > 1 && (((kinds[1] === "STRONG" || kinds[1] === "INITIAL") && !lexicon.veryCommon.has(run[0]!.lower)) || (run.length > 2 && kinds[1] === "INITIAL" && /\.$/.test(run[1]!.text) && lexicon.names.has(run[0]!.lower) && (kinds[2] === "STRONG" || kinds[2] === "UNKNOWN")));
  // Nor when a person's verb follows a lone word ("Walker began writing", 'Heather:"I'm ...').
  if (kinds[0] === "WEAK" && !nameFollows && sentenceInitial(text, run[0]!.start) && lexicon.common.has(run[0]!.lower) && !(run.length === 1 && personVerbAfter(text, run[0]!.end))) kinds[0] = "WORD";
  // CamelCase identifiers ("BankAccount", "TypeError") are code, unlike "McDonald" or "DeLuca".
  for (let k = 0; k < run.length; k++) if (/^\p{Lu}\p{Ll}+\p{Lu}/u.test(run[k]!.text) && !/^(Mc|Mac|O'|D'|De|Di|Da|La|Le|Van|Von)\p{Lu}/u.test(run[k]!.text)) kinds[k] = "WORD";

  // Split the run at ordinary words; each piece is judged on its own.
  let k = 0;
  while (k < run.length) {
    if (kinds[k] === "WORD" || kinds[k] === "PARTICLE" || kinds[k] === "SUFFIX") {
      k++;
      continue;
    }
    let e = k;
    while (e + 1 < run.length && kinds[e + 1] !== "WORD") e++;
    // Trailing particles are not part of a name.
    while (e > k && kinds[e] === "PARTICLE") e--;
    // A piece glued to capitalised ordinary words is part of a title or an organisation ("Greek
    // Yogurt", "Fernandez Inc", "Remote Work Works"), unless that word opens the sentence.
    const leftWord = k > 0 && kinds[k - 1] === "WORD" && !(k - 1 === 0 && sentenceInitial(text, run[0]!.start)) && !LABELS.has(run[k - 1]!.lower);
    const rightWord = e + 1 < run.length && kinds[e + 1] === "WORD";
    judge(text, run.slice(k, e + 1), kinds.slice(k, e + 1), lowercaseText, out, leftWord || rightWord);
    k = e + 1;
  }
}

function judge(text: string, toks: Token[], kinds: Kind[], lowercaseText: boolean, out: Candidate[], inTitle = false): void {
  // A leading role word ("Coach", "Queen") is a cue, not part of the name.
  let lead = 0;
  while (lead < toks.length - 1 && kinds[lead] === "TITLE") lead++;
  const titled = lead > 0;
  if (titled) {
    toks = toks.slice(lead);
    kinds = kinds.slice(lead);
  }
  const start = toks[0]!.start;
  let end = toks[toks.length - 1]!.end;
  // Keep a trailing suffix with the name ("Kevin Veitonen II", "Giovanna Rodrigues MD").
  const after = text.slice(end, end + 8);
  const suffix = SUFFIX_AFTER.exec(after);
  const core = kinds.filter((k) => k === "STRONG" || k === "WEAK" || k === "UNKNOWN" || k === "PLACE" || k === "TITLE");
  if (core.length === 0 || kinds.every((k) => k === "TITLE")) return;
  // Without a given name, a run ending in an everyday noun is a thing ("Brown Rice", "Hollandaise Sauce").
  const lastCore = [...kinds.keys()].reverse().find((i) => kinds[i] !== "INITIAL" && kinds[i] !== "PARTICLE");
  const thingHead = lastCore !== undefined && lastCore > 0 && kinds[lastCore] === "WEAK" && getLexicon().veryCommon.has(toks[lastCore]!.lower);
  const strong = core.filter((k) => k === "STRONG").length;
  const weak = core.filter((k) => k === "WEAK" || k === "TITLE").length;
  const place = core.filter((k) => k === "PLACE").length;
  const unknown = core.filter((k) => k === "UNKNOWN").length;
  const honorific = kinds.includes("HONORIFIC") || titled;
  const initials = kinds.filter((k) => k === "INITIAL").length;
  const before = text.slice(Math.max(0, start - 40), start);
  const cue = honorific || cueBefore(before) || CUE_AFTER.test(text.slice(end, end + 25)) || lineIsRun(text, start, end) || (kinds.includes("SUFFIX") && /\p{Lu}{2}/u.test(toks[toks.length - 1]!.text)) || (suffix !== null && /[VX]|II/.test(suffix[0]) && !/^,/.test(suffix[0]));
  const initial = sentenceInitial(text, start);

  // After an article or a place preposition a capitalised run is a thing or a place ("the Kindle
  // Paperwhite", "in Berlin"), unless wording says otherwise.
  const article = /\b(?:the|a|an)\s+$/i.test(before);
  const placePrep = /\b(?:in|at|from|to|near|into|across|around|visit|visiting|of)\s+$/.test(before);
  let confidence = 0;
  if (place === core.length) {
    // Only places: a person only when an honorific or a role word says so ("Queen Victoria").
    // Or a given name that is also a town right after wording about a person ("says Izumi", "my kid Florence").
    confidence = honorific ? 0.8 : core.length === 1 && getLexicon().names.has(toks[0]!.lower) && (cueBefore(before) || personVerbAfter(text, end)) ? 0.7 : 0;
  } else if (lowercaseText) {
    // Without capitals only wording can tell a name: "my name is jan kowalski".
    if (cue && strong + weak + unknown + place === core.length && strong >= 1) confidence = 0.7;
    // Two name-list words that are not English words in a row: "dmitri volkov".
    else if (strong >= 2 && strong === core.length) confidence = 0.7;
  } else if (core.length >= 2 || (core.length === 1 && initials > 0)) {
    const weakish = weak + place;
    if (strong === 0 && thingHead) confidence = cue ? 0.75 : 0.3;
    else if (strong >= 1) confidence = 0.85;
    else if (weakish >= 1 && unknown >= 1) confidence = cue ? 0.85 : 0.7;
    else if (weakish === core.length) confidence = cue ? 0.8 : initial ? 0.3 : place > 0 ? 0.35 : 0.55;
    else confidence = cue ? 0.75 : initials > 0 ? 0.7 : 0.55;
  } else {
    const k = core[0];
    if (k === "STRONG") confidence = cue ? 0.9 : 0.65;
    else if (k === "WEAK") confidence = cue && !initial ? 0.75 : cue ? 0.6 : 0;
    else confidence = cue ? 0.75 : 0;
  }
  // "a Harvey Leach concert": a full name used before a noun stays a name.
  const attributive = strong >= 1 && core.length >= 2 && /^ \p{Ll}/u.test(text.slice(end, end + 2));
  // "the Jensen novel", "the Sokolov estate": a lone surname (a name-list word that is no English word)
  // between "the" and a lower-case noun is the owner or author, not a thing.
  const ownerOfNoun = strong === 1 && core.length === 1 && /\bthe\s+$/i.test(before) && /^ \p{Ll}{3,}/u.test(text.slice(end, end + 5));
  if (!cue && article && ownerOfNoun) confidence *= 0.8;
  else if (!cue && article && !attributive) confidence *= 0.5;
  else if (!cue && placePrep && core.length === 1 && strong === 0) confidence *= 0.6;
  if (!honorific && inTitle && !cueBefore(before)) confidence *= 0.5;
  // An eponym ("Turing test", "Monty Hall problem"); not in the possessive ("Schrödinger's cat").
  if (!cue && confidence > 0 && EPONYM_HEAD.test(text.slice(end, end + 16))) confidence *= 0.4;
  if (suffix && confidence > 0) end += suffix[0].length;
  if (confidence > 0) out.push({ type: "PERSON", start, end, confidence });
}
