import { ADJECTIVE, COMMON, FAMOUS, GIVEN, getLexicon, NAME, PLACE, THING, VERY_COMMON, wordFlags } from "../lexicon";
import { hasNoCapital, isBlank, MONTH_NAMES, WEEKDAY_NAMES } from "../text";
import type { Candidate } from "../types";

// Person names without a statistical model: runs of capitalised tokens weighed by a name list
// (humannames), an ordinary-word list (SCOWL), honorifics and the words around them.

type Lexicon = ReturnType<typeof getLexicon>;
type Kind = "HONORIFIC" | "TITLE" | "INITIAL" | "PARTICLE" | "SUFFIX" | "STRONG" | "WEAK" | "UNKNOWN" | "PLACE" | "WORD";

/**
 * What the rules read of a word, the same wherever it is written: worked out once per distinct
 * spelling (see wordOf) rather than once per occurrence. `text` is the word without a sentence's full
 * stop or a possessive "'s"; `cap` (isCapitalised) is set when read; `flags` (flagsOf) and `kind`
 * (kindOfToken, for a word not glued to an identifier) on first use.
 */
class Word {
  flags = -1;
  kind: Kind | undefined = undefined;
  /** How it cues a lower-case name beside it (lowerCues), or -1 until asked. */
  cues = -1;
  /** nameLike(lower), until asked. */
  nameShaped: boolean | undefined = undefined;
  /** A keyword that declares a variable ("var", "let", "const", "val"): see declaresAfter. */
  readonly declares: boolean;
  constructor(
    readonly text: string,
    readonly lower: string,
    readonly cap: boolean,
    /** Capitalised, and its leading letters open a known multi-word place or thing (markPhrases). */
    readonly opensPhrase: boolean,
  ) {
    this.declares = DECLARATION_KEYWORDS.has(lower);
  }
}
const DECLARATION_KEYWORDS = new Set(["var", "let", "const", "val"]);

/** A word of the text, where it stands. `kind` is set by kindOf on first use, or by a rule that knows better. */
class Token {
  kind: Kind | undefined = undefined;
  phrase: "PLACE" | "WORD" | undefined = undefined;
  /**
   * Glued to a digit or an underscore ("Argon2", "python3", "user_name", "v2Anna"): part of an
   * identifier, a version or a model name, never a person's name on its own.
   */
  glued = false;
  /**
   * The word's `cap`, copied: every pass asks it of every token, and most ask nothing more of a
   * token in lower case, which then need not reach its Word.
   */
  readonly cap: boolean;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly word: Word,
  ) {
    this.cap = word.cap;
  }
  get text(): string {
    return this.word.text;
  }
  get lower(): string {
    return this.word.lower;
  }
}

/**
 * The lexicon's flags for a token's lower-case form, looked up once per word however many of the
 * lists the rules ask about (names.has(w) is flags & NAME, common.has(w) is flags & COMMON, ...).
 */
