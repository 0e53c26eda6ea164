import { redact, summarizeFindings } from "@/lib/pii";
import { dedupKey } from "@/lib/prompts/dedup";
import { endUserRef, splitForUser, type Split, type SplitProportions } from "@/lib/prompts/split";
import type { PromptInput, RedactionCount } from "@/lib/prompts/schema";
import { countTokens } from "@/lib/prompts/tokens";

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
      tokenCount: number;
      dedupKey: string;
      userRef: string;
      userLabel: string;
      split: Split;
      category?: PromptInput["category"];
      metadata?: Record<string, unknown>;
      structure?: Record<string, unknown>;
      redactions: RedactionCount[];
    }
  | { ok: false; code: "empty" | "too_long"; reason: string; redactions: RedactionCount[] };

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
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type));
}

/**
 * The pipeline's steps that need no database: redact first (nothing raw goes further), then
 * check the rules on the redacted text, then derive the dedup key, the end user's pseudonym and
 * split. The end-user ID is kept as a label only when it carries no personal data.
 */
/**
 * How an end user is shown to admins: the ID as sent, unless it carries personal data, in which
 * case its redacted form with the start of the pseudonym (so two such users stay apart).
 */
export function endUserLabel(rawId: string, userRef: string): string {
  const { redacted, findings } = redact(rawId);
  return findings.length ? `${redacted} (${userRef.slice(0, 8)})` : rawId;
}

export type PipelineInput = PromptInput & { structure?: Record<string, unknown> };

export function preparePrompt(input: PipelineInput, settings: PipelineSettings): PreparedPrompt {
  const { redacted, findings } = redact(input.text);
  const redactions = summarizeFindings(findings);
  if (!input.text.trim()) return { ok: false, code: "empty", reason: "The prompt is empty.", redactions };
  const tokenCount = countTokens(redacted);
  if (tokenCount > settings.maxPromptTokens) {
    return { ok: false, code: "too_long", reason: `The prompt has ${tokenCount} tokens; the limit is ${settings.maxPromptTokens}.`, redactions };
  }
  const metadataCounts = new Map<string, number>();
  const metadata = input.metadata ? (redactJson(input.metadata, metadataCounts) as Record<string, unknown>) : undefined;
  const structure = input.structure ? (redactJson(input.structure, metadataCounts) as Record<string, unknown>) : undefined;
  const userRef = endUserRef(settings.splitSalt, input.user_id);
  return {
    ok: true,
    text: redacted,
    tokenCount,
    dedupKey: dedupKey(redacted, settings.dedupPrefixWords),
    userRef,
    userLabel: endUserLabel(input.user_id, userRef),
    split: splitForUser(userRef, settings.split),
    category: input.category,
    metadata,
    structure,
    redactions: mergeCounts(redactions, [...metadataCounts].map(([type, count]) => ({ type, count }))),
  };
}
