import { type CountryCode, isValidPhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js";
import { contextAfter, contextBefore, countDigits, digitFacts, digitsOf } from "../text";
import type { Candidate } from "../types";

// Digits in groups separated by one space, dot, dash or slash, optionally led by "+" / "00" and a
// bracketed area code, optionally followed by an extension. Newlines never join groups.
// CJK characters (Han, kana, Hangul) are written without spaces, so one may touch the number on
// either side ("手机+86 139 1734 2268。", "전화010-4827-1935로"): they do not count as a word around it.
// Each group takes all the digits it can and gives none back ("(?=(\d{1,6}))\2" is an atomic
// \d{1,6}): when a candidate failed, trying every other way of cutting its digits into groups cost
// seconds on one run of 48 digits.
// It starts by looking ahead for what a number can start with ("+", "(" or a digit): without that,
// the lookbehinds' Unicode classes were tried at every character of the text (this scan 2.3× as long).
const PHONE_CANDIDATE =
  /(?=[+(\d])(?<![\p{N}_+\-./:]|[^\P{L}\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])(?<!\d,)(?:\+ ?|00)?(?:\(\+?\d{1,4}\) ?)?(?=(\d{1,5}))\1(?:(?:[ .\-/]|\) ?| ?\()?(?=(\d{1,6}))\2\)?){0,7}(?: ?(?:x|ext\.?|extension) ?\d{1,6})?(?![\p{N}_]|[^\P{L}\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[.,\-/]\d)/gu;

// With the same wording in the European languages prompts come in: French "rappeler au", "appelez-moi
// au", "tél." German "erreichbar unter", "ruf mich an unter", Dutch "bereikbaar op", "bel me op",
// Spanish "llámame al", Italian "chiamami al", Portuguese "ligar para".
const PHONE_CONTEXT =
  /\b(phone|telephone|tel|mobile|cell|cellphone|call|calls|calling|fax|office|desk|landline|whatsapp|sms|text me|reach me|contact|answering|messages to|ring|dial|hotline|registered|ph|téléphone|telephone|tél|portable|rappeler|rappelez|rappelle|appeler|appelez|appelle|joindre|joignable|telefon|handy|erreichbar|anrufen|ruf|rufe|rufen|ruft|rufnummer|mobil|bel|bellen|bereikbaar|telefoon|mobiel|teléfono|telefono|móvil|movil|celular|llamar|llama|llame|llámame|llamame|chiamare|chiama|chiami|chiamami|cellulare|telemóvel|telefone|ligar|liga|ligue|zadzwoń|komórka|telefonu)\b|(ph|tel|mob|fax|m|t|p)\.?\s*:|☎|📞/i;
// The same wording in other scripts, which \b does not delimit: Chinese and Japanese (电话, 手机,
// 電話, 携帯), Korean (전화, 연락처, 휴대폰), Russian (тел., телефон), Hindi (फोन, मोबाइल) and Arabic
// (هاتف, جوال). Not the words for "number" alone (号码, 番号, 번호, नंबर, رقم): orders have numbers too.
const PHONE_CONTEXT_OTHER =
  /电话|電話|手机|手機|携帯|ケータイ|联系方式|聯繫方式|連絡先|전화|연락처|휴대폰|핸드폰|тел\.|телефон|мобильн|फ़ोन|फोन|मोबाइल|هاتف|جوال|موبايل/;
// Order, member and tracking numbers in those scripts: "주문번호 …", "注文番号 …", "订单号 …", "номер заказа …".
const NOT_PHONE_CONTEXT_OTHER = /(?:주문|송장|회원|注文|会員|會員|订单|訂單|会员|快递|运单|заказ|накладн|ऑर्डर|طلب)[^\d\n]{0,8}$/;
// "Number" alone names too many things (a detail, an item, a lottery ticket) to make a bare run of
// digits a phone number; it does for a number written in groups or with a country code.
const NUMBER_WORD = /\b(?:number|numéro|nummer|numero)\b/i;
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
  "AT",
  "DE",
  "CN",
  "FI",
  "LU",
  "BR",
  "SE",
  "IE",
  "JP",
  "KR",
  "BG",
  "NL",
  "SK",
  "HR",
  "PL",
  "NZ",
  "IN",
  "ZA",
  "CH",
  "FR",
  "UA",
  "HU",
  "BE",
  "SI",
  "IL",
  "EE",
  "CZ",
  "IT",
  "TR",
  "AR",
  "MX",
  "DK",
  "GR",
  "IS",
  "UY",
  "RO",
  "NO",
  "LT",
  "RU",
  "PT",
  "SG",
  "ES",
  "AU",
  "LV",
  "CY",
  "CA",
  "GB",
  "US",
];

const ARITHMETIC_BEFORE = /(?:[\p{N})\]]|(?:^|\P{L})\p{L}) $/u;
const NON_LATIN = /[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const DATE_LIKE = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/;
const NANP = /^(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?: ?(?:x|ext\.?) ?\d{1,6})?$/;

/**
 * Mobile numbers in the national format of a country whose script the text is written in: Japanese
 * "090-3381-2746", Korean "010-4827-1935", Chinese "139 2618 4407". Their shapes are fixed, and in
 * a text of that script they need no phone wording.
 */
function nationalMobile(bare: string, text: string): boolean {
  if (/^0[789]0[- ]?\d{4}[- ]?\d{4}$/.test(bare)) return /[\u3040-\u30ff]/.test(text);
  if (/^01[016789][- ]?\d{3,4}[- ]?\d{4}$/.test(bare)) return /[\uac00-\ud7af]/.test(text);
  if (/^1[3-9]\d[- ]?\d{4}[- ]?\d{4}$/.test(bare)) return /[\u3400-\u9fff]/.test(text);
  return false;
}

/** isPossiblePhoneNumber(bare, "US") for a number of NANP's shape: ten digits, or eleven after a 1. */
function nanpPossible(digits: string): boolean {
  return digits.length === 10 || (digits.length === 11 && digits.startsWith("1"));
}

/** Wording before a number that makes it something else: "order no.", "ISBN", "$", "注文番号". */
function negativeWordingBefore(text: string, start: number, nonLatin: boolean): boolean {
  return contextBefore(text, start, NOT_PHONE_CONTEXT, 25) || (nonLatin && contextBefore(text, start, NOT_PHONE_CONTEXT_OTHER, 15));
}

function scorePhone(value: string, text: string, start: number, end: number, nonLatin = false, inList = false): number {
  // The number without its extension ("x", "ext" and "extension" all hold an "x").
  const bare = value.includes("x") ? value.replace(/ ?(?:x|ext\.?|extension) ?\d+$/, "") : value;
  const digits = digitsOf(bare);
  if (digits.length < 7 || digits.length > 15) return 0;
  if (/^(\d)\1+$/.test(digits)) return 0;
  if (DATE_LIKE.test(bare)) return 0;
  // Decimal numbers and dotted versions ("3.14159", "1.2.3") are not phone numbers.
  if (/^\d+\.\d+$/.test(bare) || (/^\d{1,3}(\.\d{1,3}){2,}$/.test(bare) && !/^0\d(\.\d\d){4}$/.test(bare))) return 0;
  // Four-digit years in a row ("2019 2020 2021") or a range of years.
  if (/^(1[89]|20)\d{2}([ \-/](1[89]|20)\d{2})+$/.test(bare)) return 0;

  const grouped = /[ .\-/()]/.test(bare);
  const hasContext =
    contextBefore(text, start, PHONE_CONTEXT, 40) ||
    ((grouped || /^(\+|00)/.test(bare)) && contextBefore(text, start, NUMBER_WORD, 40)) ||
    contextAfter(text, end, PHONE_CONTEXT_AFTER, 15) ||
    (nonLatin && contextBefore(text, start, PHONE_CONTEXT_OTHER, 20)) ||
    nationalMobile(bare, text);
  const worded = hasContext || inList;
  // Negative wording is asked here of worded numbers only, which always need it; of the others at the
  // end (most return 0.2 before, which no negative wording changes).
  const negative = worded && negativeWordingBefore(text, start, nonLatin);
  // With phone wording and no negative wording, an international number that is possible and a
  // North American one of the plan's shape score 0.97 (the cap) whether or not libphonenumber finds
  // them valid: its validity check, the costliest step, is then skipped.
  const capped = worded && !negative;
  let score = 0;
  if (/^(\+|00)/.test(bare)) {
    const intl = bare.replace(/^00/, "+");
    // North American numbers follow a fixed plan (area and exchange codes start with 2-9); checking
    // it directly saves libphonenumber's search across the 25 countries that share +1.
    if (/^1[2-9]\d\d[2-9]\d{6}$/.test(digits)) score = 0.95;
    else {
      // One parse answers both isValidPhoneNumber and isPossiblePhoneNumber, which would parse twice.
      const parsed = parsePhoneNumberFromString(intl, { extract: false });
      if (capped) score = parsed?.isPossible() || parsed?.isValid() ? 0.95 : 0.45;
      else score = parsed?.isValid() ? 0.95 : parsed?.isPossible() ? 0.8 : 0.45;
    }
  } else if (NANP.test(value) && nanpPossible(digits)) {
    // Area and exchange codes start with 2-9 in every valid number: the plan rules out most
    // made-up numbers ("555-123-4567") before libphonenumber's check.
    const planned = /^1?[2-9]\d\d[2-9]\d{6}$/.test(digits);
    score = planned && (capped || isValidPhoneNumber(bare, "US")) ? 0.85 : 0.7;
  } else if (/^04\d\d[ -]?\d{3}[ -]?\d{3}$/.test(bare) && isValidPhoneNumber(bare, "AU")) {
    // Australian mobiles ("0412 345 678") and UK mobiles ("07700 900123") have a shape of their own.
    score = 0.6;
  } else if (/^07\d{3}[ -]?\d{3}[ -]?\d{3}$/.test(bare) && isValidPhoneNumber(bare, "GB")) {
    score = 0.6;
  } else if (!worded) {
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
      if (!parsed?.isPossible()) continue;
      possible = true;
      if (parsed.isValid()) {
        valid = true;
        break;
      }
    }
    score = valid ? 0.45 : possible ? 0.3 : 0.1;
    if (!grouped) score -= 0.1;
  }
  if (worded) score += 0.35;
  if (worded ? negative : negativeWordingBefore(text, start, nonLatin)) score -= 0.5;
  return Math.max(0, Math.min(score, 0.97));
}

