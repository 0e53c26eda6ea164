import { digitFacts, MONTH_NAMES } from "../text";
import type { Candidate } from "../types";

const MONTHS = `(?:${MONTH_NAMES})\\.?`;
// Month names of other languages, written out (after a day number only, where they cannot be other
// words): French, Italian, Spanish, Portuguese, German, Dutch, Indonesian, Turkish, and Polish in the
// nominative and in the genitive that dates use ("4 listopada 1990").
const FOREIGN_MONTHS =
  "(?:janvier|février|fevrier|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|" +
  "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|" +
  "enero|febrero|abril|mayo|junio|julio|septiembre|setiembre|octubre|noviembre|diciembre|" +
  "janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|dezembro|" +
  "januar|jänner|februar|märz|juni|juli|oktober|dezember|" +
  "januari|februari|maart|mei|augustus|maret|agustus|desember|" +
  "ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|" +
  "styczeń|stycznia|luty|lutego|marzec|marca|kwiecień|kwietnia|maj|maja|czerwiec|czerwca|lipiec|lipca|sierpień|sierpnia|" +
  "wrzesień|września|październik|października|listopad|listopada|grudzień|grudnia|" +
  // Russian (genitive) and Hindi.
  "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|" +
  "जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर)(?![\\p{L}\\p{M}])";
// Hungarian dates put the year first: "1979. május 8.", "1979. máj. 8.".
const HU_MONTHS =
  "(?:január|február|március|április|május|június|július|augusztus|szeptember|október|november|december|jan|febr|márc|ápr|máj|jún|júl|aug|szept|okt|nov|dec)\\.?";