function flagsOf(tok: Token): number {
  const word = tok.word;
  if (word.flags < 0) word.flags = wordFlags(word.lower);
  return word.flags;
}
const HONORIFICS = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "sir",
  "madam",
  "dame",
  "mme",
  "mlle",
  "herr",
  "frau",
  "sr",
  "sra",
  "srta",
  "rev",
  "fr",
  // French, Spanish, Italian, Portuguese and Dutch.
  "madame",
  "monsieur",
  "mademoiselle",
  "señor",
  "señora",
  "señorita",
  "signor",
  "signora",
  "signorina",
  "senhor",
  "senhora",
  "meneer",
  "mevrouw",
  "dhr",
  "mevr",
]);
// Imperatives that open requests in German, Dutch, French, Spanish, Italian and Portuguese. At the
// start of a sentence they are no name's first word, though name lists carry some ("Ruf", "Bel",
// "Schick") and others, unknown and capitalised, read as one ("Frag Thomas"). Elsewhere they may be
// surnames still ("Anna Ruf", "Ernst Mach").
const REQUEST_VERBS = new Set(
  `ruf rufe schreib schreibe schick schicke sende frag frage gib hilf mach zeig zeige erzähl erzähle nimm antworte
  bel stuur vraag geef maak schrijf zeg vertel
  appelle appelez écris écrivez envoie envoyez dis demande demandez rappelle rappelez réponds répondez
  llama llame escribe escriba envía envíe dime dile pregunta manda mande responde
  chiama chiami scrivi scriva invia dimmi chiedi rispondi
  liga ligue escreve escreva envia envie diga`.split(/\s+/),
);
// Greetings and salutations that open letters and messages in other languages ("Hola Sr. García",
// "Caro Marco", "Sehr geehrter Herr Müller"): at the start of a sentence no name's first word (name
// lists carry some: "Hola", "Caro", "Sehr"), and a cue for the name after them (CUE_BEFORE).
const SALUTATIONS = new Set(
  `hola bonjour bonsoir salut hallo ciao olá ola hej hoi caro cara querido querida estimado estimada cher chère liebe
  lieber beste gentile prezado prezada geachte sehr`.split(/\s+/),
);
// The words of a salutation that stand right before the name: SALUTATIONS, and "geehrte(r)" of "Sehr geehrter Herr".
const SALUTATION_CUES = [...SALUTATIONS, "geehrter", "geehrte"];
const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "das",
  "do",
  "dos",
  "del",
  "della",
  "di",
  "du",
  "la",
  "le",
  "ten",
  "ter",
  "bin",
  "binti",
  "bint",
  "binte",
  "ibn",
  "al",
  "el",
  "y",
  "zu",
]);
const SUFFIXES = new Set([
  "jr",
  "sr",
  "ii",
  "iii",
  "iv",
  "vi",
  "vii",
  "viii",
  "ix",
  "xi",
  "xii",
  "xiii",
  "xiv",
  "xv",
  "xvi",
  "phd",
  "md",
  "dds",
  "dvm",
  "esq",
  "cpa",
  "rn",
]);
// Surnames glued to a lower-case Arabic article or an elided "de": "al-Rashid", "el-Sayed", "d'Angelo".
// They count as capitalised, so that "Ahmed al-Rashid" is one run.
const PREFIXED_SURNAME = /^(?:al|el|ad|ar|as|at|an|ash|az|abd|abu|bin|ibn|bint|ben|d)[-'’]\p{Lu}\p{Ll}/u;
// Capitalised role words that make the next name a person ("Coach Brannigan", "Aunt Bertha", "Queen Victoria").
const TITLES = new Set([
  "coach",
  "aunt",
  "auntie",
  "uncle",
  "grandma",
  "grandpa",
  "granny",
  "nana",
  "professor",
  "captain",
  "capt",
  "detective",
  "det",
  "officer",
  "sergeant",
  "sgt",
  "judge",
  "justice",
  "father",
  "mother",
  "sister",
  "brother",
  "king",
  "queen",
  "prince",
  "princess",
  "pope",
  "saint",
  "lord",
  "lady",
  "president",
  "senator",
  "sen",
  "governor",
  "gov",
  "mayor",
  "chef",
  "nurse",
  "doctor",
  "agent",
  "inspector",
  "general",
  "gen",
  "colonel",
  "col",
  "major",
  "lieutenant",
  "lt",
  "admiral",
  "rabbi",
  "pastor",
  "imam",
  "reverend",
  "bishop",
  "cardinal",
  "councillor",
  "councilman",
  "councilwoman",
  "deputy",
  "minister",
  "chancellor",
  "dean",
  "principal",
  "emperor",
  "empress",
  "duke",
  "duchess",
  "count",
  "countess",
  "baron",
  "baroness",
]);
// Speaker and field labels ("Bot:", "Website:", "-Fax") that name lists also carry.
const LABELS = new Set([
  "bot",
  "user",
  "agent",
  "assistant",
  "customer",
  "client",
  "fax",
  "website",
  "web",
  "office",
  "mobile",
  "email",
  "phone",
  "address",
  "name",
  "subject",
  "re",
  "fwd",
  "cc",
  "bcc",
  "ai",
  "gpt",
  "human",
  "system",
  "admin",
  "moderator",
  "operator",
  // Roles a case note opens with ("Patient is a 38-year-old male").
  "patient",
  "applicant",
  "tenant",
  "resident",
  "victim",
  "participant",
  "respondent",
  "plaintiff",
  "defendant",
]);
// Endings that mark an otherwise unknown capitalised word as a surname ("Kishiev", "Oddgeirsdóttir", "Wiśniewski").
const SURNAME_ENDING =
  /(?:[^aeiou]ov|[^aeiou]ova|ová|[^aeiou]ev|[^aeiou]eva|ovich|evich|ovych|ović|ovic|ević|evic|[^aeiou]ić|enko|chuk|czuk|czyk|wicz|owski|ewski|[^aeiou]ski|[^aeiou]ska|[^aeiou]sky|skaya|ský|ská|sson|dóttir|dottir|ssen|poulos|akis|idis|escu|eanu|[^aeiou]yan|oğlu|oglu|[^aeiou]ainen|[^aeiou]inen|[^aeiou]önen|[^aeiou]anen|shvili|dze|ishi|moto|mura|hara|yama|gawa|zawa|saki|naga|uchi|guchi)$/;

/**
 * `pattern` anchored at the end of the strings it tests, as "pattern$" is, but matched backwards from
 * the end: V8 runs a lookbehind backwards, so this is one attempt where "pattern$" is tried at every
 * position of the string (which cost most with long alternations, such as the cue phrases).
 */
function atEnd(pattern: RegExp): { test(s: string): boolean } {
  const re = new RegExp(`(?<=${pattern.source})`, `${pattern.flags}y`);
  return {
    test(s) {
      re.lastIndex = s.length;
      return re.test(s);
    },
  };
}

// Words right before a run that mark it as a person.
const CUE_BEFORE = atEnd(
  new RegExp(
    String.raw`(?:\bmy name is|\bname is|\bname:|\bnamed|\bnamed (?:him|her|them)|\bcalled|\bcall me|\bi am|\bi'm|\bim|\bthis is|\bdear|\bhi|\bhello|\bhey|\b(?:${SALUTATION_CUES.join("|")})|\bthanks|\bthank you|\bregards|\bsincerely|\bsigned|\bcheers|\bsays|\bsaid|\basked|\btold|\bspeak to|\btalk to|\bspeak with|\bmeet|\bmet|\bcontact|\bcc|\battn:?|\battention:?|\bpatient:|\bcustomer:|\bclient:|\bemployee:|\bapplicant:|\bcandidate:|\bauthor:|\bfrom:|\bto:|\bby:|\bdirected by:?|\bwritten by|\bproduced by|\bperformed by|\bsung by|\bfeaturing|\bfeat\.|\bwife|\bhusband|\bson|\bdaughter|\bbrother|\bsister|\bmother|\bfather|\bmom|\bdad|\bfriend|\bboss|\bcolleague|\bpartner|\bkid|\bchild|\bgrandmother|\bgrandfather|\bmanager|\bproducer|\bsongwriter|\bplayer|\bactor|\bactress|\bsinger|\bcommenter|\bauthor|\bwriter|\bbeneficiary|\bguardian|\bfollow up with|\bassistant to|\bmaiden name is|\bsurname is|\blast name is|\bfirst name is|\bfull name is|\bit's under|\binvite|\bask|\btell|\bcall|\btext|\bemail|\bping|\bremind|\bwith ms\.?|\bwith mr\.?|\b(?:applicant|candidate|tenant|passenger|student|patient|member)|\b(?:whatsapp|dm|msg|message|sms)|\b(?:girlfriend|boyfriend|fianc[ée]e?|cousin|niece|nephew|grandson|granddaughter|grandma|grandpa|granny|mum|mummy|mommy|daddy|step(?:son|daughter|mother|father)|(?:mother|father|sister|brother|son|daughter)-in-law|roommate|flatmate|housemate|neighbou?r|classmate|co-?worker|teammate|prim[oa]|t[ií][oa]|herman[oa]|hij[oa]|amig[oa]|namorad[oa]|novi[oa]|espos[oa]|irm[ãa]o?|filh[oa]|av[óô]|abuel[oa]|schwester|bruder|tochter|sohn|freundin|oma|opa|kollegin|kollege|cousine|copine|copain|bhai|didi|behen))[\s,:]*`,
    "i",
  ),
);
// The last word of every CUE_BEFORE phrase: a cheap test that must pass before the regex is run.
const CUE_LAST_WORDS = new Set(
  `is name named him her them called me am i'm im this dear hi hello hey thanks you regards sincerely signed cheers says said
  asked told to with meet met contact cc attn attention patient customer client employee applicant candidate author from by
  featuring feat wife husband son daughter brother sister mother father mom dad friend boss colleague partner kid child
  grandmother grandfather manager producer songwriter player actor actress singer commenter writer beneficiary guardian
  under invite ask tell ms mr call text email ping remind tenant passenger student member whatsapp dm msg message sms
  girlfriend boyfriend fiance fiancee fiancé fiancée cousin niece nephew grandson granddaughter grandma grandpa granny mum mummy
  mommy daddy stepson stepdaughter stepmother stepfather mother-in-law father-in-law sister-in-law brother-in-law son-in-law
  daughter-in-law law roommate flatmate housemate neighbour neighbor classmate coworker co-worker teammate primo prima tio tia tío
  tía hermano hermana hijo hija amigo amiga namorado namorada novio novia esposo esposa irmão irmã irma filho filha avó avô
  abuelo abuela schwester bruder tochter sohn freundin oma opa kollegin kollege cousine copine copain bhai didi behen`
    .split(/\s+/)
    .concat(SALUTATION_CUES),
);

/** /[\s,:]/ at `k`, without the regex for plain ASCII. */
function spaceCommaOrColon(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 44 || c === 58;
  return /\s/.test(s[k]!);
}

/** /[\p{L}'’]/u at the code unit `k`, without the regex for plain ASCII. */
function wordChar(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39;
  return c === 0x2019 || /\p{L}/u.test(s[k]!);
}
// "In the name of" and account-holder wording of other languages: "intestato a", "a nome di", "au nom de",
// "a nombre de", "em nome de", "atas nama", "Kontoinhaberin:".
const FOREIGN_CUE_BEFORE = atEnd(
  /(?:\bintestat[oaie] a|\ba nome di|\bau nom de|\ba nombre de|\bem nome de|\batas nama|\bkontoinhaber(?:in)?:?)\s*/i,
);
const FOREIGN_CUE_LAST_WORDS = new Set(["a", "di", "de", "nama", "kontoinhaber", "kontoinhaberin"]);
/** CUE_BEFORE, tried only when the last word of `before` (read backwards, without a regex scan) can end a cue. */
function cueBefore(before: string): boolean {
  let e = before.length;
  while (e > 0 && spaceCommaOrColon(before, e - 1)) e--;
  if (e > 0 && before[e - 1] === ".") e--;
  let b = e;
  while (b > 0 && wordChar(before, b - 1)) b--;
  if (b >= e) return false;
  const last = before.slice(b, e).toLowerCase();
  if (FOREIGN_CUE_LAST_WORDS.has(last)) return FOREIGN_CUE_BEFORE.test(before);
  return CUE_LAST_WORDS.has(last) && CUE_BEFORE.test(before);
}
// A generational or regnal suffix after a name: "Jr.", "PhD", "Henry VIII", "Louis XIV".
const SUFFIX_AFTER = /^,? (?:Jr\.?|Sr\.?|PhD|MD|DDS|DVM|Esq\.?|CPA|RN|(?:X{0,2})(?:IX|IV|V?I{1,3}|V|X)(?=[\s,.;:!?)'’]|$))(?![\p{L}])/u;
// The letters a suffix starts with: J, S, P, M, D, E, C, R, I, V, X.
const SUFFIX_INITIALS = new Set([..."JSPMDECRIVX"].map((c) => c.charCodeAt(0)));

/** The suffix (with its comma and space) right after `end` (SUFFIX_AFTER), or null; most names are followed by no ", J…" or " X…" at all. */
function suffixAfter(text: string, end: number): string | null {
  let k = end;
  if (text.charCodeAt(k) === 44) k++;
  if (text.charCodeAt(k) !== 32 || !SUFFIX_INITIALS.has(text.charCodeAt(k + 1))) return null;
  return SUFFIX_AFTER.exec(text.slice(end, end + 8))?.[0] ?? null;
}
// Nouns that make a name before them an eponym ("the Turing test", "the Monty Hall problem", "the Mandelbrot set").
const EPONYM_HEAD =
  /^ (?:theorem|test|machine|set|effect|law|laws|problem|sequence|numbers?|equations?|principle|constant|distribution|transform|series|paradox|prize|telescope|scale|method|algorithm|formula|conjecture|hypothesis|curve|space|function|model|award|medal|complex|syndrome|disease|cycle|index|limit|inequality|lemma|process|matrix|diagram|chart|method|rule|code|cipher|bridge|stadium|institute|university|college|museum|airport|square|street|avenue|road|hall|period|era|dynasty|empire|architecture|style|check|checksum|cluster|server|node|database|release|branch|ratio|coefficient|criterion|estimator|filter|kernel|operator|polynomials?|integral|approximation|heuristic|notation|interval|condition|bound|plot|score|rating|protocol|graph|tree|reaction|synthesis|sort|search|cut|bias|fallacy|loop|pattern|pyramid|matrix|point|box|razor|wager|number)\b/;
// Words right after a run that mark it as a person.
// Also a vocative: "Warrane, can I please speak to your boss?", "Kevin, could you ...".
// And verbs whose subject is a person: "Tomomi is from Osaka", "Adomo began writing", "Hakuba had given".
const CUE_AFTER = new RegExp(
  String.raw`(?:,? (?:said|says|wrote|asked|replied|shouted|explained|told|lives|and (?:his|her) )|:\s|:["“]|, (?:can|could|would|will|do|did|have|are) (?:I|you|we) | (?:is|was|comes|came) from |(?:'s| is| was) (?:very |so )?(?:reliable|kind|friendly|impulsive|late|sick|pregnant|married|retired)\b| (?:so|very) (?:reliable|kind|friendly|impulsive|late|sick)\b| (?:had|has) given | gave (?:him|her|me|us|them) | began (?:writing|working|singing|studying) | (?:was|were) born\b| flew (?:to|home|back)\b| (?:is|was) (?:flying|driving|travell?ing) (?:to|home|back)\b` +
    // "Sterling from accounts says": a colleague named by their department.
    String.raw`| from (?:the )?(?:hr|it|sales|marketing|finance|accounting|accounts|legal|support|payroll|procurement|compliance|recruiting)\b` +
    // "Hassan and I got married", "for Grace; she was born", "Hunter is a young hunter".
    String.raw`| and I\b|[;,.]? (?:she|he) (?:is|was|has|had|will|would|said|says|turns|turned|loves|likes|wants|needs)\b| (?:is|was) an? (?:young|old|elderly|retired|teenage|little|\d{1,3}-year-old)\b)`,
  "iy",
);

/**
 * CUE_AFTER right at `end`, read in place (sticky) rather than on a copy of the next 25 characters:
 * every wording is shorter than that, so the copy's end never cut one short.
 */
function cueAfterAt(text: string, end: number): boolean {
  if (!mayCueAfter(text, end)) return false;
  CUE_AFTER.lastIndex = end;
  return CUE_AFTER.test(text);
}

// The first two letters, in lower case, of every word that can open a CUE_AFTER wording after its
// space: "sa"id, "wr"ote, "is", "wa"s, "fr"om, "sh"e, "he", ... packed as two char codes (see mayCueAfter).
const CUE_AFTER_OPENINGS = new Set(
  `said says wrote asked replied shouted explained told lives and can could would will do did have are is was comes came
  so very had has gave began were flew from she he`
    .split(/\s+/)
    .map((w) => (w.charCodeAt(0) << 8) | w.charCodeAt(1)),
);

/**
 * False when CUE_AFTER cannot match at `end`, told from two or three characters: every wording opens
 * with ":", "'" (a possessive), or an optional "," ";" "." then a space and one of CUE_AFTER_OPENINGS.
 * The regex ran after every judged run (~2,500 times a dev-set pass) and most are followed by
 * nothing it reads.
 */
function mayCueAfter(text: string, end: number): boolean {
  let k = end;
  let c = text.charCodeAt(k);
  if (c === 58 || c === 39) return true; // ":" "'"
  if (c === 44 || c === 59 || c === 46) c = text.charCodeAt(++k); // "," ";" "."
  if (c !== 32) return false;
  // ASCII letters only (the regex's words are ASCII; under /i without /u no other letter matches them), in lower case.
  const a = text.charCodeAt(k + 1);
  const b = text.charCodeAt(k + 2);
  if (!asciiLetter(a) || !asciiLetter(b)) return false;
  return CUE_AFTER_OPENINGS.has(((a | 32) << 8) | (b | 32));
}

function asciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function kindOf(tok: Token, lexicon = getLexicon()): Kind {
  // A glued token is a word whatever it spells; any other's kind is its spelling's.
  return (tok.kind ??= tok.glued ? "WORD" : (tok.word.kind ??= kindOfToken(tok, lexicon)));
}

/** The kind of a token not glued to an identifier: a function of its spelling only. */
function kindOfToken(tok: Token, lexicon: Lexicon): Kind {
  const bare = tok.lower.endsWith(".") ? tok.lower.slice(0, -1) : tok.lower;
  const upper = tok.cap || startsUpper(tok.text);
  if (upper && HONORIFICS.has(bare)) return "HONORIFIC";
  if (tok.text === "I") return "WORD"; // the pronoun, not an initial
  if (upper && tok.text.length <= 3 && /^\p{Lu}\.?$/u.test(tok.text)) return "INITIAL";
  if (!upper && PARTICLES.has(bare) && /^\p{Ll}/u.test(tok.text)) return "PARTICLE";
  if (upper && SUFFIXES.has(bare)) return "SUFFIX";
  if (upper && TITLES.has(bare)) return "TITLE";
  if (LABELS.has(bare)) return "WORD";
  const f = bare === tok.lower ? flagsOf(tok) : wordFlags(bare);
  // One word that names a very famous person or character ("Mozart", "Hamlet"), unless it is also a town ("Darwin").
  if (f & FAMOUS) return f & PLACE ? "PLACE" : "STRONG";
  if (f & (THING | ADJECTIVE)) return "WORD";
  const isName = (f & NAME) !== 0;
  const isWord = (f & COMMON) !== 0;
  if (!isWord && f & PLACE) return "PLACE";
  if (isName && !isWord) return "STRONG";
  if (isName && isWord) return "WEAK";
  if (!isName && !isWord) return nameLike(bare) || hyphenatedName(bare, lexicon) ? "STRONG" : "UNKNOWN";
  return "WORD";
}

/** In text without capitals, a token that may be a name: a name-list word, or an unknown word shaped like one. */
function lowerName(tok: Token): boolean {
  if (tok.glued) return false;
  const f = flagsOf(tok);
  return (f & NAME) !== 0 || ((f & COMMON) === 0 && (tok.word.nameShaped ??= nameLike(tok.lower)));
}

/** An unknown word shaped like a surname (a typical ending) or written with letters English lacks. */
function nameLike(lower: string): boolean {
  return lower.length >= 4 && (SURNAME_ENDING.test(lower) || /[ðþøåæœłńśźżčřšžďťňěůőűăâîșțşğıćđ]/u.test(lower));
}

/**
 * "lars-erik", "jean-luc", "anne-marie": a hyphenated given name whose parts are each given names.
 * Given names only: two joined surnames are as often a firm ("Ellis-Ingram") or a brand ("Coca-Cola").
 */
function hyphenatedName(lower: string, lexicon: Lexicon): boolean {
  if (!lower.includes("-")) return false;
  const parts = lower.split("-");
  return parts.length === 2 && parts.every((p) => p.length >= 2 && (lexicon.flagsOf(p) & (GIVEN | COMMON)) === GIVEN);
}

/** "Ji-eun", "Yu-ting", "Seo-Yeon": two short syllables, hyphenated, the second not a repeat of the first ("Yo-yo"). */
function syllableGivenName(t: string): boolean {
  const m = /^(\p{Lu}\p{Ll}{1,3})-(\p{L}\p{Ll}{1,3})$/u.exec(t);
  return m !== null && m[1]!.toLowerCase() !== m[2]!.toLowerCase() && /[aeiouy]/.test(m[1]!) && /[aeiouy]/.test(m[2]!);
}

/** A token up to its first apostrophe, hyphen or dot: its leading run of letters and marks. */
function leadingLetters(lower: string): string {
  for (let k = 1; k < lower.length; k++) {
    const c = lower.charCodeAt(k);
    if (c === 39 || c === 45 || c === 46 || c === 0x2019) return lower.slice(0, k);
  }
  return lower;
}

/** /^\p{Lu}/u.test(t), without the regex for plain ASCII. */
function startsUpper(t: string): boolean {
  const c = t.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(t);
}

/** False when no upper-case letter follows the first two characters: a cheap test before the CamelCase regex. */
function mayBeCamelCase(t: string): boolean {
  for (let k = 2; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
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

// Words: a letter, then letters and marks, perhaps more such parts after an apostrophe or a hyphen
// ("O'Neil", "Jean-Luc"), perhaps a final dot ("J.", "Mr."): /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*\.?/gu,
// scanned by hand because that regex was the costliest step here. Non-ASCII characters are classified
// by these sticky regexes (which read a surrogate pair as one character, as /u does).
const LETTER_AT = /\p{L}/uy;
const LETTER_OR_MARK_AT = /[\p{L}\p{M}]/uy;

/** The length (1, or 2 for a surrogate pair) of the letter at `i`, or 0 when no letter starts there. */
function letterAt(text: string, i: number, re = LETTER_AT): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
  re.lastIndex = i;
  return re.test(text) ? re.lastIndex - i : 0;
}

/**
 * The text's words, in order. Also fills `phraseOpeners` with the indexes of the words that may open
 * a known phrase (Word.opensPhrase), so that markPhrases visits those only: a handful in a text.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  phraseOpeners.length = 0;
  for (let tok = scanToken(text, 0); tok; tok = scanToken(text, scannedTo)) {
    if (tok.word.opensPhrase) phraseOpeners.push(tokens.length);
    tokens.push(tok);
  }
  return tokens;
}

/** The indexes of the last tokenized text's words that may open a known phrase (see tokenize), reused from text to text. */
const phraseOpeners: number[] = [];

/** Where the last scanToken stopped reading (after a word's dot or "'s"): the next scan starts there. */
let scannedTo = 0;

/**
 * The first word of the text that starts at or after `i` and before `limit`, or undefined. Scanning
 * from a position no word spans reads the same words as tokenize does from the text's start.
 */
function scanToken(text: string, i: number, limit = text.length): Token | undefined {
  const n = text.length;
  while (i < limit) {
    // (Most characters between words are ASCII: spaces, punctuation, digits; told without a call.)
    const c0 = text.charCodeAt(i);
    if (c0 < 128 && !asciiLetter(c0)) {
      i++;
      continue;
    }
    let len = letterAt(text, i);
    if (len === 0) {
      // Step over a whole surrogate pair, as a /u regex does.
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      continue;
    }
    const start = i;
    i += len;
    // (Every read below is inside the text: a read past its end, which gives NaN, kept V8 from
    // compiling these loops' reads to their fast form, and the scan took half as long again.)
    for (;;) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (asciiLetter(c)) i++;
        else if (c >= 128 && (len = letterAt(text, i, LETTER_OR_MARK_AT)) > 0) i += len;
        else break;
      }
      if (i + 1 >= n) break;
      const c = text.charCodeAt(i);
      if ((c === 39 || c === 0x2019 || c === 45) && (len = letterAt(text, i + 1)) > 0) i += 1 + len;
      else break;
    }
    if (i < n && text.charCodeAt(i) === 46) i++;
    scannedTo = i;
    const word = wordAt(text, start, i);
    const tok = new Token(start, start + word.text.length, word);
    if (
      (start > 0 && identifierChar(text.charCodeAt(start - 1))) ||
      (tok.end < n && (identifierChar(text.charCodeAt(tok.end)) || memberAfter(text, tok.end) || assignedAfter(text, tok.end))) ||
      (word.declares && declaresAfter(text, tok.end))
    )
      tok.glued = true;
    return tok;
  }
  scannedTo = i;
  return undefined;
}

/** Whether no word can run across the boundary before `k`: the characters on both sides are ASCII and one is neither a letter nor a joiner ("'", "-", "."). */
function wordBoundaryAt(text: string, k: number): boolean {
  return k <= 0 || k >= text.length || !joinsWord(text.charCodeAt(k - 1)) || !joinsWord(text.charCodeAt(k));
}

/** A character that can be part of a word (a letter, or any non-ASCII character to be safe) or join one ("'", "-", "."). */
function joinsWord(c: number): boolean {
  return c >= 128 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 45 || c === 46;
}

/**
 * A dot and a lower-case letter right after a word: a property or method of it ("Buffer.from",
 * "d3.Delaunay.from", "Math.max"), code, not a name. (A name ends a sentence with a dot and a space.)
 */
function memberAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 46) return false;
  const c = text.charCodeAt(end + 1);
  return c >= 97 && c <= 122;
}

