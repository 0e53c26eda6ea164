// Pure ranking logic, safe in the browser: the label screen imports it. The seeded display order
// needs node:crypto and lives in display-order.ts (server-only).
import type { ErrorIssue } from "@/lib/api/errors";
import type { RankingSubmission } from "@/lib/labeling/schema";

/** The letter an output is shown under: A, B, C… in the labeler's display order. */
export function outputLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * Checks a ranking submission against the task's outputs: every output rated, no unknown ids,
 * and the ranking a complete ordering into tie groups with each output exactly once. Returns the
 * problems, each naming its field; none means valid.
 */
export function validateRankingSubmission(outputIds: readonly string[], submission: RankingSubmission): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const known = new Set(outputIds);
  for (const id of outputIds) {
    if (!submission.ratings[id]) issues.push({ path: `ratings.${id}`, message: "This output has no rating." });
  }
  for (const id of Object.keys(submission.ratings)) {
    if (!known.has(id)) issues.push({ path: `ratings.${id}`, message: "No such output in this task." });
  }
  const seen = new Set<string>();
  submission.ranking.forEach((group, groupIndex) => {
    group.forEach((id, position) => {
      const path = `ranking.${groupIndex}.${position}`;
      if (!known.has(id)) issues.push({ path, message: "No such output in this task." });
      else if (seen.has(id)) issues.push({ path, message: "This output is ranked twice." });
      seen.add(id);
    });
  });
  for (const id of outputIds) {
    if (!seen.has(id)) issues.push({ path: "ranking", message: `Output ${id} is not ranked.` });
  }
  return issues;
}

export type RankingPairs = { pairs: [better: string, worse: string][]; ties: [string, string][] };

/**
 * The C(K,2) comparisons a ranking of K outputs yields: every (better, worse) pair across tie
 * groups, and separately the pairs inside a group, which are ties (a trainer drops them).
 */
export function rankingToPairs(groups: readonly (readonly string[])[]): RankingPairs {
  const pairs: [string, string][] = [];
  const ties: [string, string][] = [];
  groups.forEach((group, g) => {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) ties.push([group[i]!, group[j]!]);
      for (const worseGroup of groups.slice(g + 1)) for (const worse of worseGroup) pairs.push([group[i]!, worse]);
    }
  });
  return { pairs, ties };
}

/**
 * Plain words of an output for a snippet: code fences, line markers (headings, quotes, bullets),
 * emphasis, table pipes and rules dropped. A lone "_" stays: it belongs to names like snake_case
 * and placeholders like <PERSON_1>.
 */
function plainWords(text: string): string[] {
  return text
    .replace(/```[^\n]*/g, " ")
    .replace(/^\s{0,3}(?:#{1,6}|>|[-+*]|\d+\.)\s+/gm, " ")
    .replace(/\*\*|__|[*`|~]|:?-{2,}:?/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n]!.toLowerCase() === b[n]!.toLowerCase()) n++;
  return n;
}

/**
 * A short snippet per output that tells it apart from the others: where outputs open alike
 * ("Great question! Here is…"), each snippet starts, after "…", at its first word that differs
 * from every other output's opening (a little before, to keep six words); otherwise at the
 * start. Cut at a word near `maxChars`.
 */
export function distinguishingSnippets(texts: readonly string[], maxChars = 140): string[] {
  const words = texts.map(plainWords);
  return words.map((own, i) => {
    if (!own.length) return "(empty)";
    const shared = Math.max(0, ...words.map((other, j) => (j === i ? 0 : sharedPrefix(own, other))));
    // A word or two in common is chance; and a snippet keeps six words or so for context.
    const start = shared < 3 ? 0 : Math.min(shared, Math.max(0, own.length - 6));
    let snippet = "";
    for (const word of own.slice(start)) {
      if (snippet && snippet.length + word.length + 1 > maxChars) {
        snippet += "…";
        break;
      }
      snippet += snippet ? ` ${word}` : word;
    }
    return start > 0 ? `…${snippet}` : snippet;
  });
}

export type Contradiction = { better: string; worse: string; betterLikert: number; worseLikert: number };

/**
 * Where a ranking disagrees with the same labeler's ratings: each pair placed in a strictly better
 * rank than an output they rated higher on the Likert scale (ties agree with any ratings). Largest
 * disagreement first. Not an error: a labeler may weigh things the scale does not.
 */
export function rankingContradictions(
  groups: readonly (readonly string[])[],
  likerts: Readonly<Record<string, number | null | undefined>>,
): Contradiction[] {
  const found: Contradiction[] = [];
  for (const [better, worse] of rankingToPairs(groups).pairs) {
    const betterLikert = likerts[better];
    const worseLikert = likerts[worse];
    if (betterLikert != null && worseLikert != null && betterLikert < worseLikert) found.push({ better, worse, betterLikert, worseLikert });
  }
  return found.sort((a, b) => b.worseLikert - b.betterLikert - (a.worseLikert - a.betterLikert));
}

export type OutputAnswer = { rank: number | null; tied: boolean; likert: number | null; flags: string[] };

/**
 * One labeler's answer read per output, for a side-by-side view: the 1-based rank of its tie group
 * (tied when the group holds others), its Likert and flags; nulls for an output they did not rate
 * or rank. Unknown ids in the stored answer are ignored.
 */
export function answerByOutput(
  outputIds: readonly string[],
  ranking: readonly (readonly string[])[],
  ratings: Readonly<Record<string, { likert?: number | null; flags?: readonly string[] } | undefined>>,
): Record<string, OutputAnswer> {
  const out: Record<string, OutputAnswer> = {};
  for (const id of outputIds) {
    const group = ranking.findIndex((ids) => ids.includes(id));
    out[id] = {
      rank: group === -1 ? null : group + 1,
      tied: group !== -1 && ranking[group]!.length > 1,
      likert: ratings[id]?.likert ?? null,
      flags: [...(ratings[id]?.flags ?? [])],
    };
  }
  return out;
}
