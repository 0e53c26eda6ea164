import isEmail from "validator/lib/isEmail.js";
import type { Candidate } from "../types";

// A candidate is what /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu would find, found
// from each "@" instead: that pattern started at every character of a text with an "@" and ran to
// the end of its word, and cost twice as much. An address's local part is the run of its characters
// right before the "@" (from where the last address ended, at most), and its domain follows it.
const AT_AFTER_LOCAL_PART = /@(?<=([\p{L}\p{N}._%+'-]+)@)/gu;
const DOMAIN = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy;

// isEmail's length limits are checked here (withinLengthLimits) and it is told to skip them: it
// measures a part's UTF-8 bytes by splitting encodeURI's output with a regex, one match a byte,
// which was most of the cost of checking an address.
const IS_EMAIL_OPTIONS = { allow_utf8_local_part: true, ignore_max_length: true };

/**
 * The limits isEmail applies unless told to ignore them: 254 characters in all, 64 bytes of UTF-8
 * before the "@" and 254 after it, 63 characters a label of the domain. (A candidate has one "@".)
 */
function withinLengthLimits(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.indexOf("@");
  if (utf8Length(address, 0, at) > 64 || utf8Length(address, at + 1, address.length) > 254) return false;
  for (let from = at + 1; ; ) {
    const dot = address.indexOf(".", from);
    const end = dot < 0 ? address.length : dot;
    if (end - from > 63) return false;
    if (dot < 0) return true;
    from = dot + 1;
  }
}

/** UTF-8 bytes of `s` from `start` to `end` (each half of a surrogate pair counts 2 of its 4). */
function utf8Length(s: string, start: number, end: number): number {
  let bytes = 0;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** Email addresses: a loose candidate pattern confirmed by validator's isEmail. */
export function findEmails(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (!text.includes("@")) return out;
  let from = 0;
  // exec, not matchAll, which copies the pattern on every call.
  AT_AFTER_LOCAL_PART.lastIndex = 0;
  for (let m = AT_AFTER_LOCAL_PART.exec(text); m; m = AT_AFTER_LOCAL_PART.exec(text)) {
    const at = m.index;
    let start = Math.max(from, at - m[1]!.length);
    DOMAIN.lastIndex = at + 1;
    if (start === at || !DOMAIN.test(text)) continue;
    from = AT_AFTER_LOCAL_PART.lastIndex = DOMAIN.lastIndex;
    let value = text.slice(start, from);
    // A sentence can end right before the address ("...me.john@x.com" is rare; "'john@x.com" is not).
    while (/^[.'_-]/.test(value)) {
      value = value.slice(1);
      start++;
    }
    if (withinLengthLimits(value) && isEmail(value, IS_EMAIL_OPTIONS)) {
      out.push({ type: "EMAIL", start, end: start + value.length, confidence: 0.99 });
    }
  }
  return out;
}
