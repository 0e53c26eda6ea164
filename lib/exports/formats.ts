// Record shapes for each trainer's format. Pure: a completed ranking (or demonstration, or
// prompt) in, the records a trainer reads out.

import type { ComparisonFormat, DemonstrationFormat } from "@/lib/exports/schema";
import { rankingToPairs } from "@/lib/labeling/ranking";
import { type ConversationMessage, renderCompletionPrompt } from "@/lib/prompts/conversation";

/*
 * Conversations: a prompt with `messages` (its redacted turns, the last the user's) keeps them in
 * every format; a plain-text prompt's records are exactly what they were before conversations.
 * - batches, consensus, prompts, pairs: the prompt carries `messages` beside its text (the
 *   role-tagged transcript).
 * - trl-conversational, openai, messages: the turns are the message list, the reply (chosen,
 *   rejected, the demonstration) the assistant turn after them.
 * - trl (standard), sft: the prompt is the transcript ending on an open "Assistant:" cue, and the
 *   reply follows it after a space (" blue.", as in TRL's own prompt/completion examples).
 * - hh: "\n\nHuman: …\n\nAssistant: …" for every turn, then the reply. HH has no system role:
 *   the system messages' text leads the transcript, before the first "\n\nHuman:", which is where
 *   Anthropic's Human/Assistant prompt format puts a system prompt.
 */

/** A prompt as the exports see it: `messages` only for a conversation. */
export type ExportPrompt = { text: string; messages?: ConversationMessage[] };

/** The message list a chat format starts from: the conversation, or the text as one user turn. */
export function promptTurns(prompt: ExportPrompt): ConversationMessage[] {
  return prompt.messages ? prompt.messages.map(({ role, content }) => ({ role, content })) : [{ role: "user", content: prompt.text }];
}

/** A standard (text) prompt and the text its reply is written after: the conversation ends on an "Assistant:" cue. */
function textPrompt(prompt: ExportPrompt): { prompt: string; reply: (text: string) => string } {
  if (!prompt.messages) return { prompt: prompt.text, reply: (text) => text };
  return { prompt: renderCompletionPrompt(prompt.messages), reply: (text) => ` ${text}` };
}

/**
 * The Anthropic HH transcript of a prompt and a reply: "\n\nHuman: …\n\nAssistant: …" per turn,
 * ending on the reply; a conversation's system text leads, before the first Human turn.
 */
export function hhTranscript(prompt: ExportPrompt, reply: string): string {
  if (!prompt.messages) return `\n\nHuman: ${prompt.text}\n\nAssistant: ${reply}`;
  const system = prompt.messages.filter((message) => message.role === "system").map((message) => message.content);
  const turns = prompt.messages
    .filter((message) => message.role !== "system")
    .map((message) => `\n\n${message.role === "user" ? "Human" : "Assistant"}: ${message.content}`);
  return `${system.join("\n\n")}${turns.join("")}\n\nAssistant: ${reply}`;
}

/** The prompt object a record carries, with its messages only when it is a conversation. */
function withMessages<P extends { messages?: ConversationMessage[] }>(prompt: P): P {
  if (prompt.messages) return prompt;
  const { messages: _omitted, ...rest } = prompt;
  return rest as P;
}

export type RankedOutput = { id: string; model: string; text: string; rank: number; likert: number; flags: string[] };

export type Ranking = {
  group_id: string;
  task_id: string;
  prompt: { id: string; text: string; category: string | null; messages?: ConversationMessage[] };
  outputs: RankedOutput[];
  tie_groups: string[][];
  prompt_labels: { category: string | null; flags: string[] };
  labeler: string;
  instructions_version: number;
  split: string;
  note: string | null;
  duration_ms: number | null;
  created_at: string;
};

/**
 * Builds a ranking's outputs with their rank (1 = best; tied outputs share a rank) from the tie
 * groups, in the order the groups list them.
 */
export function rankOutputs(
  groups: string[][],
  outputs: Map<string, { model: string; text: string }>,
  ratings: Record<string, { likert: number; flags: string[] }>,
): RankedOutput[] {
  return groups.flatMap((group, index) =>
    group.map((id) => ({
      id,
      model: outputs.get(id)?.model ?? "",
      text: outputs.get(id)?.text ?? "",
      rank: index + 1,
      likert: ratings[id]?.likert ?? 0,
      flags: ratings[id]?.flags ?? [],
    })),
  );
}

