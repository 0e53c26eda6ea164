import isLuhnNumber from "validator/lib/isLuhnNumber.js";
import { contextAfter, contextBefore, type DigitFacts, digitFacts } from "../text";
import type { Candidate } from "../types";

// National identity and tax numbers other than the US SSN (which keeps its own type, US_SSN). Each
// is taken only when its check digits hold, so that a random run of digits is left alone; where a
// format is so plain that one random number in ten or eleven passes its check (Aadhaar, BSN, SIN,
// Steuer-ID, a CPF without its dots), the country's own word for it must stand near it as well.

const A = "(?<![\\p{L}\\p{N}])";
const Z = "(?![\\p{L}\\p{N}]|[.,\\-/]\\p{N})";
const re = (body: string) => new RegExp(`${A}(?:${body})${Z}`, "gu");

// Cue words are looked for in the 60 characters before a number, or in the 40 after it on its line
// (`cueAfter`, the rule's cue so anchored: built once with the rules, not for every number).
const near = (text: string, start: number, end: number, rule: Rule) =>
  contextBefore(text, start, rule.cue, 60) || contextAfter(text, end, rule.cueAfter, 40);
const onItsLine = (cue: RegExp) => new RegExp(`^[^\\n]{0,40}(?:${cue.source})`, cue.flags);

type Rule = {
  /** What it is, for the tests' names. */
  name: string;
  pattern: RegExp;
  /** False when the text cannot hold a match of `pattern` (a cheaper test): its scan is skipped. */
  possible: (facts: DigitFacts, text: string) => boolean;
  valid: (value: string) => boolean;
  /** Words that name the number; with one of them nearby the confidence is `withCue`. */
  cue: RegExp;
  /** `cue` after the number, on its line. */
  cueAfter: RegExp;
  /**
   * For a rule that takes no number without its cue: the cue words found anywhere in the text. Without
   * one the rule is skipped (for most texts, a cheaper scan than the pattern's).
   */
  cueAnywhere?: RegExp;
  withCue: number;
  /** Without a cue: below 0.5 means "not taken" at the default threshold. */
  alone: (value: string) => number;
};

const digits = (s: string) => s.replace(/\D/g, "");

/** Verhoeff's dihedral check (Aadhaar): the whole number, check digit included, checks to 0. */
function verhoeff(num: string): boolean {
  const d = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ];
  const p = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ];
  let c = 0;
  for (let i = 0; i < num.length; i++) c = d[c]![p[i % 8]![Number(num[num.length - 1 - i])]!]!;
  return c === 0;
}

/** Brazil's CPF: two mod-11 check digits; a number of one repeated digit is a placeholder, not a CPF. */
function cpf(value: string): boolean {
  const d = digits(value);
  if (d.length !== 11 || /^(\d)\1+$/.test(d)) return false;
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
    if (((sum * 10) % 11) % 10 !== Number(d[len])) return false;
  }
  return true;
}

/** France's NIR: sex, year, month, department (2A/2B for Corsica), commune, order, then 97 − (number mod 97). */
function nir(value: string): boolean {
  const s = value.replace(/\s/g, "").toUpperCase();
  if (!/^[12]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2A|2B)\d{6}\d{2}$/.test(s)) return false;
  const body = BigInt(s.slice(0, 13).replace("2A", "19").replace("2B", "18"));
  return 97n - (body % 97n) === BigInt(s.slice(13));
}

