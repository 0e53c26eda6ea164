import { countrySpecs, electronicFormatIBAN, ValidationErrorsIBAN, validateIBAN } from "ibantools";
import { digitFacts } from "../text";
import type { Candidate } from "../types";

// Country code, check digits, then up to 30 alphanumerics in optional groups of one space.
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){10,30}/gu;

/**
 * An IBAN's mod-97 checksum and its country's length and format hold. A failed national check
 * (Belgium's, Spain's, …) does not make it any less an account number someone typed: it is kept.
 */
function isIbanShaped(compact: string): boolean {
  const { errorCodes } = validateIBAN(compact);
  return errorCodes.every((code) => code === ValidationErrorsIBAN.WrongAccountBankBranchChecksum);
}

/** IBANs: the longest prefix of a candidate whose mod-97 checksum and country format (ibantools) hold. */
export function findIbans(text: string): Candidate[] {
  const out: Candidate[] = [];
  // A country code right before two check digits.
  if (!digitFacts(text).letterBeforeTwoDigits) return out;
  IBAN_CANDIDATE.lastIndex = 0;
  for (let m = IBAN_CANDIDATE.exec(text); m; m = IBAN_CANDIDATE.exec(text)) {
    const end = ibanEnd(m[0]);
    if (end > 0) {
      out.push({ type: "IBAN", start: m.index, end: m.index + end, confidence: 0.99 });
      // The greedy candidate may have run into the next IBAN: resume right after this one.
      IBAN_CANDIDATE.lastIndex = m.index + end;
    } else IBAN_CANDIDATE.lastIndex = m.index + 1;
  }
  return out;
}

/** The length of the longest prefix of `candidate` that is an IBAN, or 0. */
function ibanEnd(candidate: string): number {
  // validateIBAN fails an unknown country, and a length other than its country's: only one length
  // is worth its check, where there is a country length (the registry gives every country one).
  const spec = countrySpecs[candidate.slice(0, 2).toUpperCase()];
  if (!spec || !(spec.bban_regexp || spec.chars)) return 0;
  // Shrink from the right: a trailing word may have been swallowed ("… 7654 32 to").
  for (let value = candidate; value.length >= 14; value = value.slice(0, -1).trimEnd()) {
    const compact = electronicFormatIBAN(value.toUpperCase());
    if (!compact || (spec.chars && compact.length !== spec.chars)) continue;
    if (isIbanShaped(compact)) return value.length;
  }
  return 0;
}
