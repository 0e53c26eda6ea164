// Small text helpers shared by the recognizers.

/** True when the `window` characters before `start` match `re` (re should be anchored with $ if needed). */
export function contextBefore(text: string, start: number, re: RegExp, window = 40): boolean {
  return re.test(text.slice(Math.max(0, start - window), start));
}

/** True when the `window` characters after `end` match `re`. */
export function contextAfter(text: string, end: number, re: RegExp, window = 25): boolean {
  return re.test(text.slice(end, end + window));
}

/** How many ASCII digits (what \d matches) `text` holds, counting up to `enough`. */
export function countDigits(text: string, enough = Infinity): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) {
    if (isAsciiDigit(text.charCodeAt(k)) && ++n >= enough) return n;
  }
  return n;
}

/**
 * Whether `text` has `length` digits in one run of digits joined by single spaces or dashes
 * ("4111 1111-1111 1111" is a run of 16).
 */
export function hasDigitRun(text: string, length: number): boolean {
  if (countDigits(text, length) < length) return false;
  let run = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (isAsciiDigit(c)) {
      if (++run >= length) return true;
    } else if (!((c === 32 || c === 45) && run > 0 && isAsciiDigit(text.charCodeAt(k + 1)))) {
      run = 0;
    }
  }
  return false;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function digitsOf(s: string): string {
  return s.replace(/\D/g, "");
}
