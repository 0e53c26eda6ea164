import { unstorableCharacter } from "@/lib/input/schema";
import { type RedactResult, redact, summarizeFindings } from "@/lib/pii";
import { type ConversationMessage, renderTranscript } from "@/lib/prompts/conversation";
import { conversationRedactionText, splitConversationRedaction } from "@/lib/prompts/conversation-redact";
import { conversationDedupKey, dedupKey } from "@/lib/prompts/dedup";
import type { PromptInput, RedactionCount } from "@/lib/prompts/schema";
import { endUserRef, type Split, type SplitProportions, splitForUser } from "@/lib/prompts/split";
import { countTokens, exceedsTokenLimit } from "@/lib/prompts/tokens";

export type PipelineSettings = {
  dedupPrefixWords: number;
  maxPromptTokens: number;
  splitSalt: string;
  split: SplitProportions;
  /** Leave well-known public figures' names in the prompt (the project setting keepPublicFigures). */
  keepPublicFigures: boolean;
};

/** A prompt after the CPU-only steps of the pipeline: validated, redacted, keyed. */
export type PreparedPrompt =
  | {
      ok: true;
      /** The redacted text; for a conversation, the role-tagged transcript of its redacted messages. */
      text: string;
      /** A conversation's redacted messages; absent for a text prompt. */
      messages?: ConversationMessage[];
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

/**
 * How a text is redacted: `redact` itself, or a lookup of results the worker pool worked out
 * beforehand (lib/pii/pool.ts redactorFor), for the strings stringsToRedact names.
 */
export type Redactor = (text: string) => RedactResult;

/** `redact` on this thread, as the project's settings ask: for scripts and tests; servers use the pool. */
const redactorOf =
  (settings: Pick<PipelineSettings, "keepPublicFigures">): Redactor =>
  (text) =>
    redact(text, { keepPublicFigures: settings.keepPublicFigures });

/** Redacts every string inside client metadata too: it is stored beside the prompt. */
export function redactJson(value: unknown, counts: Map<string, number>, redactor: Redactor = redact): unknown {
  if (typeof value === "string") {
    const result = redactor(value);
    for (const { type, count } of summarizeFindings(result.findings)) counts.set(type, (counts.get(type) ?? 0) + count);
    return result.redacted;
  }
  if (Array.isArray(value)) return value.map((item) => redactJson(item, counts, redactor));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactJson(item, counts, redactor)]));
  }
  return value;
}

/** Every string redactJson redacts in `value`, appended to `into`. */
export function stringsInJson(value: unknown, into: string[]): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsInJson(item, into);
  else if (value && typeof value === "object") for (const item of Object.values(value)) stringsInJson(item, into);
  return into;
}

function mergeCounts(...lists: RedactionCount[][]): RedactionCount[] {
  // Most prompts have at most one kind of finding, in one list: nothing to add up or sort.
  const nonEmpty = lists.filter((list) => list.length);
  if (nonEmpty.length <= 1 && (nonEmpty[0]?.length ?? 0) <= 1) return nonEmpty[0] ?? [];
  const counts = new Map<string, number>();
  for (const list of lists) for (const { type, count } of list) counts.set(type, (counts.get(type) ?? 0) + count);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => (a.type < b.type ? -1 : 1));
}

/**
 * How an end user is shown to admins: the ID as sent, unless it carries personal data, in which
 * case its redacted form with the start of the pseudonym (so two such users stay apart).
 */
export function endUserLabel(rawId: string, userRef: string, redactor: Redactor = redact): string {
  const { redacted, findings } = redactor(rawId);
  return findings.length ? `${redacted} (${userRef.slice(0, 8)})` : rawId;
}

// One end user sends many prompts, so their pseudonym and label (an HMAC and a redaction) are
// remembered per project salt and ID; the memo is emptied when full rather than tracking age.
const knownEndUsers = new Map<string, { userRef: string; userLabel: string }>();
const KNOWN_END_USERS_LIMIT = 50_000;

/** An end user's pseudonym and label, as prepareAdmitted stores them. */
export type EndUserIdentity = { userRef: string; userLabel: string };

function endUserOf(salt: string, endUserId: string, redactor: Redactor): EndUserIdentity {
  return knownEndUser(salt, endUserId) ?? rememberEndUser(salt, endUserId, redactor);
}

/** The end user's pseudonym and label if this process has worked them out lately (no redaction needed). */
export function knownEndUser(salt: string, endUserId: string): EndUserIdentity | undefined {
  return knownEndUsers.get(`${salt}\u0000${endUserId}`);
}

/** Works out an end user's pseudonym and label (redacting the ID with `redactor`) and remembers them. */
export function rememberEndUser(salt: string, endUserId: string, redactor: Redactor): EndUserIdentity {
  if (knownEndUsers.size >= KNOWN_END_USERS_LIMIT) knownEndUsers.clear();
  const userRef = endUserRef(salt, endUserId);
  const known = { userRef, userLabel: endUserLabel(endUserId, userRef, redactor) };
  knownEndUsers.set(`${salt}\u0000${endUserId}`, known);
  return known;
}

export type PipelineInput = PromptInput & { structure?: Record<string, unknown> };