/** Germany's Steuer-ID: eleven digits, no leading 0, ISO 7064 MOD 11,10 check digit, one digit repeated in the first ten. */
function steuerId(value: string): boolean {
  const d = digits(value);
  if (d.length !== 11 || d[0] === "0") return false;
  const counts = new Map<string, number>();
  for (const c of d.slice(0, 10)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length !== 1 || repeated[0]! > 3) return false;
  let product = 10;
  for (const c of d.slice(0, 10)) {
    let sum = (Number(c) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  return (11 - product) % 10 === Number(d[10]);
}

/** Germany's identity card number: nine characters and a check digit, weights 7, 3, 1. */
function personalausweis(value: string): boolean {
  const s = value.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const c = s[i]!;
    sum += (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * [7, 3, 1][i % 3]!;
  }
  return sum % 10 === Number(s[9]);
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
/** Spain's DNI and NIE: the letter is the number mod 23 (an NIE's X, Y, Z stand for 0, 1, 2). */
function dniNie(value: string): boolean {
  const s = value.replace(/[\s-]/g, "").toUpperCase();
  const num = s.slice(0, -1).replace(/^X/, "0").replace(/^Y/, "1").replace(/^Z/, "2");
  return DNI_LETTERS[Number(num) % 23] === s.at(-1);
}

// Italy's codice fiscale: values of characters in odd positions (1st, 3rd, …), even ones are 0–25.
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const CODICE_FISCALE_TAIL = /\d\d[ABCDEHLMPRSTabcdehlmprst]\d\d[A-Za-z]\d{3}[A-Za-z]/;
/** Italy's codice fiscale: the sixteenth character checks the fifteen before it. */
function codiceFiscale(value: string): boolean {
  const s = value.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s[i]!;
    const n = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? CF_ODD[n]! : n;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

/** The Netherlands' BSN: the "11-proof", 9a + 8b + … + 2h − i divisible by 11. */
function bsn(value: string): boolean {
  const d = digits(value);
  if (d.length !== 9 || d === "000000000") return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  return (sum - Number(d[8])) % 11 === 0;
}

/** The UK's National Insurance number: two prefix letters the DWP issues, six digits, A–D. */
function nino(value: string): boolean {
  const s = value.replace(/\s/g, "").toUpperCase();
  if (/^[DFIQUV]|^.[DFIOQUV]/.test(s)) return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(s.slice(0, 2));
}

const never = () => 0;

const SPECS: Array<Omit<Rule, "cueAfter" | "cueAnywhere">> = [
  {
    name: "UK NINO",
    pattern: re("[A-Za-z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-Da-d]"),
    // Six digits, perhaps spaced in pairs.
    possible: (f) => f.longestSpacedRun >= 6,
    valid: nino,
    cue: /\b(national insurance|NI number|NI no|NINO|NIN)\b/i,
    withCue: 0.97,
    // Two letters, six digits and A–D is rare outside NINOs; lower-case is rarer still.
    alone: (v) => (/^[A-Z]{2}/.test(v) ? 0.75 : 0.3),
  },
  {
    name: "FR NIR",
    pattern: re("[12] ?\\d{2} ?\\d{2} ?(?:\\d{2}|2[AB]) ?\\d{3} ?\\d{3} ?\\d{2}"),
    // Fifteen digits, perhaps spaced; or, with Corsica's department (2A, 2B), the last eight.
    possible: (f, text) => f.longestSpacedRun >= 15 || (f.longestSpacedRun >= 8 && (text.includes("2A") || text.includes("2B"))),
    valid: nir,
    cue: /(sécurité sociale|securite sociale|\bNIR\b|\bINSEE\b|carte vitale|\bsécu\b|social security)/i,
    withCue: 0.98,
    alone: () => 0.85,
  },
  {
    name: "BR CPF",
    pattern: re("\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|\\d{11}"),
    // Eleven digits in a row, or dotted (not the grouped card and phone numbers a dotted run counts too).
    possible: (f) => f.longestRun >= 11 || (f.longestDottedRun >= 11 && f.dotBetweenDigits),
    valid: cpf,
    cue: /\b(CPF|cadastro de pessoas)\b/i,
    withCue: 0.97,
    alone: (v) => (v.includes(".") ? 0.9 : 0),
  },
  {
    name: "DE Steuer-ID",
    pattern: re("\\d{2} ?\\d{3} ?\\d{3} ?\\d{3}"),
    possible: (f) => f.longestSpacedRun >= 11,
    valid: steuerId,
    cue: /(steuer-?id|steuer-identifikationsnummer|steueridentifikationsnummer|steuerliche identifikationsnummer|\bIdNr\b|tax id|\bTIN\b)/i,
    withCue: 0.95,
    alone: never,
  },
  {
    name: "DE Personalausweis",
    pattern: re("[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\\d"),
    // Its last letter stands right before a digit (the last character is one).
    possible: (f) => f.capitalBeforeDigit,
    valid: personalausweis,
    cue: /(personalausweis|ausweisnummer|ausweis-nr|dokumentennummer|identity card|ID card)/i,
    withCue: 0.95,
    alone: never,
  },
  {
    name: "ES DNI/NIE",
    pattern: re("[XYZxyz]-?\\d{7}-?[A-Za-z]|\\d{8}-?[A-Za-z]"),
    possible: (f) => f.longestRun >= 7,
    valid: dniNie,
    cue: /\b(DNI|NIE|NIF|documento nacional|identidad)\b/i,
    withCue: 0.97,
    alone: (v) => (/[A-Z]$/.test(v) ? 0.85 : 0.4),
  },
  {
    name: "IT codice fiscale",
    pattern: re("[A-Za-z]{6}\\d{2}[ABCDEHLMPRSTabcdehlmprst]\\d{2}[A-Za-z]\\d{3}[A-Za-z]"),
    // A letter right before two digits (the sixth letter, and the month's), and a tail that starts with
    // digits, which few places in a text do: a much quicker scan than the pattern's.
    possible: (f, text) => f.letterBeforeTwoDigits && f.digits >= 7 && CODICE_FISCALE_TAIL.test(text),
    valid: codiceFiscale,
    cue: /(codice fiscale|\bCF\b|\bC\.F\.)/i,
    withCue: 0.98,
    alone: () => 0.9,
  },
  {
    name: "IN PAN",
    pattern: re("[A-Z]{3}[ABCFGHLJPT][A-Z]\\d{4}[A-Z]"),
    // A capital right before its four digits.
    possible: (f) => f.letterBeforeTwoDigits && f.longestRun >= 4,
    valid: () => true,
    cue: /\b(PAN|permanent account number|income tax|ITR|KYC)\b/i,
    withCue: 0.95,
    alone: never,
  },
  {
    name: "IN Aadhaar",
    pattern: re("[2-9]\\d{3} ?\\d{4} ?\\d{4}|[2-9]\\d{3}-\\d{4}-\\d{4}"),
    possible: (f) => f.longestSpacedRun >= 12,
    valid: (v) => verhoeff(digits(v)),
    cue: /(aadhaar|aadhar|\bUIDAI\b|\bUID\b|आधार)/i,
    withCue: 0.97,
    alone: never,
  },
  {
    name: "NL BSN",
    pattern: re("\\d{9}|\\d{4}\\.\\d{2}\\.\\d{3}|\\d{3}[ .]\\d{3}[ .]\\d{3}"),
    possible: (f) => f.longestDottedRun >= 9,
    valid: bsn,
    cue: /(\bBSN\b|burgerservicenummer|sofinummer|sofi-nummer|citizen service number)/i,
    withCue: 0.95,
    alone: never,
  },
  {
    name: "CA SIN",
    pattern: re("[0-79]\\d{2}([ -]?)\\d{3}\\1\\d{3}"),
    possible: (f) => f.longestSpacedRun >= 9,
    valid: (v) => isLuhnNumber(digits(v)),
    cue: /(\bSIN\b|social insurance|\bNAS\b|assurance sociale)/i,
    withCue: 0.95,
    alone: never,
  },
];

/**
 * `cue` without its word boundaries: it finds every cue word that `cue` finds in a window of the text
 * (and more, as a window's edge is a boundary wherever it falls).
 */
const anywhere = (cue: RegExp) => new RegExp(cue.source.replaceAll("\\b", ""), cue.flags);

const RULES: Rule[] = SPECS.map((rule) => ({
  ...rule,
  cueAfter: onItsLine(rule.cue),
  cueAnywhere: rule.alone === never ? anywhere(rule.cue) : undefined,
}));

/** National identity and tax numbers of ten countries (see RULES), each with its check digits valid. */
export function findNationalIds(text: string): Candidate[] {
  const out: Candidate[] = [];
  const facts = digitFacts(text);
  // Every rule wants four digits in a row or in pairs (\d\d\D?\d\d).
  if (!facts.twoPairs) return out;
  for (const rule of RULES) {
    if (!rule.possible(facts, text) || (rule.cueAnywhere && !rule.cueAnywhere.test(text))) continue;
    // exec, not matchAll, which copies the pattern on every call.
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
      const value = m[0];
      if (!rule.valid(value)) continue;
      const end = m.index + value.length;
      const confidence = near(text, m.index, end, rule) ? rule.withCue : rule.alone(value);
      if (confidence > 0) out.push({ type: "NATIONAL_ID", start: m.index, end, confidence });
    }
  }
  return out;
}

/** Exposed for tests: the rules' names, in the order they are tried. */
export const NATIONAL_ID_RULES = RULES.map((r) => r.name);