/** InstructGPT-style batch element: one record per ranking, with all of its (better, worse) pairs. */
export function toBatchRecord(ranking: Ranking) {
  const { pairs, ties } = rankingToPairs(ranking.tie_groups);
  return { ...ranking, prompt: withMessages(ranking.prompt), pairs, tied_pairs: ties };
}

type PairSide = RankedOutput;

function pairRecord(format: ComparisonFormat, ranking: Ranking, chosen: PairSide, rejected: PairSide, tie: boolean) {
  const group_id = ranking.group_id;
  const tieMark = tie ? { tie: true } : {};
  const prompt = ranking.prompt.text;
  switch (format) {
    case "trl": {
      const standard = textPrompt(ranking.prompt);
      return {
        prompt: standard.prompt,
        chosen: standard.reply(chosen.text),
        rejected: standard.reply(rejected.text),
        group_id,
        ...tieMark,
      };
    }
    case "trl-conversational":
      return {
        prompt: promptTurns(ranking.prompt),
        chosen: [{ role: "assistant", content: chosen.text }],
        rejected: [{ role: "assistant", content: rejected.text }],
        group_id,
        ...tieMark,
      };
    case "openai":
      return {
        input: { messages: promptTurns(ranking.prompt) },
        preferred_output: [{ role: "assistant", content: chosen.text }],
        non_preferred_output: [{ role: "assistant", content: rejected.text }],
        group_id,
        ...tieMark,
      };
    case "hh":
      return {
        chosen: hhTranscript(ranking.prompt, chosen.text),
        rejected: hhTranscript(ranking.prompt, rejected.text),
        group_id,
        ...tieMark,
      };
    default:
      return {
        group_id,
        prompt,
        ...(ranking.prompt.messages ? { prompt_messages: ranking.prompt.messages } : {}),
        chosen: chosen.text,
        rejected: rejected.text,
        chosen_model: chosen.model,
        rejected_model: rejected.model,
        chosen_rank: chosen.rank,
        rejected_rank: rejected.rank,
        chosen_likert: chosen.likert,
        rejected_likert: rejected.likert,
        tie,
        split: ranking.split,
      };
  }
}

/**
 * One record per (better, worse) pair of a ranking, in the format's own layout, each carrying the
 * ranking's group_id. Tied pairs are left out unless `includeTies`, and then marked `tie: true`
 * (their order inside the pair means nothing). `model` keeps only pairs with an output of it.
 */
export function toPairRecords(
  ranking: Ranking,
  format: Exclude<ComparisonFormat, "batches">,
  options: { includeTies: boolean; model?: string },
) {
  const byId = new Map(ranking.outputs.map((output) => [output.id, output]));
  const { pairs, ties } = rankingToPairs(ranking.tie_groups);
  const all: [string, string, boolean][] = [...pairs.map(([a, b]) => [a, b, false] as [string, string, boolean])];
  if (options.includeTies) all.push(...ties.map(([a, b]) => [a, b, true] as [string, string, boolean]));
  return all
    .map(([a, b, tie]) => [byId.get(a)!, byId.get(b)!, tie] as const)
    .filter(([a, b]) => !options.model || a.model === options.model || b.model === options.model)
    .map(([a, b, tie]) => pairRecord(format, ranking, a, b, tie));
}

export type DemonstrationRow = {
  group_id: string;
  prompt: { id: string; text: string; messages?: ConversationMessage[] };
  text: string;
  labeler: string;
  split: string;
  created_at: string;
  instructions_version: number;
};

/** Supervised fine-tuning data: `sft` as prompt/completion, `messages` as a chat. */
export function toDemonstrationRecord(row: DemonstrationRow, format: DemonstrationFormat) {
  if (format === "messages") {
    return {
      messages: [...promptTurns(row.prompt), { role: "assistant", content: row.text }],
      group_id: row.group_id,
      split: row.split,
    };
  }
  const standard = textPrompt(row.prompt);
  return {
    prompt: standard.prompt,
    completion: standard.reply(row.text),
    prompt_id: row.prompt.id,
    group_id: row.group_id,
    labeler: row.labeler,
    split: row.split,
    instructions_version: row.instructions_version,
    created_at: row.created_at,
  };
}