const HU_DATE = new RegExp(`\\b(?:1[89]|20)\\d\\d\\.\\s?${HU_MONTHS}\\s?(?:[12]\\d|3[01]|0?[1-9])\\.?(?![\\p{L}\\p{N}])`, "giu");
const DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
// A four-digit year, or an abbreviated one with its apostrophe ("14 Apr '82").
const YEAR = "(?:1[89]\\d\\d|20\\d\\d|['’]\\d\\d(?!\\d))";
const DATE = new RegExp(
  [
    `\\b\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})\\b`, // 9/25/1945, 25.09.45
    `\\b${YEAR}[/.\\-]\\d{1,2}[/.\\-]\\d{1,2}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?\\b`, // 1985-11-18 22:50:23
    `\\b${MONTHS} ${DAY},? ${YEAR}`, // March 3rd, 1985 · Apr 14 '82
    `\\b${DAY} (?:of )?${MONTHS},? ${YEAR}`, // 3 March 1985 · 14 Apr '82
  ].join("|"),
  "gi",
);
// 2 février 1979 · 1er mars 1980 · 9 de agosto de 1990 · 17. September 1984 · 4 listopada 1990.
// Apart from DATE, whose ASCII-only scan is much faster without the Unicode flag.
// Any match of OTHER_LANGUAGE_DATE passes this cheaper test: a day, a word and a four-digit year.
const OTHER_LANGUAGE_DATE_PRE = /\d(?:er|º|°|\.)? (?:de )?[^\s\d]+ (?:de |del )?\d{4}/;
const OTHER_LANGUAGE_DATE = new RegExp(
  `\\b(?:[12]\\d|3[01]|0?[1-9])(?:er|º|°|\\.)? (?:de )?(?:${FOREIGN_MONTHS}|${MONTHS}) (?:de |del )?\\d{4}\\b`,
  "giu",
);
// Birth wording shortly before the date: "born on", "date of birth:", "DOB", "birthday is".
const BIRTH_CONTEXT = /\b(born|birth|birthdate|birthday|dob|d\.o\.b\.?|b\.|n[ée]e? le|geboren)\b[^\n]{0,30}$|\bb(irth)?\s*:\s*$|\bb\.\s*$/i;
// The same in other languages, right before the date (a word or two may stand between): "né le",
// "nato il", "nacida el", "fecha de nacimiento", "f. nac.", "data de nascimento", "nascido em",
// "data di nascita", "geboren am", "geb.", "Geburtsdatum", "geboortedatum", "date de naissance",
// "urodzona", "data urodzenia", "ur.", "lahir", "tanggal lahir", "doğum tarihi", "fødselsdato".
// Every part is String.raw: in a plain template literal "\\p{L}" loses its backslash, and the class
// "[p{L}p{M}]" then tests the letters p, L, M and braces (so "narrow" passed for "nar.", and an "n" or
// "p" between the word and the date failed it).
const FOREIGN_BIRTH_CONTEXT = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:n(?:ée?s?|ee?s?\s+le)|nat[oa]|nacid[oa]|nascid[oa]|geboren|geb\.|urodzon[ya]|urodzeni|ur\.|lahir|nacimiento|f\.\s?nac\.?|nascimento|nascita|naissance|geburtsdatum|geburtstag|geboortedatum|urodzenia|doğum(?:\s+tarihi)?|dogum(?:\s+tarihi)?|fødselsdato|födelsedatum|syntymäaika|` +
    // Scandinavian, Finnish, Hungarian, Vietnamese, Czech and Slovak, Romanian, Russian, Hindi, Arabic.
    String.raw`född|født|fødd|syntynyt|syntyi|született|szül\.|sinh ngày|sinh năm|ngày sinh|narozen[aá]?|nar\.|narodil[aá]?|narodená|născut[ăa]?|data nașterii|` +
    String.raw`родил(?:ся|ась)|рожд[её]н(?:н?ая)?|дата рождения|д\.\s?р\.|जन्म(?:तिथि| तिथि| दिनांक)?|تاريخ الميلاد|مواليد|ولد|ولدت)(?![\p{L}\p{M}])[^\n\p{N}]{0,24}$`,
  "iu",
);
// A table column of birth dates: "dob", "date_of_birth", "Date of birth", "birthdate", "born".
const BIRTH_COLUMN =
  /^\s*["']?\s*(?:dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|birthday|born|geburtsdatum|fecha[ _]de[ _]nacimiento|data[ _]de[ _]nascimento|data[ _]di[ _]nascita|date[ _]de[ _]naissance|geboortedatum|data[ _]urodzenia|tanggal[ _]lahir|doğum[ _]tarihi)\s*["']?\s*$/iu;
// Some word of BIRTH_CONTEXT or FOREIGN_BIRTH_CONTEXT: a cheap test before the date scan, which most texts fail.
const BIRTH_WORD =
  /b(?:orn|irth|\.|\s*:)|dob|\bn(?:ée?s?|ee?s?\s+le)(?![a-z])|\bgeb|nat[oa]|nacid|nascid|nasc|urodz|\bur\.|lahir|nacim|f\.\s?nac|naissance|geburt|geboorte|do[gğ]um|fødsel|födelse|syntymä|född|født|fødd|syntyi|syntynyt|született|szül\.|sinh|naroz|nar\.|narod|născut|nașterii|родил|рожд|д\.\s?р\.|г\.\s?р\.|जन्म|الميلاد|مواليد|ولد/i;
// A word of BIRTH_COLUMN: a cheap test before looking for a table. Each is found by BIRTH_WORD too.
const BIRTH_COLUMN_WORD = /\b(?:dob|birth|born|geburt|nacimiento|nascimento|nascita|naissance|geboorte|urodzenia|lahir|doğum)/i;
// Birth wording right after the date: Russian "14.06.1983 г. р." (года рождения).
const BIRTH_AFTER = /^\s?(?:г\.?\s?р\.|года рождения|г\.\s?рожд)/;
const FOUNDING_BIRTH =
  /\b(?:bakery|company|business|shop|store|brand|restaurant|caf[eé]|startup|start-up|idea|project|band|blog|podcast|channel|club|firm|charity|magazine|newsletter|movement|festival|app|product)\s+(?:was|were)\s+born\b[^\n]{0,30}$/i;
const WHOLE_DATE = new RegExp(`^(?:${DATE.source})$`, "i");

/** Dates of birth: a full date (day, month and year) preceded by birth wording, or in a birth-date column of a table; other dates are kept. */
export function findDatesOfBirth(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Every date form below has a day or month number and a year: three digits at least ("Apr 1 '82").
  if (digitFacts(text).digits < 3) return out;
  // Birth wording, before a date or naming a table's column (BIRTH_COLUMN_WORD's words are among
  // BIRTH_WORD's): without it, no date is a birth date.
  if (!BIRTH_WORD.test(text)) return out;
  const dates: Array<[number, number]> = [];
  // exec, not matchAll, which copies the pattern on every call.
  DATE.lastIndex = 0;
  for (let m = DATE.exec(text); m; m = DATE.exec(text)) dates.push([m.index, m.index + m[0].length]);
  const found = dates.length;
  if (OTHER_LANGUAGE_DATE_PRE.test(text)) {
    OTHER_LANGUAGE_DATE.lastIndex = 0;
    for (let m = OTHER_LANGUAGE_DATE.exec(text); m; m = OTHER_LANGUAGE_DATE.exec(text)) {
      const s0 = m.index,
        e0 = m.index + m[0].length;
      let clash = false;
      for (let k = 0; k < found; k++) if (dates[k]![0] < e0 && s0 < dates[k]![1]) clash = true;
      if (!clash) dates.push([s0, e0]);
    }
  }
  if (/\d\.\s?\p{L}/u.test(text)) {
    HU_DATE.lastIndex = 0;
    for (let m = HU_DATE.exec(text); m; m = HU_DATE.exec(text)) {
      const s0 = m.index,
        e0 = m.index + m[0].length;
      if (!dates.some(([a, b]) => a < e0 && s0 < b)) dates.push([s0, e0]);
    }
  }
  if (dates.length > found) dates.sort((a, b) => a[0] - b[0]);
  for (const [start, end] of dates) {
    const before = text.slice(Math.max(0, start - 45), start);
    if (!BIRTH_CONTEXT.test(before) && !FOREIGN_BIRTH_CONTEXT.test(before) && !BIRTH_AFTER.test(text.slice(end, end + 20))) continue;
    // "Our bakery was born on 3 March 2011": a firm's or a project's founding, not a person's birth.
    if (FOUNDING_BIRTH.test(before)) continue;
    out.push({ type: "DATE_OF_BIRTH", start, end, confidence: 0.9 });
  }
  // A table has rows below its header line.
  if (text.includes("\n") && BIRTH_COLUMN_WORD.test(text)) findBirthColumns(text, out);
  return out;
}

/**
 * CSV, TSV or pipe tables whose header names a birth-date column: the dates below it are births,
 * though no wording stands beside each ("id,name,email,dob\n17,Ana,ana@x.io,1993-02-28").
 */
function findBirthColumns(text: string, out: Candidate[]): void {
  const lines: Array<{ start: number; text: string }> = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: at, text: text.slice(at, end) });
    at = end + 1;
  }
  for (let h = 0; h < lines.length; h++) {
    const header = lines[h]!.text;
    const sep = [",", ";", "\t", "|"].find((s) => header.includes(s));
    if (!sep) continue;
    const cols = header.split(sep);
    const col = cols.findIndex((c) => BIRTH_COLUMN.test(c));
    if (col < 0) continue;
    // The rows below, while they keep the header's shape.
    for (let r = h + 1; r < lines.length; r++) {
      const row = lines[r]!;
      const cells = row.text.split(sep);
      if (cells.length !== cols.length) break;
      let offset = row.start;
      for (let c = 0; c < col; c++) offset += cells[c]!.length + sep.length;
      const cell = cells[col]!;
      const lead = cell.length - cell.trimStart().length;
      const value = cell.trim().replace(/^["']|["']$/g, "");
      if (!WHOLE_DATE.test(value)) continue;
      const start = offset + cell.indexOf(value, lead);
      if (!out.some((o) => o.start === start)) out.push({ type: "DATE_OF_BIRTH", start, end: start + value.length, confidence: 0.85 });
    }
  }
}