/** Phone numbers in international and national formats, checked with libphonenumber-js and weighed by nearby wording. */
export function findPhones(text: string): Candidate[] {
  const out: Candidate[] = [];
  // A phone number has at least 7 digits (scorePhone gives fewer nothing), all in one candidate.
  if (digitFacts(text).longestPhoneRun < 7) return out;
  const nonLatin = NON_LATIN.test(text);
  const weak: Array<[string, number, number]> = [];
  // exec, not matchAll, which copies the pattern on every call.
  PHONE_CANDIDATE.lastIndex = 0;
  for (let m = PHONE_CANDIDATE.exec(text); m; m = PHONE_CANDIDATE.exec(text)) {
    // Most candidates are short numbers of a sentence ("Apt. 864", "25"), which scorePhone gives nothing.
    if (countDigits(m[0], 7) < 7) continue;
    let value = m[0];
    let start = m.index;
    // An opening bracket left unclosed, or a closing one never opened, belongs to the prose.
    if (value.startsWith("(") === false && value.endsWith(")") && !value.includes("(")) value = value.slice(0, -1);
    if (value.startsWith("(") && !value.includes(")")) {
      value = value.slice(1);
      start++;
    }
    // "0 s + 539114308 ns": a plus with a space after it, after a number or a one-letter term, is a sum.
    if (value.startsWith("+ ") && ARITHMETIC_BEFORE.test(text.slice(Math.max(0, start - 3), start))) continue;
    const end = start + value.length;
    const confidence = scorePhone(value, text, start, end, nonLatin);
    if (confidence > 0) out.push({ type: "PHONE", start, end, confidence });
    if (confidence > 0 && confidence < 0.5 && /^\(0\d{1,4}\) ?\d/.test(value)) weak.push([value, start, end]);
  }
  // A list of phone numbers ("Uwe (Berlin) +49 30 … | Shane (Sydney) (02) 9471 3386"): a national
  // number with a bracketed trunk code, in a list whose other entries are certain phones, is one too.
  if (weak.length > 0 && out.some((c) => c.confidence >= 0.8)) {
    for (const [value, start, end] of weak) {
      const sep = text.slice(Math.max(0, start - 60), start);
      if (!/[|;\n]|,\s/.test(sep) || !out.some((c) => c.confidence >= 0.8 && Math.abs(c.start - start) < 120)) continue;
      const confidence = scorePhone(value, text, start, end, nonLatin, true);
      const i = out.findIndex((c) => c.start === start);
      if (i >= 0 && confidence >= 0.5) out[i] = { type: "PHONE", start, end, confidence };
    }
  }
  return out;
}
