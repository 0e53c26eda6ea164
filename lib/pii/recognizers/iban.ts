import { electronicFormatIBAN, ValidationErrorsIBAN, validateIBAN } from "ibantools";
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
  // Two check digits at least.
  if (!/\d\d/.test(text)) return out;
  const re = new RegExp(IBAN_CANDIDATE.source, IBAN_CANDIDATE.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let value = m[0];
    // Shrink from the right: a trailing word may have been swallowed ("… 7654 32 to").
    while (value.length >= 14) {
      const compact = electronicFormatIBAN(value.toUpperCase());
      if (compact && isIbanShaped(compact)) {
        out.push({ type: "IBAN", start: m.index, end: m.index + value.length, confidence: 0.99 });
        // The greedy candidate may have run into the next IBAN: resume right after this one.
        re.lastIndex = m.index + value.length;
        break;
      }
      value = value.slice(0, -1).trimEnd();
    }
    if (value.length < 14) re.lastIndex = m.index + 1;
  }
  return out;
}
