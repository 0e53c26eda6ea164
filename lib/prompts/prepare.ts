import { unstorableCharacter } from "@/lib/input/schema";
import { redact, summarizeFindings } from "@/lib/pii";
import { dedupKey } from "@/lib/prompts/dedup";
import type { PromptInput, RedactionCount } from "@/lib/prompts/schema";
import { endUserRef, type Split, type SplitProportions, splitForUser } from "@/lib/prompts/split";
import { countTokens, exceedsTokenLimit } from "@/lib/prompts/tokens";

export type PipelineSettings = {
  dedupPrefixWords: number;
  maxPromptTokens: number;
  splitSalt: string;
  split: SplitProportions;
};

/** A prompt after the CPU-only steps of the pipeline: validated, redacted, keyed. */
export type PreparedPrompt =
  | {
      ok: true;
      text: string;
      dedupKey: string;
      userRef: string;
      userLabel: string;
      split: Split;
      category?: PromptInput["category"];
      metadata?: Record<string, unknown>;
      structure?: Record<string, unknown>;
      redactions: RedactionCount[];
    }
  | { ok: false; code: RejectionCode; reason: string; redactions: RedactionCount[] };

/** Why the pipeline rejects a prompt: counted per code on the pipeline page. */
export type RejectionCode = "empty" | "too_long" | "unstorable";

/** A prepared prompt that passed the rules: it can be kept, unless it is a duplicate or over quota. */
export type ValidPrompt = Extract<PreparedPrompt, { ok: true }>;

/** Redacts every string inside client metadata too: it is stored beside the prompt. */
export function redactJson(value: unknown, counts: Map<string, number>): unknown {
  if (typeof value === "string") {
    const result = redact(value);
    for (const { type, count } of summarizeFindings(result.findings)) counts.set(type, (counts.get(type) ?? 0) + count);
    return result.redacted;
  }
  if (Array.isArray(value)) return value.map((item) => redactJson(item, counts));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactJson(item, counts)]));
  }
  return value;
}

function mergeCounts(...lists: RedactionCount[][]): RedactionCount[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const { type, count } of list) counts.set(type, (counts.get(type) ?? 0) + count);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => (a.type < b.type ? -1 : 1));
}

/**
 * How an end user is shown to admins: the ID as sent, unless it carries personal data, in which
 * case its redacted form with the start of the pseudonym (so two such users stay apart).
 */
export function endUserLabel(rawId: string, userRef: string): string {
  const { redacted, findings } = redact(rawId);
  return findings.length ? `${redacted} (${userRef.slice(0, 8)})` : rawId;
}

// One end user sends many prompts, so their pseudonym and label (an HMAC and a redaction) are
// remembered per project salt and ID; the memo is emptied when full rather than tracking age.
const knownEndUsers = new Map<string, { userRef: string; userLabel: string }>();
const KNOWN_END_USERS_LIMIT = 50_000;

function endUserOf(salt: string, endUserId: string) {
  const key = `${salt}\u0000${endUserId}`;
  let known = knownEndUsers.get(key);
  if (!known) {
    if (knownEndUsers.size >= KNOWN_END_USERS_LIMIT) knownEndUsers.clear();
    const userRef = endUserRef(salt, endUserId);
    known = { userRef, userLabel: endUserLabel(endUserId, userRef) };
    knownEndUsers.set(key, known);
  }
  return known;
}

export type PipelineInput = PromptInput & { structure?: Record<string, unknown> };

/**
 * The pipeline's steps that need no database: redact first (nothing raw goes further), then
 * check the rules on the redacted text, then derive the dedup key, the end user's pseudonym and
 * split. The end-user ID is kept as a label only when it carries no personal data.
 */
export function preparePrompt(input: PipelineInput, settings: PipelineSettings): PreparedPrompt {
  // Before any work on the text: PostgreSQL could not store it, and this prompt alone fails.
  const unstorable = unstorableCharacter(input.text);
  if (unstorable) return { ok: false, code: "unstorable", reason: `The prompt's text: ${unstorable}`, redactions: [] };
  const { redacted, findings } = redact(input.text);
  const redactions = summarizeFindings(findings);
  if (!input.text.trim()) return { ok: false, code: "empty", reason: "The prompt is empty.", redactions };
  if (exceedsTokenLimit(redacted, settings.maxPromptTokens)) {
    const reason = `The prompt has ${countTokens(redacted)} tokens; the limit is ${settings.maxPromptTokens}.`;
    return { ok: false, code: "too_long", reason, redactions };
  }
  const metadataCounts = new Map<string, number>();
  const metadata = input.metadata ? (redactJson(input.metadata, metadataCounts) as Record<string, unknown>) : undefined;
  const structure = input.structure ? (redactJson(input.structure, metadataCounts) as Record<string, unknown>) : undefined;
  const { userRef, userLabel } = endUserOf(settings.splitSalt, input.user_id);
  return {
    ok: true,
    text: redacted,
    dedupKey: dedupKey(redacted, settings.dedupPrefixWords),
    userRef,
    userLabel,
    split: splitForUser(userRef, settings.split),
    category: input.category,
    metadata,
    structure,
    redactions: mergeCounts(
      redactions,
      [...metadataCounts].map(([type, count]) => ({ type, count })),
    ),
  };
}
