/**
 * Consensus of several rankings of one task, for a "consensus" export: the vote counts of every
 * output pair (soft labels: disagreement is signal) and one aggregate ranking.
 */

export type PairVotes = { a: number; b: number; a_better: number; b_better: number; tied: number };

export type Consensus = {
  /** Aggregate ranking as tie groups of output positions, best first. */
  groups: number[][];
  /** Vote counts of every unordered output pair a < b. */
  pairs: PairVotes[];
  /** Mean fractional rank of each output (1 = best), the key of the aggregate. */
  meanRanks: number[];
};

/**
 * Aggregates rankings (rank arrays of the same K outputs) by mean rank: each output's rank in one
 * ranking is its fractional rank, the mean of the positions its tie group spans (1 + outputs
 * strictly better + ½ · outputs tied with it), averaged over labelers: a Borda count. Outputs with
 * equal mean rank share a group. Why this rule: it treats ties consistently (a tie of two at the
 * top is worth 1.5 each, the same total as ranking them 1 and 2); it does not depend on the order
 * the rankings or outputs come in; and it is what the pair votes sum to, since an output's summed
 * fractional rank is L + Σ over the other outputs of (votes they won against it + ½ · ties), so
 * the aggregate never contradicts the exported vote counts' totals.
 */
export function consensus(rankings: readonly ArrayLike<number>[]): Consensus {
  if (rankings.length === 0) return { groups: [], pairs: [], meanRanks: [] };
  const k = rankings[0]!.length;
  if (rankings.some((ranks) => ranks.length !== k)) throw new Error("Every ranking of a task must rank the same outputs.");
  // Twice the summed fractional ranks: integers, so equal means are found exactly.
  const doubled = new Array<number>(k).fill(0);
  const pairs: PairVotes[] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairs.push({ a, b, a_better: 0, b_better: 0, tied: 0 });
  for (const ranks of rankings) {
    let pair = 0;
    for (let a = 0; a < k; a++) {
      doubled[a]! += 2;
      for (let b = a + 1; b < k; b++, pair++) {
        const d = ranks[a]! - ranks[b]!;
        const votes = pairs[pair]!;
        if (d < 0) {
          votes.a_better++;
          doubled[b]! += 2;
        } else if (d > 0) {
          votes.b_better++;
          doubled[a]! += 2;
        } else {
          votes.tied++;
          doubled[a]! += 1;
          doubled[b]! += 1;
        }
      }
    }
  }
  const order = doubled.map((_, p) => p).sort((x, y) => doubled[x]! - doubled[y]! || x - y);
  const groups: number[][] = [];
  for (const p of order) {
    const last = groups[groups.length - 1];
    if (last && doubled[last[0]!] === doubled[p]) last.push(p);
    else groups.push([p]);
  }
  return { groups, pairs, meanRanks: doubled.map((d) => d / 2 / rankings.length) };
}