/**
 * An "=" after a word, perhaps after blanks, that is no comparison or arrow ("==", "=>"): the word is
 * a variable assigned to ("md = require(...)", "name=value"), code, not a name.
 */
function assignedAfter(text: string, end: number): boolean {
  let k = end;
  let c = text.charCodeAt(k);
  while (isBlank(c) && k + 1 < text.length) c = text.charCodeAt(++k);
  if (c !== 61 || k + 1 >= text.length) return c === 61;
  const next = text.charCodeAt(k + 1);
  return next !== 61 && next !== 62;
}

/**
 * After a declaration keyword, a variable's name and then "=" or ":" ("var md = require(...)", "let x:
 * number"): the keyword is code, not a name ("let me know" is prose).
 */
function declaresAfter(text: string, end: number): boolean {
  let k = end;
  while (k < text.length && isBlank(text.charCodeAt(k))) k++;
  const from = k;
  while (k < text.length && (asciiLetter(text.charCodeAt(k)) || identifierChar(text.charCodeAt(k)) || text.charCodeAt(k) === 36)) k++;
  return from > end && k > from && k < text.length && (assignedAfter(text, k) || text.charCodeAt(k) === 58);
}

/** An ASCII digit or "_": what joins a word into an identifier or a version ("Argon2", "snake_case"). */
function identifierChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 95;
}

// Words read so far, by spelling (dot and "'s" included), in an open-addressing table keyed by a hash
// of the spelling's characters read in place: a hit (nearly every token: a few thousand spellings
// make most texts) copies nothing out of the text. Emptied when half full, so that it stays small.
const WORD_SLOTS = 1 << 14;
/** Per slot, at 2 × slot: 1 + the word's index in wordsRead (0 for an empty slot), then the spelling's hash. */
const wordSlots = new Int32Array(2 * WORD_SLOTS);
const wordsRead: Word[] = [];
const spellingsRead: string[] = [];

/** The Word for the spelling text[start, end), read once (readWord) and then shared by its occurrences in every text. Exported for tests. */
export function wordAt(text: string, start: number, end: number): Word {
  let hash = 0x811c9dc5; // FNV-1a
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  let slot = (hash ^ (hash >>> 15)) & (WORD_SLOTS - 1);
  for (let at = wordSlots[2 * slot]!; at !== 0; at = wordSlots[2 * slot]!) {
    if (wordSlots[2 * slot + 1] === hash) {
      const spelling = spellingsRead[at - 1]!;
      if (spelling.length === end - start && text.startsWith(spelling, start)) return wordsRead[at - 1]!;
    }
    slot = (slot + 1) & (WORD_SLOTS - 1);
  }
  if (wordsRead.length >= WORD_SLOTS / 2) {
    wordSlots.fill(0);
    wordsRead.length = 0;
    spellingsRead.length = 0;
    slot = (hash ^ (hash >>> 15)) & (WORD_SLOTS - 1);
  }
  const spelling = text.slice(start, end);
  const word = readWord(spelling);
  wordsRead.push(word);
  spellingsRead.push(spelling);
  wordSlots[2 * slot] = wordsRead.length;
  wordSlots[2 * slot + 1] = hash;
  return word;
}

/** A word as the rules see it: without a sentence's full stop or a possessive "'s". */
function readWord(whole: string): Word {
  let t = whole;
  let lower: string | undefined;
  // Keep the dot only on initials and honorifics ("J.", "Mr."), not on a sentence end.
  const dotted = t.charCodeAt(t.length - 1) === 46;
  if (dotted && !isInitial(t)) {
    const bare = t.slice(0, -1);
    const bareLower = bare.toLowerCase();
    if (!HONORIFICS.has(bareLower) && !SUFFIXES.has(bareLower)) {
      t = bare;
      lower = bareLower;
    }
  }
  const n = t.length;
  if (n > 2 && t.charCodeAt(n - 1) === 115 && (t.charCodeAt(n - 2) === 39 || t.charCodeAt(n - 2) === 0x2019)) {
    t = t.slice(0, -2);
    lower = undefined;
  }
  // (A word cut short or ending in a dot takes the full test.)
  let cap = t === whole && !dotted ? capitalisedWord(t) : isCapitalised(t);
  if (!cap && t.length > 3 && (t[1] === "-" || t[2] === "-" || t[3] === "-" || t[1] === "'" || t[1] === "’"))
    cap = PREFIXED_SURNAME.test(t);
  lower ??= t.toLowerCase();
  return new Word(t, lower, cap, startsUpper(t) && getLexicon().phraseHeads.has(leadingLetters(lower)));
}

function isCapitalised(t: string): boolean {
  // "Smith", "McDonald", "O'Neil"; not "IBM" or "iPhone".
  return /^\p{Lu}[\p{Ll}\p{M}]/u.test(t) || /^\p{Lu}['’]\p{Lu}\p{Ll}/u.test(t) || /^\p{Lu}\.?$/u.test(t);
}

/**
 * Whether `start` opens a sentence: what /(?:[.!?]["')\]]?\s+|\n\s*|^\s*|["“(]\s*)$/ finds in the
 * four characters before it (read in place, without a copy), or a list item.
 */
function sentenceInitial(text: string, start: number): boolean {
  if (start === 0) return true;
  const from = Math.max(0, start - 4);
  let k = start - 1;
  let lineBreak = false;
  for (; k >= from && isSpaceAt(text, k); k--) if (text.charCodeAt(k) === 10) lineBreak = true;
  // Only white space in the four characters (or none), or a line break in the trailing white space.
  if (k < from || lineBreak) return true;
  const c = text.charCodeAt(k);
  if (c === 34 || c === 0x201c || c === 40) return true; // " “ (
  if (k < start - 1) {
    // A full stop, "!" or "?", perhaps closed by a quote or a bracket, and white space.
    if (c === 46 || c === 33 || c === 63) return true;
    if ((c === 34 || c === 39 || c === 41 || c === 93) && k - 1 >= from) {
      const p = text.charCodeAt(k - 1);
      if (p === 46 || p === 33 || p === 63) return true;
    }
  }
  return listItemStart(text, start);
}

/**
 * Whether `start` opens a list item, a heading, a quote or a table cell at the start of a line: "- Write
 * tests", "* Cons: slow", "1. Note: …", "## Summary", "> Mark", "| Roth |", "**Cons:**". Such a word
 * opens a sentence as much as one after a full stop does.
 */
function listItemStart(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  // The mark itself: "-", "*", "+", "•", ">", "|", one to six "#", "**", or "1." / "1)" / "a)".
  const markEnd = k;
  while (k >= 0 && (text.charCodeAt(k) === 42 || text.charCodeAt(k) === 35)) k--; // "*", "#"
  if (k === markEnd) {
    const c = text.charCodeAt(k);
    if (c === 45 || c === 43 || c === 0x2022 || c === 62 || c === 124) k--;
    else if ((c === 46 || c === 41) && k > 0) {
      k--;
      const digitsEnd = k;
      while (k >= 0 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k--;
      if (k === digitsEnd) return false;
    } else return false;
  }
  if (markEnd - k > 6) return false;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k < 0 || text.charCodeAt(k) === 10;
}

/**
 * Whether the run is alone on its line, but for list marks before it and punctuation after it.
 * Read outwards from the run only as far as such characters go: looking for the line's ends first
 * made every run on one long line cost the whole line.
 */
function lineIsRun(text: string, start: number, end: number): boolean {
  let k = start - 1;
  while (k >= 0 && text.charCodeAt(k) !== 10 && isLineLead(text, k)) k--;
  if (k >= 0 && text.charCodeAt(k) !== 10) return false;
  k = end;
  while (k < text.length && text.charCodeAt(k) !== 10 && isLineTail(text, k)) k++;
  return k === text.length || text.charCodeAt(k) === 10;
}

/** /[\s>?*\-•|]/ at `k`, without the regex for plain ASCII. */
function isLineLead(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 62 || c === 63 || c === 42 || c === 45 || c === 124;
  return /[\s•]/.test(text[k]!);
}

/** /[\s,.]/ at `k`, without the regex for plain ASCII. */
function isLineTail(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 44 || c === 46;
  return /\s/.test(text[k]!);
}

/** One word, neither a name nor an everyday word in the lists ("Refactor", "Olu"), and nothing else but initials. */
function coreCount1Unknown(kinds: Kind[]): boolean {
  let unknown = 0;
  for (const k of kinds)
    if (k === "UNKNOWN") unknown++;
    else if (k !== "INITIAL") return false;
  return unknown === 1;
}

/**
 * Whether the list item at `start` sits among items that open with an everyday word ("- Write the test
 * / - Make it pass / - Refactor"): a list of steps, where a lone unknown word is one more step, not a
 * person. (A list of people, "- Olu / - Kemi", opens its items with names.)
 */
function listOfTasks(text: string, start: number): boolean {
  if (!listItemStart(text, start)) return false;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const prevStart = lineStart > 0 ? text.lastIndexOf("\n", lineStart - 2) + 1 : -1;
  const lineEnd = text.indexOf("\n", start);
  for (const at of [prevStart, lineEnd < 0 ? -1 : lineEnd + 1]) {
    if (at < 0) continue;
    const m = /^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?:\*\*)?(\p{L}+)/u.exec(text.slice(at, at + 40));
    if (m && (wordFlags(m[1]!.toLowerCase()) & (COMMON | GIVEN)) === COMMON) return true;
  }
  return false;
}

/** Person names: capitalised runs scored by name lists and cues; names found once are then caught everywhere in the text. */
export function findPersons(text: string): Candidate[] {
  const lexicon = getLexicon();
  const tokens = tokenize(text);
  const out: Candidate[] = [];
  const isLowercaseText = hasNoCapital(text);
  markPhrases(text, tokens, phraseOpeners, lexicon);
  termWords = findTermWords(text, tokens);

  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (!first.cap && !(isLowercaseText && lowerName(first) && !cuesName(first))) {
      i++;
      continue;
    }
    if ((REQUEST_VERBS.has(first.lower) || SALUTATIONS.has(first.lower)) && sentenceInitial(text, first.start)) {
      i++;
      continue;
    }
    // Grow a run over capitalised tokens, initials and particles separated by one space (or ". "):
    // tokens[i..j), copied out only when there is something in it to judge.
    let j = i + 1;
    while (j < tokens.length) {
      const prev = tokens[j - 1]!;
      const tok = tokens[j]!;
      // One space, the common case, is tested without building the gap string.
      if (tok.start - prev.end !== 1 || text.charCodeAt(prev.end) !== 32) {
        // The other gaps a run grows over: ".", ". ". (A comma before a suffix, ", Jr", is no gap:
        // the pattern that once allowed it looked for the suffix past the gap's own end, so it never
        // did; the suffix joins the name after the run, see SUFFIX_AFTER.)
        const gap = tok.start - prev.end;
        if (text.charCodeAt(prev.end) !== 46 || gap > 2 || (gap === 2 && text.charCodeAt(prev.end + 1) !== 32)) break;
        if (!/^\p{Lu}\.?$/u.test(prev.text) && !HONORIFICS.has(prev.lower.replace(/\.$/, "")) && prev.kind !== "INITIAL") break;
      }
      // Without capitals, a lone letter between a given name and a further name is a middle initial
      // ("leidy t muris", "eric g. samoylova", "benjamin a seiler").
      if (isLowercaseText && tok.text.length === 1 && j + 1 < tokens.length && (flagsOf(prev) & (NAME | COMMON)) === NAME) {
        const nxt = tokens[j + 1]!;
        if (
          /^\.? $/.test(text.slice(tok.end, nxt.start)) &&
          nxt.lower.length >= 3 &&
          (flagsOf(nxt) & (COMMON | PLACE)) === 0 &&
          /^\p{L}+$/u.test(nxt.text)
        ) {
          tok.kind = "INITIAL";
          j++;
          continue;
        }
      }
      // Particles join a name only when a capitalised part follows them, perhaps after further
      // particles: "Pieter van der Berg", "Javier Ruiz de la Fuente" ("der", "la" are particles too).
      if (
        !(
          tok.cap ||
          (PARTICLES.has(tok.lower) && particlesLeadToName(text, tokens, j)) ||
          (isLowercaseText && !cuesName(tok) && (lowerName(tok) || (prev.kind === "INITIAL" && j - i >= 2 && !(flagsOf(tok) & COMMON))))
        )
      )
        break;
      j++;
      if (j - i >= 6) break;
    }
    // (A lone word, the commonest run, is put in an array of its own rather than sliced out; a lone
    // ordinary word, "The", "Please", nearly half of all runs, is passed over before any array is made.)
    if (j - i > 1) evaluateRun(text, tokens.slice(i, j), lexicon, isLowercaseText, out);
    else if (!loneOrdinaryWord(first, lexicon)) evaluateRun(text, [first], lexicon, isLowercaseText, out);
    i = j;
  }

  // Lower-case names in casual text, after strong wording: "tell jessica i said hi", "i'm arjun mehta".
  if (!isLowercaseText) findCuedLowercaseNames(text, tokens, out, lexicon);
  // All in lower case: a word-name before a texting verb ("omg crystal just txted me").
  else
    for (let k = 0; k + 1 < tokens.length; k++)
      if (tokens[k + 1]!.lower === "just" || LOWER_TEXT_VERBS.has(tokens[k + 1]!.lower)) lowerWordName(text, tokens[k]!, out);
  // Form fields: "NAME: CHIDINMA OKONKWO", "SURNAME: NGUYEN / GIVEN NAMES: THI LAN".
  if (text.includes(":") || text.includes("=")) findLabeledNames(text, out, lexicon);
  // Names listed or coordinated with a name are names too ("Kateřina, Hleb and Sherry", "said Ana to Logan").
  coordinate(text, tokens, out, lexicon, isLowercaseText);
  // Two given names that are also everyday words, paired and doing what people do: "Mark and Will are coming".
  if (!isLowercaseText && text.includes(" and ")) findGivenNamePairs(text, tokens, out);
  // Lower-case lists of given names: "they had 6: silvana, adam, christopher and caleb".
  if (mayHaveLowerList(text))
    for (const m of lowerLists(text)) {
      const items = m.items;
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

  // Given names that are also everyday words ("Mark", "Faith", "Summer"), told apart by their context.
  wordNamesByContext(text, tokens, out);
  // Airline and ticket names, "SURNAME/GIVEN": "DIALLO/AMINATA MS".
  if (text.includes("/") && /\p{Lu}{2}\/\p{Lu}{2}/u.test(text)) findSlashNames(text, out, lexicon);
  // "Olu's laptop": an unknown capitalised word owning a person's things.
  if (text.includes("'s ") || text.includes("’s ")) {
    for (const tok of tokens) {
      if (!tok.cap || (tok.kind !== "UNKNOWN" && tok.kind !== undefined) || tok.lower.length < 3) continue;
      if (!POSSESSION_AFTER.test(text.slice(tok.end, tok.end + 24)) || kindOf(tok, lexicon) !== "UNKNOWN" || covered(out, tok)) continue;
      if (!/^\p{Lu}\p{Ll}+$/u.test(tok.text) || DETERMINER_BEFORE.test(text.slice(Math.max(0, tok.start - 12), tok.start))) continue;
      out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.6 });
    }
  }

  // "Sat Jan 01 2000", "(Aug 25, 2024)", "On Jan 5": a month or weekday before a day or a year is a date.
  const names = out.some((c) => isDateWords(text, c)) ? out.filter((c) => !isDateWords(text, c)) : out;
  // (Most texts name nobody: no repeats to look for.)
  if (names.length > 0) for (const c of findRepeatedNames(text, names, tokens)) names.push(c);
  return names;
}

