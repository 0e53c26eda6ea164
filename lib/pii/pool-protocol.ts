import type { RedactOptions, RedactResult } from "./types";

// What the redaction pool (pool.ts) and its threads (redact-worker.ts) send each other.

export type RedactJob = { id: number; texts: string[]; options?: RedactOptions };

/**
 * A job's results, or the error's message alone (the texts may hold personal data). A text with
 * nothing found comes back as null, not as a copy of itself: most prompts hold no personal data, and
 * copying each one back across threads, with its result object, costs the thread that receives it
 * (the one serving requests) more than the rest of the hand-off.
 */
export type RedactReply = { id: number; results: Array<RedactResult | null> } | { id: number; error: string };

/** The results as a reply carries them: null for a text left as it was. */
export function compactResults(texts: readonly string[], results: readonly RedactResult[]): Array<RedactResult | null> {
  return results.map((result, i) => (result.findings.length === 0 && result.redacted === texts[i] ? null : result));
}

/** The results a reply stands for, given the job's texts. */
export function expandResults(texts: readonly string[], results: ReadonlyArray<RedactResult | null>): RedactResult[] {
  return results.map((result, i) => result ?? { redacted: texts[i]!, findings: [] });
}
