/**
 * Position bias: labelers favouring the output shown first. Each ranking records which output was
 * displayed first; with no bias it lands in the top tie group as often as chance gives, which is
 * |top group| / K for that ranking (more ties at the top, more often "first").
 */
import type { RankingRecord } from "./types";

export type PositionBias = {
  /** Share of the labeler's rankings whose first-displayed output is in the top tie group. */
  firstShownRankedFirst: number;
  /** What chance gives: the mean over those rankings of |top group| / K. */
  expected: number;
  /** Rankings with a recorded first-displayed output. */
  n: number;
};

/**
 * Per labeler, over every ranking with a valid `firstShown`: the share whose first-displayed output
 * is in the top group, beside the chance level. Labelers with no such ranking are not listed.
 */
export function positionBias(records: readonly RankingRecord[]): Map<number, PositionBias> {
  const tally = new Map<number, { hits: number; chance: number; n: number }>();
  for (const record of records) {
    const first = record.firstShown;
    const ranks = record.ranks;
    const k = ranks.length;
    if (first === undefined || !Number.isInteger(first) || first < 0 || first >= k) continue;
    let top = Number.POSITIVE_INFINITY;
    for (let p = 0; p < k; p++) top = Math.min(top, ranks[p]!);
    let topSize = 0;
    for (let p = 0; p < k; p++) if (ranks[p] === top) topSize++;
    let entry = tally.get(record.labeler);
    if (!entry) tally.set(record.labeler, (entry = { hits: 0, chance: 0, n: 0 }));
    if (ranks[first] === top) entry.hits++;
    entry.chance += topSize / k;
    entry.n++;
  }
  const result = new Map<number, PositionBias>();
  for (const labeler of [...tally.keys()].sort((a, b) => a - b)) {
    const { hits, chance, n } = tally.get(labeler)!;
    result.set(labeler, { firstShownRankedFirst: hits / n, expected: chance / n, n });
  }
  return result;
}
