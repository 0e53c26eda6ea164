/**
 * Position bias: labelers favouring the output shown first. Each ranking records which output was
 * displayed first; with no bias it lands in the top tie group as often as chance gives, which is
 * |top group| / K for that ranking (more ties at the top, more often "first").
 */
import { asTable } from "./rankings";
import type { Rankings } from "./types";

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
export function positionBias(rankings: Rankings): Map<number, PositionBias> {
  const { size, labeler, start, outputs, ranks, firstShown } = asTable(rankings);
  // Tallies by labeler index (dense in practice); others in a map.
  let maxLabeler = -1;
  for (let r = 0; r < size; r++) if (labeler[r]! > maxLabeler) maxLabeler = labeler[r]!;
  const dense = maxLabeler < 4 * size + 1024;
  const hits = new Float64Array(dense ? maxLabeler + 1 : 0);
  const chance = new Float64Array(dense ? maxLabeler + 1 : 0);
  const counts = new Float64Array(dense ? maxLabeler + 1 : 0);
  const sparse = new Map<number, { hits: number; chance: number; n: number }>();
  for (let r = 0; r < size; r++) {
    const first = firstShown[r]!;
    const k = outputs[r]!;
    if (first < 0 || first >= k) continue;
    const at = start[r]!;
    let top = Number.POSITIVE_INFINITY;
    for (let p = 0; p < k; p++) top = Math.min(top, ranks[at + p]!);
    let topSize = 0;
    for (let p = 0; p < k; p++) if (ranks[at + p] === top) topSize++;
    const hit = ranks[at + first] === top ? 1 : 0;
    const who = labeler[r]!;
    if (dense && who >= 0) {
      hits[who]! += hit;
      chance[who]! += topSize / k;
      counts[who]!++;
      continue;
    }
    let entry = sparse.get(who);
    if (!entry) sparse.set(who, (entry = { hits: 0, chance: 0, n: 0 }));
    entry.hits += hit;
    entry.chance += topSize / k;
    entry.n++;
  }
  for (let who = 0; who < counts.length; who++) {
    if (counts[who]) sparse.set(who, { hits: hits[who]!, chance: chance[who]!, n: counts[who]! });
  }
  const result = new Map<number, PositionBias>();
  for (const who of [...sparse.keys()].sort((a, b) => a - b)) {
    const { hits: h, chance: c, n } = sparse.get(who)!;
    result.set(who, { firstShownRankedFirst: h / n, expected: c / n, n });
  }
  return result;
}