// Past this many bytes a refused prompt's reason says it is over the limit instead of counting
// its every token: counting is work, and the prompt is refused either way.
const COUNT_SHOWN_UP_TO_BYTES = 64 * 1024;

/**
 * The rules that need no redaction, checked before any: a prompt PostgreSQL could not store, an
 * empty one, or one over the token limit as sent is refused without its text being read further.
 * A megabyte of text then costs a token count up to the limit, not a redaction.
 */
export function refuseBeforeRedaction(input: PipelineInput, settings: PipelineSettings): PreparedPrompt | null {
  if (input.messages) {
    for (const [index, message] of input.messages.entries()) {
      const which = `Message ${index + 1} (${message.role})`;
      const unstorable = unstorableCharacter(message.content);
      if (unstorable) return { ok: false, code: "unstorable", reason: `${which}: ${unstorable}`, redactions: [] };
      if (!message.content.trim()) return { ok: false, code: "empty", reason: `${which} is empty.`, redactions: [] };
    }
  } else {
    const unstorable = unstorableCharacter(input.text ?? "");
    if (unstorable) return { ok: false, code: "unstorable", reason: `The prompt's text: ${unstorable}`, redactions: [] };
    if (!input.text?.trim()) return { ok: false, code: "empty", reason: "The prompt is empty.", redactions: [] };
  }
  const text = sentText(input);
  if (exceedsTokenLimit(text, settings.maxPromptTokens)) return tooLong(text, settings, []);
  return null;
}

/** The prompt's text as sent: its text, or its conversation's role-tagged transcript (which the token limit counts whole). */
function sentText(input: PipelineInput): string {
  return input.messages ? renderTranscript(input.messages) : (input.text ?? "");
}

function tooLong(text: string, settings: PipelineSettings, redactions: RedactionCount[]): PreparedPrompt {
  const limit = settings.maxPromptTokens;
  const reason =
    Buffer.byteLength(text, "utf8") <= COUNT_SHOWN_UP_TO_BYTES
      ? `The prompt has ${countTokens(text)} tokens; the limit is ${limit}.`
      : `The prompt is over the limit of ${limit} tokens.`;
  return { ok: false, code: "too_long", reason, redactions };
}

/**
 * The strings preparePrompt redacts for `input`: its text (a conversation's messages as one text,
 * so that placeholders are numbered across its turns), its end user's ID (unless the caller already
 * has the end user's identity: withUserId false), the strings in its metadata and structure.
 */
export function stringsToRedact(input: PipelineInput, withUserId = true): string[] {
  const strings = [input.messages ? conversationRedactionText(input.messages) : (input.text ?? "")];
  if (withUserId) strings.push(input.user_id);
  if (input.metadata) stringsInJson(input.metadata, strings);
  if (input.structure) stringsInJson(input.structure, strings);
  return strings;
}

/**
 * The pipeline's steps that need no database: the rules that need no redaction first
 * (refuseBeforeRedaction), then redaction (nothing raw goes further), then the token limit again on
 * the redacted text (a placeholder can be longer than what it replaced), then the dedup key, the
 * end user's pseudonym and split. The end-user ID is kept as a label only when it carries no
 * personal data.
 */
export function preparePrompt(input: PipelineInput, settings: PipelineSettings, redactor: Redactor = redactorOf(settings)): PreparedPrompt {
  return refuseBeforeRedaction(input, settings) ?? prepareAdmitted(input, settings, redactor);
}

/**
 * preparePrompt for a prompt that refuseBeforeRedaction has already let through. `endUser` is its
 * end user's identity when the caller has it already (then the ID is not redacted again).
 */
export function prepareAdmitted(
  input: PipelineInput,
  settings: PipelineSettings,
  redactor: Redactor = redactorOf(settings),
  endUser?: EndUserIdentity,
): PreparedPrompt {
  let redacted: string;
  let messages: ConversationMessage[] | undefined;
  let findings: RedactResult["findings"];
  if (input.messages) {
    const result = redactor(conversationRedactionText(input.messages));
    messages = splitConversationRedaction(input.messages, result).messages;
    redacted = renderTranscript(messages);
    findings = result.findings;
  } else {
    ({ redacted, findings } = redactor(input.text ?? ""));
  }
  // Most prompts have no findings: then there is nothing to count.
  const redactions = findings.length ? summarizeFindings(findings) : [];
  if (exceedsTokenLimit(redacted, settings.maxPromptTokens)) return tooLong(redacted, settings, redactions);
  const metadataCounts = new Map<string, number>();
  const metadata = input.metadata ? (redactJson(input.metadata, metadataCounts, redactor) as Record<string, unknown>) : undefined;
  const structure = input.structure ? (redactJson(input.structure, metadataCounts, redactor) as Record<string, unknown>) : undefined;
  const { userRef, userLabel } = endUser ?? endUserOf(settings.splitSalt, input.user_id, redactor);
  return {
    ok: true,
    text: redacted,
    messages,
    dedupKey: messages ? conversationDedupKey(messages, settings.dedupPrefixWords) : dedupKey(redacted, settings.dedupPrefixWords),
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
