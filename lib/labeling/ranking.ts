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