const DATE_WORD = new RegExp(`^(?:${MONTH_NAMES}|${WEEKDAY_NAMES})$`);
const DAY_OR_YEAR_AFTER = /^\.?,? ?(?:\d{1,2}(?:st|nd|rd|th)?|\d{4})(?!\d)/;

/** Whether a candidate is only month and weekday names ("Sat Jan") with a day or a year after it. */
function isDateWords(text: string, c: Candidate): boolean {
  if (c.end - c.start > 20 || !digitSoonAfter(text, c.end) || !DAY_OR_YEAR_AFTER.test(text.slice(c.end, c.end + 8))) return false;
  const words = text
    .slice(c.start, c.end)
    .toLowerCase()
    .split(/[\s,.]+/);
  return words.every((word) => word === "" || DATE_WORD.test(word));
}

/**
 * Whether a digit follows `end` after at most a ".", a "," and a space, in that order: what
 * DAY_OR_YEAR_AFTER needs first, and what a name almost never has after it (the regex was asked of
 * every finding).
 */
function digitSoonAfter(text: string, end: number): boolean {
  let k = end;
  if (text.charCodeAt(k) === 46) k++;
  if (text.charCodeAt(k) === 44) k++;
  if (text.charCodeAt(k) === 32) k++;
  const c = text.charCodeAt(k);
  return c >= 48 && c <= 57;
}

/**
 * A name seen once is the same person wherever its parts recur ("Teresa Kreutzmann … Kreutzmann
 * said"), in any case ("… kreutzmann"): the repeats of the `found` names' parts (other types of
 * personal data among `found` are left out) that no found name covers.
 */
export function findRepeatedNames(text: string, found: readonly Candidate[], tokens?: Token[]): Candidate[] {
  const named = found.filter((c) => c.type === "PERSON" && c.confidence >= 0.5);
  const seen = new Set<string>();
  // A name found many times is split into its parts once ("Anna, Anna, …" holds one name); the
  // same name as the last one is known without a copy of it.
  const values = new Set<string>();
  let last = "";
  for (const c of named) {
    if (c.end - c.start === last.length && text.startsWith(last, c.start)) continue;
    const value = text.slice(c.start, c.end);
    last = value;
    if (values.has(value)) continue;
    values.add(value);
    // Its parts, as value.split(/[\s.,]+/) gives them, each without a possessive "'s" (/['’]s$/).
    for (let from = 0; from <= value.length; ) {
      let to = from;
      while (to < value.length && !partSeparator(value, to)) to++;
      let partEnd = to;
      if (partEnd - from >= 2 && value.charCodeAt(partEnd - 1) === 115 && isApostrophe(value.charCodeAt(partEnd - 2))) partEnd -= 2;
      if (partEnd > from) {
        const lower = value.slice(from, partEnd).toLowerCase();
        if (repeatablePart(lower)) seen.add(lower);
      }
      from = to + 1;
      while (from < value.length && partSeparator(value, from)) from++;
    }
  }
  const repeats: Candidate[] = [];
  if (seen.size === 0) return repeats;
  // (Plain loops and module-level functions here, not closures: this runs for every text with a
  // name, and creating three closures per call cost more than the loops themselves.)
  // (Found in text order as a rule: sorted only when not, which a stable sort leaves as it is anyway.)
  const coverage = new Coverage(sortedByStart(named) ? named : named.sort((a, b) => a.start - b.start));
  if (tokens) {
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      // (Coverage first: it is two comparisons, and in a text full of names most words are covered.)
      if (!coverage.covers(tok) && seen.has(tok.lower) && !tok.glued) repeatAt(text, tok, tokens[i + 1], repeats);
    }
    return repeats;
  }
  // A whole text (a megabyte of names, say) is read between the names already found: every word
  // inside a found name is covered, and reading it cost as much again as finding the names. A name
  // is stepped over when no word can run across its edges.
  const byStart = coverage.byStart;
  let at = 0;
  let skip = 0; // the next found name that may be stepped over
  for (;;) {
    while (skip < byStart.length && !steppable(text, byStart[skip]!, at)) skip++;
    const tok = scanToken(text, at, skip < byStart.length ? byStart[skip]!.start : text.length);
    if (tok === undefined) {
      if (skip >= byStart.length) break;
      at = Math.max(scannedTo, byStart[skip]!.end);
      continue;
    }
    at = scannedTo;
    if (seen.has(tok.lower) && !tok.glued && !coverage.covers(tok)) repeatAt(text, tok, scanToken(text, at), repeats);
  }
  return repeats;
}

// Whether a name's part is looked for again, by part in lower case: the same names and honorifics
// recur from text to text, and one lookup here stands for the four below.
const repeatableParts = new Map<string, boolean>();
const REPEATABLE_PARTS_MAX = 4096;

/** A part of a found name that counts as the name when it recurs: three letters or more, no honorific, suffix, title or very common word. */
function repeatablePart(lower: string): boolean {
  let repeatable = repeatableParts.get(lower);
  if (repeatable === undefined) {
    repeatable =
      lower.length >= 3 && !HONORIFICS.has(lower) && !SUFFIXES.has(lower) && !TITLES.has(lower) && !(wordFlags(lower) & VERY_COMMON);
    if (repeatableParts.size >= REPEATABLE_PARTS_MAX) repeatableParts.clear();
    repeatableParts.set(lower, repeatable);
  }
  return repeatable;
}

function sortedByStart(spans: readonly Candidate[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k - 1]!.start > spans[k]!.start) return false;
  return true;
}

/** /[\s.,]/ at `k`, without the regex for plain ASCII. */
function partSeparator(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  return c === 46 || c === 44 || (c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(s[k]!));
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/**
 * Whether spans cover a token, asked of tokens in text order: a sweep over the spans by start,
 * keeping the furthest end. (Repeats are whole tokens, which never overlap: adding them changes no
 * later answer.)
 */
class Coverage {
  private swept = 0;
  private furthest = -1;
  constructor(readonly byStart: readonly Candidate[]) {}
  covers(tok: Token): boolean {
    const byStart = this.byStart;
    while (this.swept < byStart.length && byStart[this.swept]!.start <= tok.start)
      this.furthest = Math.max(this.furthest, byStart[this.swept++]!.end);
    return this.furthest >= tok.end;
  }
}

/** Whether the found name `c`, at or after `at`, can be stepped over: no word runs across its edges. */
function steppable(text: string, c: Candidate, at: number): boolean {
  return c.start >= at && c.end > c.start && wordBoundaryAt(text, c.start) && wordBoundaryAt(text, c.end);
}

/** Adds `tok`, a word of a found name that no found name covers, as a repeat of that name, unless its context makes it something else. */
function repeatAt(text: string, tok: Token, next: Token | undefined, repeats: Candidate[]): void {
  // "Mr. Roth opened a Roth IRA": the word naming a thing is not the person again.
  if (termAt(text, tok, next)) return;
  // A lower-case repeat must not be an everyday word ("rose", "mark").
  if (/^\p{Ll}/u.test(tok.text) && flagsOf(tok) & COMMON) return;
  // A name that is also a country or town, repeated after a place preposition, is the place:
  // "Jordan is flying to Amman ... in Jordan next month".
  if (flagsOf(tok) & PLACE && PLACE_PREPOSITION_SHORTLY_BEFORE.test(text.slice(Math.max(0, tok.start - 12), tok.start))) return;
  repeats.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.7 });
}

const PLACE_PREPOSITION_SHORTLY_BEFORE = atEnd(/\b(?:in|to|from|at|near|across|around|visit|visiting)\s+/i);

// Lower-case words listed with commas and closed by "and" or "&": what
// /(?<![\p{L}])(\p{Ll}+)((?:, ?\p{Ll}+){1,}),? (?:and|&) (\p{Ll}+)(?![\p{L}])/gu matches, found by
// lowerLists in one pass (the regex tried again from every item of a long list that never closes).
const LIST_HEAD = /(?<![\p{L}])\p{Ll}+/gu;
const LIST_ITEM = /\p{Ll}+/uy;
const LIST_CLOSE = /,? (?:and|&) (\p{Ll}+)(?![\p{L}])/uy;

/**
 * The lists that regex matches, in order: `index` where the first item starts, `items` every
 * word listed. A list reads as many ", item"s as follow, then gives back items until "and x" or
 * "& x" closes it, as the regex's backtracking does. When nothing closes it, no later item could
 * open a list that closes (it would have fewer items to give back), so the search goes on after it.
 */
function* lowerLists(text: string): Generator<{ index: number; items: string[] }> {
  LIST_HEAD.lastIndex = 0;
  for (let head = LIST_HEAD.exec(text); head; head = LIST_HEAD.exec(text)) {
    const words = [head[0]];
    const ends = [head.index + head[0].length];
    for (let at = ends[0]!; text[at] === ","; ) {
      LIST_ITEM.lastIndex = text[at + 1] === " " ? at + 2 : at + 1;
      const item = LIST_ITEM.exec(text);
      if (!item) break;
      words.push(item[0]);
      at = LIST_ITEM.lastIndex;
      ends.push(at);
    }
    let closed = false;
    for (let k = words.length - 1; k >= 1 && !closed; k--) {
      LIST_CLOSE.lastIndex = ends[k]!;
      const close = LIST_CLOSE.exec(text);
      if (close) {
        closed = true;
        yield { index: head.index, items: [...words.slice(0, k + 1), close[1]!] };
        LIST_HEAD.lastIndex = LIST_CLOSE.lastIndex;
      }
    }
    if (!closed) LIST_HEAD.lastIndex = ends.at(-1)!;
  }
}

