import { z } from "zod";

/*
 * Building blocks for every schema that reads a caller's strings. PostgreSQL stores neither
 * U+0000 (in text or jsonb) nor a lone UTF-16 surrogate (it has no UTF-8 form): either one would
 * pass a plain z.string() and fail in the database as a 500, taking a whole batch down with it.
 * Byte caps bound what one field can cost before any work is done on it (redaction, dedup,
 * storage); the request body as a whole is capped too (lib/api/http.ts reads it).
 */

/** The most bytes a request body may hold: 1,000 prompts of ~1k tokens each, with room to spare. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** The most UTF-8 bytes a field of each kind may hold. */
export const FIELD_BYTES = {
  /**
   * Prompt, output and demonstration text and project instructions. Above any prompt a project
   * can keep (the largest token limit a project may set, 100,000 tokens, is ~400 KB of English).
   */
  text: 1024 * 1024,
  /** A labeler's note or skip reason, a description, a described use case. */
  note: 16 * 1024,
  /** Names, identifiers, model names, end-user IDs, file names, search terms. */
  name: 1024,
  /** Client metadata on a prompt or an output: its keys and values together. */
  metadata: 64 * 1024,
} as const;

/** How deeply client metadata may nest (objects and arrays); real metadata is a few levels deep. */
export const METADATA_MAX_DEPTH = 16;

// Pairs are one code point under the `u` flag, so \p{Cs} matches only an unpaired surrogate.
const LONE_SURROGATE = /\p{Cs}/u;

/** The UTF-8 length of a string (a lone surrogate counts as the 3 bytes of its replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Why a string cannot be stored as text (a NUL or a lone surrogate), or null when it can. */
export function unstorableCharacter(text: string): string | null {
  if (text.includes("\u0000")) return "Contains a NUL character (U+0000), which cannot be stored; remove it.";
  if (LONE_SURROGATE.test(text)) return "Contains an unpaired UTF-16 surrogate, which is not valid Unicode; send well-formed text.";
  return null;
}

/** Why a string is over `maxBytes` bytes of UTF-8, or null. Cheap for short strings: no count when it cannot be over. */
export function overByteCap(text: string, maxBytes: number): string | null {
  if (text.length * 3 <= maxBytes) return null;
  const bytes = text.length > maxBytes ? text.length : utf8Length(text);
  return bytes > maxBytes ? `Is over ${maxBytes.toLocaleString("en")} bytes (UTF-8); send at most that much.` : null;
}

/**
 * A string of at most `maxBytes` bytes of UTF-8. Prompt text takes only this: its unstorable
 * characters are a per-prompt rejection in the pipeline, not a 422 for the whole batch.
 */
export function cappedString(maxBytes: number) {
  return z.string().superRefine((text, context) => {
    const problem = overByteCap(text, maxBytes);
    if (problem) context.addIssue({ code: "custom", message: problem, continue: false });
  });
}

/** A string PostgreSQL can store (no NUL, no lone surrogate) of at most `maxBytes` bytes; chain trim/min/max as usual. */
export function safeString(maxBytes: number) {
  return z.string().superRefine((text, context) => {
    const problem = overByteCap(text, maxBytes) ?? unstorableCharacter(text);
    if (problem) context.addIssue({ code: "custom", message: problem, continue: false });
  });
}

export type JsonProblem = { path: (string | number)[]; message: string };

/**
 * The first problem in a JSON value for storage as metadata: nesting deeper than `maxDepth`,
 * more than `maxBytes` of keys and values, or a key or string that cannot be stored. Walks with
 * its own stack, so no nesting depth can overflow the call stack.
 */
export function jsonProblem(value: unknown, maxDepth: number, maxBytes: number): JsonProblem | null {
  let bytes = 0;
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: item, path } = stack.pop()!;
    if (typeof item === "string") {
      bytes += utf8Length(item);
      const problem = unstorableCharacter(item);
      if (problem) return { path, message: problem };
    } else if (item !== null && typeof item === "object") {
      if (path.length >= maxDepth) return { path, message: `Nests deeper than ${maxDepth} levels; flatten it.` };
      const entries: [string | number, unknown][] = Array.isArray(item) ? item.map((inner, index) => [index, inner]) : Object.entries(item);
      for (const [key, inner] of entries) {
        if (typeof key === "string") {
          bytes += utf8Length(key);
          const problem = unstorableCharacter(key);
          if (problem) return { path: [...path, key], message: `Its key: ${problem}` };
        }
        stack.push({ value: inner, path: [...path, key] });
      }
    } else bytes += 8; // a number, boolean or null: a few bytes, counted so that a million of them add up
    if (bytes > maxBytes)
      return { path: [], message: `Holds over ${maxBytes.toLocaleString("en")} bytes of keys and values; send at most that much.` };
  }
  return null;
}

/** Client metadata: a JSON object within METADATA_MAX_DEPTH levels and FIELD_BYTES.metadata bytes, storable throughout. */
export const metadataSchema = z
  .record(z.string(), z.unknown())
  .superRefine((value, context) => {
    const problem = jsonProblem(value, METADATA_MAX_DEPTH, FIELD_BYTES.metadata);
    if (problem) context.addIssue({ code: "custom", path: problem.path, message: problem.message });
  })
  .meta({
    description: `A JSON object, stored beside the record (its strings redacted): at most ${METADATA_MAX_DEPTH} levels deep and ${FIELD_BYTES.metadata / 1024} KiB of keys and values.`,
  });
