import { isPossiblePhoneNumber, isValidPhoneNumber, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { Candidate } from "../types";
import { contextAfter, contextBefore, countDigits, digitsOf } from "../text";

// Digits in groups separated by one space, dot, dash or slash, optionally led by "+" / "00" and a
// bracketed area code, optionally followed by an extension. Newlines never join groups.
const PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}_+\-./:])(?<!\d,)(?:\+ ?|00)?(?:\(\+?\d{1,4}\) ?)?\d{1,5}(?:(?:[ .\-/]|\) ?| ?\()?\d{1,6}\)?){0,7}(?: ?(?:x|ext\.?|extension) ?\d{1,6})?(?![\p{L}\p{N}_]|[.,\-/]\d)/gu;

const PHONE_CONTEXT =
  /\b(phone|telephone|tel|mobile|cell|cellphone|call|calls|calling|fax|office|desk|landline|whatsapp|sms|text me|reach me|contact|answering|messages to|ring|dial|number|hotline|registered|ph)\b|(ph|tel|mob|fax|m|t|p)\.?\s*:|☎|📞/i;
const PHONE_CONTEXT_AFTER = /^\s*[-–(]?\s*(office|fax|mobile|cell|home|work|desk|ext)\b/i;
const NOT_PHONE_CONTEXT =
  /(\b(order|invoice|ticket|isbn|issn|id|account|acct|ref|reference|serial|version|v|zip|postal|code|pin|page|pages|chapter|room|flight|year|years|step|steps|sku|tracking|po|case|card|iban|ssn|number of)\s*(no\.?|number|#)?\s*[:#]?\s*|[$€£¥#×x*=+<>^])$/i;

// National formats are checked against these regions when a number has no "+" prefix: the
// markets prompts come from, most of Europe, and the regions the dev set's numbers are from.
// The answer (valid in any region, else possible in any) does not depend on the order, so the
// regions are tried in order of speed: most permissive first (Austria and Germany accept nine in ten
// digit strings, which ends the search), and the regions that share a calling code (+1, +44), whose
// parse searches every member country and costs five times as much, last.
const REGIONS: CountryCode[] = [
  "AT", "DE", "CN", "FI", "LU", "BR", "SE", "IE", "JP", "BG", "NL", "SK", "HR", "PL", "NZ", "IN",
  "ZA", "CH", "FR", "UA", "HU", "BE", "SI", "IL", "EE", "CZ", "IT", "TR", "AR", "MX", "DK", "GR",
  "IS", "UY", "RO", "NO", "LT", "RU", "PT", "SG", "ES", "AU", "LV", "CY", "CA", "GB", "US",
];

const DATE_LIKE = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/;
const NANP = /^(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?: ?(?:x|ext\.?) ?\d{1,6})?$/;

function scorePhone(value: string, text: string, start: number, end: number): number {
  const digits = digitsOf(value.replace(/(?:x|ext\.?|extension) ?\d+$/, ""));
  if (digits.length < 7 || digits.length > 15) return 0;
  if (/^(\d)\1+$/.test(digits)) return 0;
  const bare = value.replace(/ ?(?:x|ext\.?|extension) ?\d+$/, "");
  if (DATE_LIKE.test(bare)) return 0;
  // Decimal numbers and dotted versions ("3.14159", "1.2.3") are not phone numbers.
  if (/^\d+\.\d+$/.test(bare) || (/^\d{1,3}(\.\d{1,3}){2,}$/.test(bare) && !/^0\d(\.\d\d){4}$/.test(bare))) return 0;
  // Four-digit years in a row ("2019 2020 2021") or a range of years.
  if (/^(1[89]|20)\d{2}([ \-/](1[89]|20)\d{2})+$/.test(bare)) return 0;

  const hasContext = contextBefore(text, start, PHONE_CONTEXT, 40) || contextAfter(text, end, PHONE_CONTEXT_AFTER, 15);
  const negative = contextBefore(text, start, NOT_PHONE_CONTEXT, 25);
  const grouped = /[ .\-/()]/.test(bare);

  let score = 0;
  if (/^(\+|00)/.test(bare)) {
    const intl = bare.replace(/^00/, "+");
    // North American numbers follow a fixed plan (area and exchange codes start with 2-9); checking
    // it directly saves libphonenumber's search across the 25 countries that share +1.
    if (/^1[2-9]\d\d[2-9]\d{6}$/.test(digits)) score = 0.95;
    else if (isValidPhoneNumber(intl)) score = 0.95;
    else if (isPossiblePhoneNumber(intl)) score = 0.8;
    else score = 0.45;
  } else if (NANP.test(value) && isPossiblePhoneNumber(bare, "US")) {
    score = isValidPhoneNumber(bare, "US") ? 0.85 : 0.7;
  } else if (/^04\d\d[ -]?\d{3}[ -]?\d{3}$/.test(bare) && isValidPhoneNumber(bare, "AU")) {
    // Australian mobiles ("0412 345 678") and UK mobiles ("07700 900123") have a shape of their own.
    score = 0.6;
  } else if (/^07\d{3}[ -]?\d{3}[ -]?\d{3}$/.test(bare) && isValidPhoneNumber(bare, "GB")) {
    score = 0.6;
  } else if (!hasContext) {
    // Without phone wording a national number scores at most 0.45, under the 0.5 at which
    // findings are kept: skip checking it against every region (the costliest step by far).
    return 0.2;
  } else {
    let valid = false;
    let possible = false;
    for (const region of REGIONS) {
      // One parse per region answers both questions (isPossiblePhoneNumber and isValidPhoneNumber
      // would each parse again); only a possible number (right length) can be valid.
      const parsed = parsePhoneNumberFromString(bare, { defaultCountry: region, extract: false });
      if (!parsed || !parsed.isPossible()) continue;
      possible = true;
      if (parsed.isValid()) {
        valid = true;
        break;
      }
    }
    score = valid ? 0.45 : possible ? 0.3 : 0.1;
    if (!grouped) score -= 0.1;
  }
  if (hasContext) score += 0.35;
  if (negative) score -= 0.5;
  return Math.max(0, Math.min(score, 0.97));
}

/** Phone numbers in international and national formats, checked with libphonenumber-js and weighed by nearby wording. */
export function findPhones(text: string): Candidate[] {
  const out: Candidate[] = [];
  // A phone number has at least 7 digits (scorePhone gives fewer nothing).
  if (countDigits(text, 7) < 7) return out;
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    let value = m[0];
    let start = m.index;
    // An opening bracket left unclosed, or a closing one never opened, belongs to the prose.
    if (value.startsWith("(") === false && value.endsWith(")") && !value.includes("(")) value = value.slice(0, -1);
    if (value.startsWith("(") && !value.includes(")")) {
      value = value.slice(1);
      start++;
    }
    const end = start + value.length;
    const confidence = scorePhone(value, text, start, end);
    if (confidence > 0) out.push({ type: "PHONE", start, end, confidence });
  }
  return out;
}