/**
 * False when lowerLists finds nothing: no " and " or " & " comes right after ", x" or ", x," with x in
 * lower case. (The regex itself is slow to fail on ordinary prose.) Non-ASCII text is left to the regex.
 */
function mayHaveLowerList(text: string): boolean {
  for (let comma = text.indexOf(","); comma >= 0; comma = text.indexOf(",", comma + 1)) {
    const c = text.charCodeAt(comma - 1);
    if (!((c >= 97 && c <= 122) || c >= 128)) continue;
    let k = comma + 1;
    if (text.charCodeAt(k) === 32) k++;
    const itemStart = k;
    for (let d = text.charCodeAt(k); d >= 97 && d <= 122; d = text.charCodeAt(++k));
    if (text.charCodeAt(k) >= 128) return true;
    if (k === itemStart) continue;
    if (text.charCodeAt(k) === 44) k++;
    if (text.startsWith(" and ", k) || text.startsWith(" & ", k)) return true;
  }
  return false;
}

// Wording that, in casual text written without capitals, puts a person's name next: "tell jessica",
// "i'm arjun mehta". ("with", "this is" are left out: "with numpy", "this is fine".)
const LOWER_CUE_BEFORE = atEnd(
  /(?:^|[^\p{L}'’])(?:i'?m|i am|my name is|my name's|name's|it'?s|tell|ask|text|txt|call|message|msg|ping|remind|thank|cc|hi|hey|hello|dear)[ \t]+/iu,
);
// A message addressed to someone: "write a msg to dawn", "a note to jess".
const LOWER_MESSAGE_TO = atEnd(/(?:^|[^\p{L}])(?:msg|message|text|txt|note|email|e-mail|letter|reply|card) to[ \t]+/iu);
// Texting verbs after a name: "crystal just txted me", "dawn texted me".
const LOWER_TEXTED_AFTER = /^[ \t]+(?:just[ \t]+)?(?:txted|texted|messaged|dmed|dm'd|called|rang|emailed|told)[ \t]+(?:me|us)\b/iu;
// ... or after it: "priyanka from HR", "dave from accounting".
const LOWER_CUE_AFTER =
  /^[ \t]+from[ \t]+(?:the[ \t]+)?(?:hr|it|sales|marketing|finance|accounting|accounts|legal|support|ops|operations|engineering|design|product|payroll|admin|procurement|compliance|security|recruiting|work|office|school|class|church|gym|next door|upstairs|downstairs|team|my team)\b/i;

const LOWER_CUE_LAST_WORDS = new Set([
  "i'm",
  "im",
  "am",
  "is",
  "name's",
  "its",
  "it's",
  "tell",
  "ask",
  "text",
  "txt",
  "call",
  "message",
  "msg",
  "ping",
  "remind",
  "thank",
  "cc",
  "hi",
  "hey",
  "hello",
  "dear",
]);

/**
 * A lower-case given name that is also a word ("dawn", "crystal") needs wording on both sides, or a
 * texting verb after it: "a msg to dawn from the HOA", "omg crystal just txted me". True when `tok` is such a word.
 */
function lowerWordName(text: string, tok: Token, out: Candidate[]): boolean {
  if (!/^\p{Ll}+$/u.test(tok.text) || (flagsOf(tok) & (GIVEN | PLACE | THING)) !== GIVEN || VERB_NAMES.has(tok.lower)) return false;
  const after = text.slice(tok.end, tok.end + 30);
  const before = text.slice(Math.max(0, tok.start - 20), tok.start);
  const fromOrg = LOWER_CUE_AFTER.test(after) || /^[ \t]+from[ \t]+(?:the[ \t]+)?[A-Z]{2,5}\b/.test(after);
  if (LOWER_TEXTED_AFTER.test(after) || ((LOWER_MESSAGE_TO.test(before) || LOWER_CUE_BEFORE.test(before)) && fromOrg)) {
    if (!covered(out, tok)) out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.65 });
  }
  return true;
}

const LOWER_TEXT_VERBS = new Set(["txted", "texted", "messaged", "dmed", "called", "rang", "emailed", "told"]);
const GREETINGS = new Set(["hi", "hey", "hello", "dear", "thanks", "yo"]);

/** Only a name-list word that is no English word, place or brand: "jessica", not "will" or "paris". */
function isLowerName(t: Token): boolean {
  return !t.cap && t.lower.length >= 3 && (flagsOf(t) & (NAME | COMMON | PLACE | THING)) === NAME && /^\p{Ll}/u.test(t.text);
}

// A person's belongings and kin after a possessive.
const POSSESSION_AFTER =
  /^['’]s (?:laptop|desk|bike|wife|husband|mum|mom|dad|mother|father|sister|brother|son|daughter|kids|children|boyfriend|girlfriend|birthday|wedding|funeral|flat|apartment)\b/;
// "DIALLO/AMINATA MS": a surname and a given name in capitals, joined by a slash, as tickets print them.
const SLASH_NAME = /(?<![\p{L}\p{N}/])(\p{Lu}{2,}(?:[ -]\p{Lu}{2,})?\/\p{Lu}{2,})(?:[ ]+(MRS|MR|MS|MISS|MSTR|DR)\b)?(?![\p{L}/])/gu;

function findSlashNames(text: string, out: Candidate[], lexicon: Lexicon): void {
  for (const m of text.matchAll(SLASH_NAME)) {
    const [surname, given] = m[1]!.split("/").map((w) => w.toLowerCase()) as [string, string];
    const nameOnly = (w: string) => lexicon.names.has(w) && !lexicon.common.has(w) && !lexicon.places.has(w) && !lexicon.things.has(w);
    if (!m[2] && !(nameOnly(surname.split(/[ -]/)[0]!) && nameOnly(given))) continue;
    if (!covered(out, { start: m.index, end: m.index + m[1]!.length }))
      out.push({ type: "PERSON", start: m.index, end: m.index + m[1]!.length, confidence: 0.75 });
  }
}

// How a word can cue a lower-case name beside it: the last word of a cue before it ("tell", "to"),
// or "from", "just" or a texting verb after it.
const CUES_NEXT = 1;
const CUES_PREVIOUS = 2;

/**
 * Without capitals, a word that cues a name after it ("tell", "ask", "is") is no part of one, though
 * name lists carry some: "so tell priya", read as one run, hid its own cue.
 */
function cuesName(tok: Token): boolean {
  return (lowerCues(tok.word) & CUES_NEXT) !== 0;
}

/** The word's CUES_NEXT and CUES_PREVIOUS bits, worked out once per word. */
function lowerCues(word: Word): number {
  if (word.cues < 0) {
    const w = word.lower;
    word.cues =
      (LOWER_CUE_LAST_WORDS.has(w) || w === "to" ? CUES_NEXT : 0) |
      (w === "from" || w === "just" || LOWER_TEXT_VERBS.has(w) ? CUES_PREVIOUS : 0);
  }
  return word.cues;
}

/** Lower-case given names, in text that otherwise has capitals, after or before strong wording; a lower-case surname right after joins. */
function findCuedLowercaseNames(text: string, tokens: Token[], out: Candidate[], _lexicon: Lexicon): void {
  for (let i = 1; i < tokens.length; i++) {
    const tok = tokens[i]!;
    // The cue's last word before, or "from" after, is checked first: it is cheaper than the name lists.
    if (tok.cap || tok.lower.length < 3) continue;
    const next = tokens[i + 1];
    if (!(lowerCues(tokens[i - 1]!.word) & CUES_NEXT) && !(next && lowerCues(next.word) & CUES_PREVIOUS)) continue;
    const prevLower = tokens[i - 1]!.lower;
    if (!isLowerName(tok)) {
      // A given name that is also a word ("dawn", "crystal") needs wording on both sides, or a texting verb:
      // "a msg to dawn from the HOA", "omg crystal just txted me".
      if (lowerWordName(text, tok, out)) continue;
      // A name in capitals after a greeting, in text that is not all capitals: "hi MARCUS its leanne".
      if (/^\p{Lu}{3,}$/u.test(tok.text) && GREETINGS.has(prevLower) && (flagsOf(tok) & (NAME | COMMON | PLACE | THING)) === NAME) {
        if (!covered(out, tok)) out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.7 });
      }
      continue;
    }
    let end = tok.end;
    if (next !== undefined && isLowerName(next) && next!.start === tok.end + 1 && text[tok.end] === " ") end = next!.end;
    const before = text.slice(Math.max(0, tok.start - 20), tok.start);
    if (!LOWER_CUE_BEFORE.test(before) && !LOWER_CUE_AFTER.test(text.slice(end, end + 30))) continue;
    if (!covered(out, { start: tok.start, end })) out.push({ type: "PERSON", start: tok.start, end, confidence: 0.7 });
    if (end !== tok.end) i++;
  }
}

// A form label that announces a person's name, right before a ":" or "=". In a form the value may
// be in capitals ("SURNAME: NGUYEN"), which the run rules take for headings.
const NAME_LABEL_BEFORE = new RegExp(
  "(?<![\\p{L}])(?:full[ _]?name|first[ _]?name|last[ _]?name|middle[ _]?names?|given[ _]?names?|family[ _]?name|maiden[ _]?name|surname|forenames?|" +
    "(?:patient|applicant|customer|client|employee|student|guest|passenger|tenant|cardholder|account[ _]holder|beneficiary|contact|candidate)(?:[ _]name)?|" +
    "name|nombre|apellidos?|nom|prénom|vorname|nachname|nome|cognome|imię|nazwisko)[\"']?[ \\t]*$",
  "iu",
);
const NAME_LABEL_LAST_WORDS = new Set(
  `name names surname forename forenames patient applicant customer client employee student guest passenger tenant cardholder
  holder beneficiary contact candidate nombre apellido apellidos nom prénom vorname nachname nome cognome imię nazwisko
  fullname firstname lastname middlename givenname givennames familyname maidenname`.split(/\s+/),
);
// The value after the separator: capitalised or upper-case words, initials and particles, ended by a
// field separator, the next "LABEL:", or prose in lower case.
const NAME_FIELD_VALUE = new RegExp(
  "[ \\t]*[\"']?((?:\\p{Lu}[\\p{L}\\p{M}'’-]*\\.?)(?:[ \\t](?:\\p{Lu}[\\p{L}\\p{M}'’-]*\\.?|van|von|de|der|den|da|del|della|di|du|la|le|bin|ibn|al)){0,4})" +
    "(?=[\"']?(?:[ \\t]*(?:$|[\\n/|;,)]|[ \\t]{2})|[ \\t]+\\p{Lu}[\\p{L} ]{0,20}:|[ \\t]+\\p{Ll}))",
  "uy",
);

/** Values of name fields in forms: "NAME: CHIDINMA OKONKWO", "SURNAME: NGUYEN / GIVEN NAMES: THI LAN". */
function findLabeledNames(text: string, out: Candidate[], lexicon: Lexicon): void {
  // Looked for at each separator (":", "=") only, found by indexOf: a label search over the whole text is slow.
  let colon = text.indexOf(":");
  let equals = text.indexOf("=");
  for (;;) {
    let at: number;
    if (colon >= 0 && (equals < 0 || colon < equals)) {
      at = colon;
      colon = text.indexOf(":", at + 1);
    } else if (equals >= 0) {
      at = equals;
      equals = text.indexOf("=", at + 1);
    } else break;
    // The word before the separator must be able to end a label ("name", "SURNAME", "Patient"):
    // a cheap test before the label regex.
    let e = at;
    while (e > 0 && (text[e - 1] === " " || text[e - 1] === '"' || text[e - 1] === "'")) e--;
    let b = e;
    while (b > 0 && letterUnitAt(text, b - 1)) b--;
    if (b === e || !NAME_LABEL_LAST_WORDS.has(text.slice(b, e).toLowerCase())) continue;
    if (!NAME_LABEL_BEFORE.test(text.slice(Math.max(0, at - 24), at))) continue;
    NAME_FIELD_VALUE.lastIndex = at + 1;
    const m = NAME_FIELD_VALUE.exec(text);
    if (!m) continue;
    const value = m[1]!;
    // "name: String": a type in a schema, not a value.
    if (CODE_TYPES.has(value)) continue;
    const words = value.split(/[ \t]+/).map((w) => w.replace(/\.$/, "").toLowerCase());
    // "Name: Test User", "name: Build": a value of ordinary words only is no person.
    if (words.every((w) => PARTICLES.has(w) || (lexicon.common.has(w) && !lexicon.names.has(w)) || LABELS.has(w) || HONORIFICS.has(w)))
      continue;
    if (words.some((w) => lexicon.veryCommon.has(w) && !lexicon.names.has(w))) continue;
    const start = m.index + m[0].length - value.length;
    out.push({ type: "PERSON", start, end: start + value.length, confidence: 0.8 });
  }
}

/** /\p{L}/u tested on the one code unit at `k` (a surrogate alone is no letter), without the regex for plain ASCII. */
function letterUnitAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return /\p{L}/u.test(text[k]!);
}

/** True when tokens[j] opens a chain of up to three particles, one space apart, that ends in a capitalised token. */
function particlesLeadToName(text: string, tokens: Token[], j: number): boolean {
  for (let k = j + 1; k < tokens.length && k <= j + 3; k++) {
    if (tokens[k]!.start - tokens[k - 1]!.end !== 1 || text.charCodeAt(tokens[k - 1]!.end) !== 32) return false;
    if (tokens[k]!.cap) return true;
    if (!PARTICLES.has(tokens[k]!.lower)) return false;
  }
  return false;
}

