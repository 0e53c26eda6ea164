// Record shapes for each trainer's format. Pure: a completed ranking (or demonstration, or
// prompt) in, the records a trainer reads out.

import type { ComparisonFormat, DemonstrationFormat } from "@/lib/exports/schema";
import { rankingToPairs } from "@/lib/labeling/ranking";

export type RankedOutput = { id: string; model: string; text: string; rank: number; likert: number; flags: string[] };

export type Ranking = {
  group_id: string;
  task_id: string;
  prompt: { id: string; text: string; category: string | null };
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
  return { ...ranking, pairs, tied_pairs: ties };
}

type PairSide = RankedOutput;

function pairRecord(format: ComparisonFormat, ranking: Ranking, chosen: PairSide, rejected: PairSide, tie: boolean) {
  const group_id = ranking.group_id;
  const tieMark = tie ? { tie: true } : {};
  const prompt = ranking.prompt.text;
  switch (format) {
    case "trl":
      return { prompt, chosen: chosen.text, rejected: rejected.text, group_id, ...tieMark };
    case "trl-conversational":
      return {
        prompt: [{ role: "user", content: prompt }],
        chosen: [{ role: "assistant", content: chosen.text }],
        rejected: [{ role: "assistant", content: rejected.text }],
        group_id,
        ...tieMark,
      };
    case "openai":
      return {
        input: { messages: [{ role: "user", content: prompt }] },
        preferred_output: [{ role: "assistant", content: chosen.text }],
        non_preferred_output: [{ role: "assistant", content: rejected.text }],
        group_id,
        ...tieMark,
      };
    case "hh":
      return {
        chosen: `\n\nHuman: ${prompt}\n\nAssistant: ${chosen.text}`,
        rejected: `\n\nHuman: ${prompt}\n\nAssistant: ${rejected.text}`,
        group_id,
        ...tieMark,
      };
    default:
      return {
        group_id,
        prompt,
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
  prompt: { id: string; text: string };
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
      messages: [
        { role: "user", content: row.prompt.text },
        { role: "assistant", content: row.text },
      ],
      group_id: row.group_id,
      split: row.split,
    };
  }
  return {
    prompt: row.prompt.text,
    completion: row.text,
    prompt_id: row.prompt.id,
    group_id: row.group_id,
    labeler: row.labeler,
    split: row.split,
    instructions_version: row.instructions_version,
    created_at: row.created_at,
  };
}
