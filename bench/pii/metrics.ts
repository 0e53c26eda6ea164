// Scoring shared by the PII bench and the fixture tests. An entity counts as caught only when no
// letter or digit of it survives in the redacted text; survival is read off the redacted text
// itself (a token-level longest common subsequence with the original), so every redactor is judged
// the same way whether or not it reports offsets.

export type Span = { start: number; end: number; type: string };

type Tok = { start: number; end: number; text: string };
// Placeholders ("<PHONE_1>", "[NAME_4738]", "CREDIT_CARD_NUMBER") are one opaque token, so that
// their digits never pass for surviving digits of the original.
const TOKEN = /<[A-Z][A-Z_]*_\d+>|\[[A-Z][A-Z_]*(?:_\d+)?\]|\b[A-Z]+(?:_[A-Z0-9]+)+\b|\p{L}+|\p{N}+|[^\s\p{L}\p{N}]/gu;

function tokenize(s: string): Tok[] {
  return [...s.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/** Per original character: true when the redacted text kept it (token-level LCS alignment). */
export function survivingChars(original: string, redacted: string): Uint8Array {
  const a = tokenize(original);
  const b = tokenize(redacted);
  const n = a.length;
  const m = b.length;
  const dp = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] =
        a[i]!.text === b[j]!.text ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
    }
  }
  const kept = new Uint8Array(original.length);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.text === b[j]!.text) {
      for (let k = a[i]!.start; k < a[i]!.end; k++) kept[k] = 1;
      i++;
      j++;
    } else if (dp[(i + 1) * (m + 1) + j]! >= dp[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** True when no letter or digit inside [start, end) survived. */
export function isCaught(original: string, kept: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (kept[k] && /[\p{L}\p{N}]/u.test(original[k]!)) return false;
  return true;
}

/** Maximal runs of removed letters/digits: what a redactor without offsets took out. */
export function removedRegions(original: string, kept: Uint8Array): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let k = 0;
  while (k < original.length) {
    if (!kept[k] && /[\p{L}\p{N}]/u.test(original[k]!)) {
      const start = k;
      let end = k + 1;
      // Bridge spaces and punctuation inside a removed stretch.
      let look = end;
      while (look < original.length && (!kept[look] || !/[\p{L}\p{N}]/u.test(original[look]!))) {
        if (!kept[look] && /[\p{L}\p{N}]/u.test(original[look]!)) end = look + 1;
        else if (kept[look] && /[\p{L}\p{N}]/u.test(original[look]!)) break;
        look++;
        if (look - end > 3) break;
      }
      out.push({ start, end });
      k = end;
    } else k++;
  }
  return out;
}

export function f2(p: number, r: number): number {
  return p + r === 0 ? 0 : (5 * p * r) / (4 * p + r);
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Parses "text with [[TYPE:value]] markers" into plain text and gold spans. */
export function parseMarked(marked: string): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let text = "";
  let last = 0;
  for (const m of marked.matchAll(/\[\[([A-Z_]+):(.+?)\]\]/gs)) {
    text += marked.slice(last, m.index);
    spans.push({ type: m[1]!, start: text.length, end: text.length + m[2]!.length });
    text += m[2];
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  return { text, spans };
}