// Sentence-opening verbs that are also given names: before a surname they are the verb ("Ask Nguyen").
const VERB_NAMES = new Set([
  "ask",
  "tell",
  "call",
  "text",
  "thank",
  "thanks",
  "invite",
  "email",
  "meet",
  "contact",
  "remind",
  "help",
  "let",
  "send",
  "see",
  "message",
  "ping",
  "pay",
  "page",
  "hi",
  "hello",
  "hey",
  "dear",
  "congratulate",
  "read",
  "will",
  "can",
  "may",
  "did",
  "does",
]);
// A will or a possession, right after a given name, about something of someone's: "will water your", "has the spare key".
const WORD_NAME_ERRAND_AFTER = /^ (?:will|'ll|has|had) (?:\p{Ll}+ )?(?:your|my|our|his|her|their|the (?:spare|keys?|car|kids))\b/u;
// Determiners before "X's" that make X a thing or a season ("this Summer's collection", "the Rose's petals").
const DETERMINER_BEFORE = atEnd(/\b(?:the|a|an|this|that|these|those|last|next|every|each|its|our|your|their|his|her|my|of)\s+/i);

/** A capitalised given name from faker's lists that is not a sentence verb ("Ask"), a place or part of a phrase. */
function isWordName(t: Token): boolean {
  return (flagsOf(t) & (GIVEN | PLACE)) === GIVEN && /^\p{Lu}\p{Ll}+$/u.test(t.text) && !VERB_NAMES.has(t.lower) && !t.phrase;
}

/**
 * Given names that are also everyday words ("Mark", "Faith", "Hope", "Summer", "Bill") are left to
 * the run rules only when context is weak. Here, stronger context decides:
 * - before a found surname: "Mark Baker asked", '"customer":"Faith Okoro"' (the whole name, not the verb);
 * - in the possessive mid-sentence: "a checklist for Summer's trip";
 * - addressed at the start of a quoted message: '"Bill, the bill is unpaid."';
 * - paired with a found name and a plural verb or possessive: "Hope and Noah are twins", "Grace and Tom's party".
 * Only faker's given names count, and only when capitalised.
 */
function wordNamesByContext(text: string, tokens: Token[], out: Candidate[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    // Tokens already judged as clear names, initials or titles are not everyday words.
    if (!tok.cap || (tok.kind !== undefined && tok.kind !== "WEAK" && tok.kind !== "WORD" && tok.kind !== "PLACE")) continue;
    if (!isWordName(tok) || covered(out, tok)) continue;
    const prev = tokens[i - 1];
    const gapBefore = prev ? text.slice(prev.end, tok.start) : "";
    // The first word of a run only: "Grace Baker", not "Amazing Grace Baker".
    if (prev?.cap && gapBefore === " ") continue;
    const found = text[tok.end] === " " ? foundAt(out, tok.end + 1) : undefined;
    if (found && !HONORIFICS.has(text.slice(found.start, found.end).split(/[\s.]/)[0]!.toLowerCase())) {
      found.start = tok.start;
      // Filed again under its new start, with the characters it now covers.
      file(foundIndex(out), out, out.indexOf(found));
      continue;
    }
    const after = text.slice(tok.end, tok.end + 40);
    const before = text.slice(Math.max(0, tok.start - 30), tok.start);
    let confidence = 0;
    // (Not before a capitalised name: "Pave's Irena Bílá" is a firm's employee.)
    if (/^['’]s\b(?! \p{Lu})/u.test(after) && !sentenceInitial(text, tok.start) && !DETERMINER_BEFORE.test(before)) confidence = 0.7;
    // Addressed: opening a quotation and followed by a comma that does not go on as a list ("Amber, ruby and jade").
    else if (/["“]\s*$/.test(before) && /^, (?!\p{L}+(?:,| and | or | & ))/u.test(after)) confidence = 0.7;
    else {
      // Paired: "X and <found name> are ..." / "X and <found name>'s ...".
      const m = /^ (?:and|&) /.exec(after);
      const partner = m && foundAt(out, tok.end + m[0].length);
      if (
        partner &&
        /^(?:['’]s\b| (?:are|were|have|had|got|met|both|will|went|live|love)\b)/.test(text.slice(partner.end, partner.end + 8))
      )
        confidence = 0.7;
      // ... or with a full name, as couples are written: "a toast for Joy and Ray Castellanos".
      else if (
        partner &&
        /\s/.test(text.slice(partner.start, partner.end)) &&
        !DETERMINER_BEFORE.test(before) &&
        !sentenceInitial(text, tok.start)
      )
        confidence = 0.7;
      // A chat mention: "@Gene asked", not an e-mail or a decorator ("x@Gene", "@Override").
      else if (text[tok.start - 1] === "@" && !/[\w.]/.test(text[tok.start - 2] ?? "") && !/^\(/.test(after)) confidence = 0.7;
      // The subject of a person's errand: "Angel will water your plants", "Crystal has the spare key".
      else if (WORD_NAME_ERRAND_AFTER.test(after) && !DETERMINER_BEFORE.test(before)) confidence = 0.6;
    }
    if (confidence > 0) out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence });
  }
}

/** Marks tokens inside known multi-word places ("Los Angeles", "Den Haag") and things ("Dow Jones", "Valentine's Day"). */
function markPhrases(text: string, tokens: Token[], openers: readonly number[], lexicon: Lexicon): void {
  // Only a capitalised token whose leading letters open some known phrase can start one (tokenize
  // lists them); one that a phrase before it covers starts none.
  let free = 0;
  for (const a of openers) {
    if (a < free || a >= tokens.length - 1) continue;
    // Every phrase tried holds the next word too: "The quick", "A short" need no phrase built.
    if (!mayBeInPhrase(tokens[a + 1]!.lower, lexicon)) continue;
    for (let b = Math.min(tokens.length, a + 4); b >= a + 2; b--) {
      const phrase = phraseText(text.slice(tokens[a]!.start, tokens[b - 1]!.end).toLowerCase());
      const isPlace = lexicon.placePhrases.has(phrase);
      if (isPlace || lexicon.thingPhrases.has(phrase)) {
        for (let k = a; k < b; k++) tokens[k]!.phrase = isPlace ? "PLACE" : "WORD";
        free = b;
        break;
      }
    }
  }
}

/**
 * Every run of ASCII letters a known phrase holds ("los", "angeles", "dow", "jones", "valentine"),
 * made on first use: a word of plain letters a-z in none of them is in no phrase.
 */
let phraseLetterRuns: Set<string> | undefined;

/**
 * False when no known phrase can hold the token whose lower-case form is `lower`. Only a word of
 * plain letters a-z is told: within a stretch of text its letters stand between characters that are
 * no letters, and lower-casing, removing "'s" and folding white space (phraseText) leave them so, so
 * a phrase equal to the stretch holds them as one of its runs of letters. Any other word may be in one.
 */
function mayBeInPhrase(lower: string, lexicon: Lexicon): boolean {
  for (let k = 0; k < lower.length; k++) {
    const c = lower.charCodeAt(k);
    if (c < 97 || c > 122) return true;
  }
  if (phraseLetterRuns === undefined) {
    phraseLetterRuns = new Set();
    for (const phrases of [lexicon.placePhrases, lexicon.thingPhrases])
      for (const phrase of phrases) for (const run of phrase.match(/[a-z]+/g) ?? []) phraseLetterRuns.add(run);
  }
  return phraseLetterRuns.has(lower);
}

/**
 * Words as the phrase lists write them: without a possessive "'s", one space between words. Most
 * stretches of text are so already (no apostrophe, single spaces), told without the two regexes.
 */
function phraseText(s: string): string {
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const white = c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && /\s/.test(s[i]!));
    if (c === 39 || c === 0x2019 || (white && (c !== 32 || space))) return s.replace(/['’]s\b/g, "").replace(/\s+/g, " ");
    space = white;
  }
  return s;
}

/** The words that name a thing in this text (findTermWords), lower case; set by findPersons for its rules. */
let termWords: ReadonlySet<string> = new Set();
const NO_TERMS: ReadonlySet<string> = new Set();

/**
 * Capitalised words that name a thing here: right before an acronym or a model number, on the same
 * line ("Roth IRA", "Gantt PDF", "Roth 401(k)", "Kepler 22b"). Suffixes and honorifics in capitals
 * ("Smith MD", "DIALLO/AMINATA MS") are not acronyms. The article "A" opening a sentence before a
 * word ("A Roth IRA grows") is marked as a word here too, not an initial.
 */
function findTermWords(text: string, tokens: Token[]): ReadonlySet<string> {
  let found: Set<string> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (!tok.cap || tok.glued || text.charCodeAt(tok.end) !== 32) continue;
    if (tok.text === "A" && sentenceInitial(text, tok.start)) {
      tok.kind = "WORD";
      continue;
    }
    if (termAt(text, tok, tokens[i + 1])) (found ??= new Set()).add(tok.lower);
  }
  return found ?? NO_TERMS;
}

/** Whether `tok`, followed by the token `next`, stands right before an acronym or a model number, naming a thing (see findTermWords). */
function termAt(text: string, tok: Token, next: Token | undefined): boolean {
  if (!tok.cap || tok.glued || text.charCodeAt(tok.end) !== 32) return false;
  const c = text.charCodeAt(tok.end + 1);
  if (next && next.start === tok.end + 1) {
    if (!acronymShaped(next.text)) return false;
    const bare = next.lower.endsWith(".") ? next.lower.slice(0, -1) : next.lower;
    return !SUFFIXES.has(bare) && !HONORIFICS.has(bare) && !identifierAfter(text, next.end);
  }
  if (c >= 48 && c <= 57) {
    // A number that goes on with a letter or a bracket: "401(k)", "7B", "22b"; not a year or a house number.
    let k = tok.end + 1;
    while (k < text.length && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    return k - tok.end - 1 <= 4 && /[(A-Za-z]/.test(text[k] ?? "") && !/[A-Za-z]{3}/.test(text.slice(k, k + 3));
  }
  return false;
}

/** /^[A-Z]{2,6}s?$/ ("IRA", "PDFs"), without the regex: it was asked of the word after every capitalised one. */
function acronymShaped(t: string): boolean {
  let n = t.length;
  if (n > 2 && t.charCodeAt(n - 1) === 115) n--; // a plural "s"
  if (n < 2 || n > 6) return false;
  for (let k = 0; k < n; k++) {
    const c = t.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Whether a lower-case letter follows at `k` ("IRAs" is still the acronym; "MARIAnne" is no acronym). */
function identifierAfter(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 97 && c <= 122 && !(c === 115 && !/[a-z]/.test(text[k + 1] ?? ""));
}

/** Grows found names over coordinated and listed neighbours: "X and Y", "X, Y, Z", "said X to Y". */
function coordinate(text: string, tokens: Token[], out: Candidate[], lexicon: Lexicon, lowercaseText: boolean): void {
  if (!out.some((c) => c.confidence >= 0.5)) return;
  for (let round = 0; round < 6; round++) {
    let added = 0;
    for (const c of out.filter((c) => c.confidence >= 0.5)) {
      // Right neighbour: ", Y" · " and Y" · " & Y" · " or Y" · " to Y" (after "said X").
      const mr = joinAfter(text, c.end);
      if (mr) {
        if (mr === " to " && !/\bsaid\s+$/i.test(text.slice(Math.max(0, c.start - 12), c.start))) continue;
        const tok = tokenAt(tokens, c.end + mr.length, "start");
        // "Otieno, Achieng; Horák, Miroslav": inverted names in a list separated by semicolons.
        // (Coverage first: in a list of names, the neighbour is most often found already.)
        if (
          tok &&
          !covered(out, tok) &&
          (isListedName(text, tok, lexicon, lowercaseText) || (/and/.test(mr) && isPairedEverydaySurname(text, tok, tok.end, lexicon))) &&
          (mr !== ", " || listContinues(text, tok.end) || /^;\s/.test(text.slice(tok.end, tok.end + 2)))
        ) {
          out.push({ type: "PERSON", start: tok.start, end: tok.end + (suffixAfter(text, tok.end)?.length ?? 0), confidence: 0.7 });
          added++;
        }
      }
      // Left neighbour: "X and " · "X, " before the found name.
      const ml = joinBefore(text, c.start);
      if (ml) {
        const tok = tokenAt(tokens, c.start - ml.length, "end");
        if (
          tok &&
          !covered(out, tok) &&
          (isListedName(text, tok, lexicon, lowercaseText) || (/and/.test(ml) && isPairedEverydaySurname(text, tok, c.end, lexicon))) &&
          (ml !== ", " || listContinues(text, c.end))
        ) {
          out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.7 });
          added++;
        }
      }
    }
    if (added === 0) break;
  }
}

// What a pair of people does, right after the pair: they come, go, visit, say, call.
const PEOPLE_VERB_AFTER =
  / (?:(?:are|were) (?:coming|going|visiting|getting married|moving|staying|arriving|leaving|flying|driving|joining|meeting|bringing)|(?:said|told|asked|came|went|visited|arrived|left|called|texted|emailed|wrote|met|married))\b/y;

/**
 * "Mark and Will are coming to dinner", "Rose and Mark said": two capitalised given names joined by
 * "and" that are also everyday words ("mark", "will", "rose", "grace"), each of which alone is too
 * ambiguous to take, are names when the pair is the subject of a verb of people coming, going or
 * speaking. ("Faith and Hope are virtues" has no such verb.)
 */
function findGivenNamePairs(text: string, tokens: Token[], out: Candidate[]): void {
  for (let j = 1; j + 1 < tokens.length; j++) {
    if (tokens[j]!.lower !== "and") continue;
    const first = tokens[j - 1]!;
    const second = tokens[j + 1]!;
    if (!givenNameWord(first) || !givenNameWord(second)) continue;
    if (first.end + 1 !== tokens[j]!.start || tokens[j]!.end + 1 !== second.start) continue;
    PEOPLE_VERB_AFTER.lastIndex = second.end;
    if (!PEOPLE_VERB_AFTER.test(text)) continue;
    for (const tok of [first, second])
      if (!covered(out, tok)) out.push({ type: "PERSON", start: tok.start, end: tok.end, confidence: 0.7 });
  }
}

/** A capitalised given name, not glued to an identifier: "Mark", "Will" (most are also everyday words). */
function givenNameWord(tok: Token): boolean {
  return tok.cap && !tok.glued && (flagsOf(tok) & GIVEN) !== 0;
}

/** A token beside a found name in a list or a pair that is a name too (see coordinate). */
function isListedName(text: string, tok: Token, lexicon: Lexicon, lowercaseText: boolean): boolean {
  if (!(tok.cap || (lowercaseText && flagsOf(tok) & NAME))) return false;
  const k = kindOf(tok, lexicon);
  if (k === "STRONG" || k === "UNKNOWN") return true;
  // A name that is also a town ("Mary", "Florence") beside a found name in a list is the name.
  if (k === "PLACE" && flagsOf(tok) & NAME && !tok.phrase) return true;
  // A name-list word that is also an English word ("Heather", "Frank") only when not opening a sentence.
  return k === "WEAK" && !(flagsOf(tok) & VERY_COMMON) && !sentenceInitial(text, tok.start);
}

/**
 * An everyday word that is also a surname ("Brown", "White", "Park") joined by "and" to a found name,
 * with the pair then the subject of a plural verb or the end of the sentence.
 */
function isPairedEverydaySurname(text: string, tok: Token, pairEnd: number, lexicon: Lexicon): boolean {
  return (
    tok.cap &&
    kindOf(tok, lexicon) === "WEAK" &&
    (flagsOf(tok) & NAME) !== 0 &&
    !sentenceInitial(text, tok.start) &&
    /^(?: (?:were|are|have|had)\b|[.!?]?$|[.!?]\s)/.test(text.slice(pairEnd, pairEnd + 6))
  );
}

/** The token that starts (or ends) exactly at `at`, found by binary search: tokens are in text order and do not overlap. */
function tokenAt(tokens: Token[], at: number, edge: "start" | "end"): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    // (Named properties: reading `tokens[mid]![edge]` was a slow keyed lookup.)
    const pos = edge === "start" ? tokens[mid]!.start : tokens[mid]!.end;
    if (pos === at) return tokens[mid];
    if (pos < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** After a bare comma, a list goes on (", Z", " and Z"): "Kateřina, Hleb, Sherry", not "Dear Anna, thanks". */
function listContinues(text: string, end: number): boolean {
  // Most names are followed by neither: two character tests before the pattern.
  const c = text.charCodeAt(end);
  if (c !== 44 /* , */ && c !== 32 /* space */) return false;
  if (c === 44 && text.charCodeAt(end + 1) !== 32) return false;
  LIST_GOES_ON.lastIndex = end;
  return LIST_GOES_ON.test(text);
}
// Matched where a name ends (sticky), without slicing the text after it.
const LIST_GOES_ON = /(?:,? (?:and|&|or) |, )\p{L}/uy;
// What joins a name to its neighbour in a list or a pair, as /,? (?:and|&|or) |, | to / reads it
// after the name (first alternative first) and /(?:,? (?:and|&|or) |, )$/ before it (the longest).
const JOINS_AFTER = [", and ", ", & ", ", or ", " and ", " & ", " or ", ", ", " to "];
const JOINS_BEFORE = [", and ", " and ", ", or ", " or ", ", & ", " & ", ", "];

/** The join right after `at` (see JOINS_AFTER), or undefined: compared in place, with no match object per name. */
function joinAfter(text: string, at: number): string | undefined {
  const c = text.charCodeAt(at);
  if (c !== 44 && c !== 32) return undefined;
  for (const join of JOINS_AFTER) if (text.startsWith(join, at)) return join;
  return undefined;
}

/** The join right before `at` (see JOINS_BEFORE), or undefined. */
function joinBefore(text: string, at: number): string | undefined {
  if (text.charCodeAt(at - 1) !== 32) return undefined;
  for (const join of JOINS_BEFORE) if (at >= join.length && text.startsWith(join, at - join.length)) return join;
  return undefined;
}

/**
 * The names found so far (confidence 0.5 or more), filed as `out` grows: the characters they cover
 * and where each starts. The rules ask about every token; scanning every finding for each made a
 * text full of names quadratic.
 */
type FoundIndex = { out: Candidate[]; filed: number; marks: Uint8Array; marked: number; byStart: Map<number, number | number[]> };
// The index of the text being read (one at a time): a new text's names start a new one, which reuses
// the marks' buffer, cleared as far as it was marked.
let current: FoundIndex = { out: [], filed: 0, marks: new Uint8Array(256), marked: 0, byStart: new Map() };

function foundIndex(out: Candidate[]): FoundIndex {
  let index = current;
  if (index.out !== out) {
    index.marks.fill(0, 0, index.marked);
    index = current = { out, filed: 0, marks: index.marks, marked: 0, byStart: new Map() };
  }
  for (; index.filed < out.length; index.filed++) file(index, out, index.filed);
  return index;
}

function file(index: FoundIndex, out: Candidate[], i: number): void {
  const c = out[i]!;
  if (c.confidence < 0.5) return;
  if (c.end > index.marks.length) {
    const grown = new Uint8Array(Math.max(c.end, index.marks.length * 2));
    grown.set(index.marks);
    index.marks = grown;
  }
  index.marks.fill(1, c.start, c.end);
  index.marked = Math.max(index.marked, c.end);
  // One index, the common case, is kept without an array of its own.
  const list = index.byStart.get(c.start);
  if (list === undefined) index.byStart.set(c.start, i);
  else if (typeof list === "number") index.byStart.set(c.start, [list, i]);
  else list.push(i);
}

/** Whether a found name overlaps `tok`. */
function covered(out: Candidate[], tok: { start: number; end: number }): boolean {
  const { marks } = foundIndex(out);
  for (let k = tok.start; k < tok.end && k < marks.length; k++) if (marks[k]) return true;
  return false;
}

/** The first found name, in the order found, that starts at `at`. */
function foundAt(out: Candidate[], at: number): Candidate | undefined {
  let first: number | undefined;
  const filed = foundIndex(out).byStart.get(at);
  for (const i of typeof filed === "number" ? [filed] : (filed ?? []))
    if (out[i]!.start === at && (first === undefined || i < first)) first = i;
  return first === undefined ? undefined : out[first];
}

/** /^['’]s\b/ at `end`: a possessive "'s" follows. */
function possessiveAt(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  return (c === 39 || c === 0x2019) && /^['’]s\b/.test(text.slice(end, end + 3));
}

/** CUE_AFTER without a bare "Label: " (a speaker's colon with a quote still counts). */
function personVerbAfter(text: string, end: number): boolean {
  return !(text.charCodeAt(end) === 58 && /^:\s/.test(text.slice(end, end + 2))) && cueAfterAt(text, end);
}

/** A token's kind as a run reads it: a phrase's word as the phrase, an ALL-CAPS word as a word. */
function runKind(tok: Token, lexicon: Lexicon): Kind {
  if (tok.phrase) return tok.phrase;
  const own = kindOf(tok, lexicon);
  // ALL-CAPS words are headings or places far more often than names.
  // (A capitalised token, "Smith" or "J.", never is one.)
  return !tok.cap && /^\p{Lu}{2,}$/u.test(tok.text) && own !== "SUFFIX" && own !== "HONORIFIC" ? "WORD" : own;
}

/** An ordinary word, a particle or a suffix: no rule below turns one into a name but beside another word. */
function isOrdinary(kind: Kind): boolean {
  return kind === "WORD" || kind === "PARTICLE" || kind === "SUFFIX";
}

/** Whether evaluateRun would pass over the one-word run `tok` at once. */
function loneOrdinaryWord(tok: Token, lexicon: Lexicon): boolean {
  return isOrdinary(runKind(tok, lexicon));
}

function evaluateRun(text: string, run: Token[], lexicon: Lexicon, lowercaseText: boolean, out: Candidate[]): void {
  const kinds = run.map((t) => runKind(t, lexicon));
  // A run of ordinary words only ("The", "Please") holds no piece to judge.
  if (kinds.every(isOrdinary)) return;
  for (let k = 0; k < run.length; k++) {
    const tok = run[k]!;
    // "Darwin's theory": a famous name that is also a town, in the possessive, is the person.
    if (kinds[k] === "PLACE" && flagsOf(tok) & FAMOUS && !tok.phrase && possessiveAt(text, tok.end)) kinds[k] = "STRONG";
    // "Nikola Tesla": a brand that is also a surname, right after a given name, is the surname.
    if (
      k > 0 &&
      kinds[k] === "WORD" &&
      kinds[k - 1] === "STRONG" &&
      !tok.phrase &&
      (flagsOf(tok) & (THING | NAME)) === (THING | NAME) &&
      flagsOf(run[k - 1]!) & NAME
    )
      kinds[k] = "WEAK";
  }

  // A romanised Korean or Chinese given name of two hyphenated syllables after a surname: "Lee Ji-eun", "Kim Min-jun".
  for (let k = 1; k < run.length; k++)
    if (kinds[k] === "UNKNOWN" && flagsOf(run[k - 1]!) & NAME && syllableGivenName(run[k]!.text)) kinds[k] = "STRONG";
  // A capitalised sentence opener that is also an everyday word ("Call", "Will", "Ask") is the verb, not a name.
  // Unless it is a given name before a surname ("Harry Sheppard"), where the word is rare as a verb.
  // A name-list word before an initial and a surname is a given name even when it is an everyday word ("Ken N. Fukuda").
  const nameFollows =
    run.length > 1 &&
    (((kinds[1] === "STRONG" || kinds[1] === "INITIAL") && !(flagsOf(run[0]!) & VERY_COMMON)) ||
      (run.length > 2 &&
        kinds[1] === "INITIAL" &&
        /\.$/.test(run[1]!.text) &&
        (flagsOf(run[0]!) & NAME) !== 0 &&
        (kinds[2] === "STRONG" || kinds[2] === "UNKNOWN")));
  // Nor when a person's verb follows a lone word ("Walker began writing", 'Heather:"I'm ...').
  if (
    kinds[0] === "WEAK" &&
    !nameFollows &&
    sentenceInitial(text, run[0]!.start) &&
    flagsOf(run[0]!) & COMMON &&
    !(run.length === 1 && personVerbAfter(text, run[0]!.end))
  )
    kinds[0] = "WORD";
  // CamelCase identifiers ("BankAccount", "TypeError") are code, unlike "McDonald" or "DeLuca".
  for (let k = 0; k < run.length; k++)
    if (
      mayBeCamelCase(run[k]!.text) &&
      /^\p{Lu}\p{Ll}+\p{Lu}/u.test(run[k]!.text) &&
      !/^(Mc|Mac|O'|D'|De|Di|Da|La|Le|Van|Von)\p{Lu}/u.test(run[k]!.text)
    )
      kinds[k] = "WORD";

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
    const leftWord =
      k > 0 && kinds[k - 1] === "WORD" && !(k - 1 === 0 && sentenceInitial(text, run[0]!.start)) && !LABELS.has(run[k - 1]!.lower);
    const rightWord = e + 1 < run.length && kinds[e + 1] === "WORD";
    // (The whole run, the common case, is judged without copies.)
    const whole = k === 0 && e === run.length - 1;
    judge(text, whole ? run : run.slice(k, e + 1), whole ? kinds : kinds.slice(k, e + 1), lowercaseText, out, leftWord || rightWord);
    k = e + 1;
  }
}

// Type names of schemas and signatures (GraphQL, TypeScript, Java, Mongoose, ...): "name: String".
const CODE_TYPES = new Set([
  "String",
  "Boolean",
  "Bool",
  "Number",
  "Int",
  "Integer",
  "Float",
  "Double",
  "Object",
  "Buffer",
  "BigInt",
  "Void",
  "UUID",
  "DateTime",
  "Timestamp",
]);

/** Whether only white space stands before `start` on its line. */
function opensLine(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k < 0 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13;
}

// A role's name as labels write it: an agent noun ("Approver", "Assignee", "Requestor", "Absender").
const ROLE_LABEL = /^\p{L}{4,}(?:er|or|ee)$/u;
// Endings of German compound nouns that label form fields ("Personalausweisnummer", "Anschrift").
const GERMAN_LABEL =
  /^(?:\p{L}{2,}(?:nummer|adresse|inhaber|inhaberin|schrift|datum|straße|strasse)|\p{L}{5,}(?:ung|heit|keit|schaft)|adresse|\p{L}{2,}-(?:id|nr))$/u;

// Words after which a lone name is a destination.
const TRAVEL_BEFORE = atEnd(
  /\b(?:visit|visiting|visited|trip to|trips to|travel to|travelling to|traveling to|fly to|flying to|flights? to|holiday in|vacation in|days in|nights in|weekend in|week in|tour of)\s+/i,
);
// Saints', harbours', lakes' and mountains' names open places, not people: "Santa Barbara", "Lago di Como".
const PLACE_OPENERS = new Set([
  "San",
  "Santo",
  "Santa",
  "São",
  "Sankt",
  "Puerto",
  "Porto",
  "Lago",
  "Lac",
  "Monte",
  "Isola",
  "Isla",
  "Cabo",
]);
// "the port of Surat", "the building of Angkor Wat": a place, a work or a polity is named next.
const PLACE_OF_BEFORE = atEnd(
  /\bthe (?:port|city|town|village|island|isle|region|province|kingdom|state|river|lake|bay|gulf|valley|county|district|harbou?r|capital|coast|streets|outskirts|suburbs?|republic|empire|emirate|sultanate|duchy|building|construction|founding|siege|sack|ruins|temples?|walls|map|geography|architecture) of\s+/i,
);
// A sentence-opening imperative of another language before its article: "Schreib eine", "Scrivi una", "Escribe un".
const FOREIGN_ARTICLE_AFTER = /^ (?:eine|einen|einem|einer|ein|una|uno|une|un|des|die|das|dem|gli|los|las)\b/;
// A lower-case word after a run that can be the noun it qualifies: not an article, conjunction or preposition.
const NOUN_NEXT = /^ (?!(?:the|a|an|and|or|nor|but|is|was|are|were|in|on|at|to|of|for|with|as|by|from|than|that|which|who)\b)\p{Ll}/u;

// What ends the text before a run (each tested at the end only, see atEnd).
// A list's "or", "and", "&" or comma: "Shinjuku, Asakusa or Shimokitazawa: which is best?".
const LIST_JOIN_BEFORE = atEnd(/(?:,|\bor|\band|&)\s+/);
const GREETING_BEFORE = atEnd(/\b(?:hi|hello|hey|dear|thanks|thank you|cheers)[\s,!]*/i);
const ARTICLE_BEFORE = atEnd(/\b(?:the|a|an)\s+/i);
const THE_BEFORE = atEnd(/\bthe\s+/i);
const PLACE_PREPOSITION_BEFORE = atEnd(/\b(?:in|at|from|to|near|into|across|around|visit|visiting|of)\s+/);
const IN_BEFORE = atEnd(/\bin\s+/);
const AT_BEFORE = atEnd(/\bat\s+/);

/** Whether `s` ends in an ASCII letter and white space (/[A-Za-z]\s+$/): what each of the tests above needs. */
function endsInWordAndSpace(s: string): boolean {
  let k = s.length - 1;
  if (k < 0 || !isSpaceAt(s, k)) return false;
  while (k >= 0 && isSpaceAt(s, k)) k--;
  const c = s.charCodeAt(k);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** /\s/ at `k`, without the regex for plain ASCII. */
function isSpaceAt(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(s[k]!);
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
  const suffix = suffixAfter(text, end);
  // The core words (names, everyday words, places, titles) counted by kind, in one pass.
  let strong = 0;
  let weak = 0; // WEAK and TITLE
  let place = 0;
  let unknown = 0;
  let initials = 0;
  let firstCore: Kind | undefined;
  let allTitles = true;
  let hasHonorific = false;
  let hasSuffix = false;
  let lastCore = -1; // the last word that is no initial or particle
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[k]!;
    if (kind === "STRONG") strong++;
    else if (kind === "WEAK" || kind === "TITLE") weak++;
    else if (kind === "PLACE") place++;
    else if (kind === "UNKNOWN") unknown++;
    else if (kind === "INITIAL") initials++;
    else if (kind === "HONORIFIC") hasHonorific = true;
    else if (kind === "SUFFIX") hasSuffix = true;
    if (firstCore === undefined && (kind === "STRONG" || kind === "WEAK" || kind === "UNKNOWN" || kind === "PLACE" || kind === "TITLE"))
      firstCore = kind;
    if (kind !== "TITLE") allTitles = false;
    if (kind !== "INITIAL" && kind !== "PARTICLE") lastCore = k;
  }
  const coreCount = strong + weak + place + unknown;
  if (coreCount === 0 || allTitles) return;
  // Without a given name, a run ending in an everyday noun is a thing ("Brown Rice", "Hollandaise Sauce").
  const thingHead = lastCore > 0 && kinds[lastCore] === "WEAK" && (flagsOf(toks[lastCore]!) & VERY_COMMON) !== 0;
  const honorific = hasHonorific || titled;
  const before = text.slice(Math.max(0, start - 40), start);
  // (Asked only without an honorific, as everywhere below.)
  const cuedBefore = !honorific && cueBefore(before);
  // A colon after the run is a speaker's label or a field, not when it closes a list
  // ("Shinjuku, Asakusa or Shimokitazawa: which is best?").
  const cueAfter = cueAfterAt(text, end) && (text.charCodeAt(end) !== 58 || !LIST_JOIN_BEFORE.test(before));
  const cue =
    honorific ||
    cuedBefore ||
    cueAfter ||
    (lineIsRun(text, start, end) && !(coreCount1Unknown(kinds) && listOfTasks(text, start))) ||
    (hasSuffix && /\p{Lu}{2}/u.test(toks[toks.length - 1]!.text)) ||
    (suffix !== null && /[VX]|II/.test(suffix) && !suffix.startsWith(","));
  const initial = sentenceInitial(text, start);
  let confidence = 0;
  if (place === coreCount) {
    // Only places: a person only when an honorific or a role word says so ("Queen Victoria").
    // Or a given name that is also a town right after wording about a person ("says Izumi", "my kid Florence").
    confidence = honorific ? 0.8 : coreCount === 1 && flagsOf(toks[0]!) & NAME && (cuedBefore || personVerbAfter(text, end)) ? 0.7 : 0;
  } else if (lowercaseText) {
    // Without capitals only wording can tell a name: "my name is jan kowalski".
    if (cue && strong >= 1) confidence = 0.7;
    // Two name-list words that are not English words in a row: "dmitri volkov".
    else if (strong >= 2 && strong === coreCount) confidence = 0.7;
  } else if (coreCount >= 2 || (coreCount === 1 && initials > 0)) {
    const weakish = weak + place;
    if (strong === 0 && thingHead) confidence = cue ? 0.75 : 0.3;
    else if (strong >= 1) confidence = 0.85;
    else if (weakish >= 1 && unknown >= 1) confidence = cue ? 0.85 : 0.7;
    else if (weakish === coreCount) confidence = cue ? 0.8 : initial ? 0.3 : place > 0 ? 0.35 : 0.55;
    else confidence = cue ? 0.75 : initials > 0 ? 0.7 : 0.55;
  } else {
    const k = firstCore;
    if (k === "STRONG") confidence = cue ? 0.9 : 0.65;
    else if (k === "WEAK") confidence = cue && !initial ? 0.75 : cue ? 0.6 : 0;
    else confidence = cue ? 0.75 : 0;
  }
  if (confidence === 0) return;
  // (The vetoes below are asked only of a run that scored: most do not.)
  // A word seen naming a thing before an acronym or a model number ("Roth IRA", "Roth 401(k)") names
  // that thing wherever it stands alone in the text, unless an honorific or wording says person.
  if (coreCount === 1 && !honorific && !cuedBefore && termWords.has(toks[lastCore]!.lower)) return;
  // A type in a schema or a signature: "name: String", "age: Int", "data: Buffer". (Each of them is
  // an everyday word or no listed word: a name-list word, in a list of names, is not looked up.)
  if (toks.length === 1 && (firstCore === "WEAK" || firstCore === "UNKNOWN") && !honorific && CODE_TYPES.has(toks[0]!.text)) return;
  // A label in code or docs, an everyday word that is no given name before a colon, not opening its
  // line as a speaker's name does: "// Note: this works", "[Class: FetchError]", "log('File: ', f)".
  if (
    coreCount === 1 &&
    firstCore === "WEAK" &&
    !honorific &&
    !cuedBefore &&
    text.charCodeAt(end) === 58 &&
    (flagsOf(toks[lastCore]!) & (VERY_COMMON | GIVEN)) === VERY_COMMON &&
    !opensLine(text, start)
  )
    return;
  // A git trailer is a label, not a speaker: "Signed-off-by:", "Co-authored-by:", "Reviewed-by:".
  if (coreCount === 1 && text.charCodeAt(end) === 58 && toks[lastCore]!.lower.endsWith("-by")) return;
  // A German form label is a compound noun, not a speaker: "Kontoinhaber:", "Lieferadresse:", "Steuer-ID:".
  if (coreCount === 1 && unknown === 1 && !honorific && GERMAN_LABEL.test(toks[lastCore]!.lower)) return;
  // So is a role no word list has, before a colon: "Approver:", "Assignee:", "Requestor:" (a speaker's name
  // is in the name lists: "Fischer:").
  if (coreCount === 1 && unknown === 1 && !honorific && text.charCodeAt(end) === 58 && ROLE_LABEL.test(toks[lastCore]!.lower)) return;
  // A greeting before an everyday word that is no given name: "Hello World", "Hi Team", "Hey Friend".
  if (
    coreCount === 1 &&
    firstCore === "WEAK" &&
    cuedBefore &&
    !cueAfter &&
    (flagsOf(toks[lastCore]!) & (VERY_COMMON | GIVEN)) === VERY_COMMON &&
    GREETING_BEFORE.test(before)
  )
    return;
  // "San Gimignano", "São Paulo", "Puerto Montt": saints' and harbour names open places, not people.
  if (!honorific && toks.length >= 2 && PLACE_OPENERS.has(toks[0]!.text)) return;
  // "Schreib eine kurze Geschichte": an imperative, not a name, opening a sentence in another language.
  if (!honorific && toks.length === 1 && initial && text.charCodeAt(end) === 32 && FOREIGN_ARTICLE_AFTER.test(text.slice(end, end + 8)))
    return;
  // After an article or a place preposition a capitalised run is a thing or a place ("the Kindle
  // Paperwhite", "in Berlin"), unless wording says otherwise.
  // The second of two coordinated items shares the first one's context: "the Ming and Qing dynasties",
  // "a day trip to Siena and San Gimignano".
  // (All asked only without a cue; the first item's context is worked out only after a conjunction, which is rare.)
  const beforeFirst =
    !cue && (before.endsWith(" and ") || before.endsWith(" or ") || before.endsWith(" & "))
      ? before.replace(/[\p{Lu}][\p{L}\p{M}'’-]*(?:\s[\p{Lu}][\p{L}\p{M}'’-]*)?\s(?:and|or|&)\s+$/u, "")
      : before;
  // (The wording tests below all end in a word and white space: most texts before a run do not.)
  const wordBefore = !cue && endsInWordAndSpace(before);
  // "a" is also the "to" of Spanish, Portuguese and Italian, which stands before people ("Escribe a
  // Lucía Fernández."): a given name and a surname that is no everyday word after it are a person.
  const personalA =
    coreCount >= 2 && before.endsWith(" a ") && (flagsOf(toks[0]!) & GIVEN) !== 0 && (flagsOf(toks[lastCore]!) & (NAME | COMMON)) === NAME;
  const article =
    !cue && !personalA && ((wordBefore && ARTICLE_BEFORE.test(before)) || (beforeFirst !== before && ARTICLE_BEFORE.test(beforeFirst)));
  const placePrep = wordBefore && PLACE_PREPOSITION_BEFORE.test(before);
  // "a Harvey Leach concert": a full name used before a noun stays a name.
  // (A function word next is no noun: "the Opel Corsa the same car".)
  const attributive = strong >= 1 && coreCount >= 2 && NOUN_NEXT.test(text.slice(end, end + 12));
  // "the Jensen novel", "the Sokolov estate": a lone surname (a name-list word that is no English word)
  // between "the" and a lower-case noun is the owner or author, not a thing.
  const ownerOfNoun =
    strong === 1 &&
    coreCount === 1 &&
    wordBefore &&
    THE_BEFORE.test(before) &&
    /^ \p{Ll}{3,}/u.test(text.slice(end, end + 5)) &&
    NOUN_NEXT.test(text.slice(end, end + 12));
  if (!cue && article && ownerOfNoun) confidence *= 0.8;
  else if (!cue && article && !attributive) confidence *= 0.5;
  else if (wordBefore && PLACE_OF_BEFORE.test(before)) confidence *= 0.4;
  // "a tiny kitchen in Leith": a lone surname-like word after "in" is a town far more often than a person;
  // after "at", one that is no given name is a place or a firm ("at Waterloo", "at Deloitte"; "angry at
  // Maria" is a person).
  else if (
    !cue &&
    coreCount === 1 &&
    strong === 1 &&
    wordBefore &&
    (IN_BEFORE.test(before) || (AT_BEFORE.test(before) && !(flagsOf(toks[lastCore]!) & GIVEN))) &&
    !possessiveAt(text, end)
  )
    confidence *= 0.7;
  else if (!cue && placePrep && coreCount === 1 && strong === 0) confidence *= 0.6;
  // A lone word that is a name only by its letters or ending ("Tromsø") after a place preposition is a place.
  else if (!cue && placePrep && coreCount === 1 && !(flagsOf(toks[0]!) & (NAME | FAMOUS))) confidence *= 0.6;
  // Travel wording before a lone name-list word makes it a destination: "visit Petra", "a trip to Siena".
  else if (
    !cue &&
    coreCount === 1 &&
    confidence > 0 &&
    ((wordBefore && TRAVEL_BEFORE.test(before)) || (beforeFirst !== before && TRAVEL_BEFORE.test(beforeFirst)))
  )
    confidence *= 0.6;
  if (!honorific && inTitle && !cuedBefore) confidence *= 0.5;
  // An eponym ("Turing test", "Monty Hall problem"); not in the possessive ("Schrödinger's cat").
  if (!cue && confidence > 0 && text.charCodeAt(end) === 32 && EPONYM_HEAD.test(text.slice(end, end + 16))) confidence *= 0.4;
  if (suffix && confidence > 0) end += suffix.length;
  if (confidence > 0) out.push({ type: "PERSON", start, end, confidence });
}
