// The `consensus` comparisons format: several labelers' rankings of one task folded into one
// record, with an aggregate ranking and per-pair vote counts. Pure: no Prisma, no Next.
//
// Why vote counts: disagreement between labelers is signal. A reward model trained on the share
// of labelers who preferred a over b ("soft labels") learns more than one trained on a forced
// majority, and a trainer that wants hard labels can still threshold the counts.

/** Votes of the labelers on one unordered output pair; `a` comes before `b` in the task's output order. */
export type PairVotes<Id = number> = { a: Id; b: Id; a_better: number; b_better: number; tied: number };

export type Consensus = {
  /** The aggregate ranking: tie groups of output positions, best first. */
  aggregate: number[][];
  /** Each output's mean fractional rank over the labelers (1 = best), by position. */
  meanRanks: number[];
  /** Every unordered pair of positions a < b, in order (0,1), (0,2), …, (K−2,K−1). */
  pairs: PairVotes[];
};

export const CONSENSUS_METHOD = "mean_rank";

/**
 * Folds rankings of the same K outputs into a consensus. Each ranking is given by position: the
 * tie group (0 = best) of each output; group numbers need only be ordered, not dense.
 *
 * The aggregate is a Borda count on fractional ranks (`mean_rank`): in one ranking an output's
 * rank is the mean of the positions its tie group spans (a tie of two at the top is 1.5 each);
 * outputs are ordered by their mean over the labelers, and equal means are a tie. This rule,
 * rather than e.g. a majority or Kemeny order:
 * - does not depend on the order the rankings (or the outputs) come in, and always exists and is
 *   unique (Kemeny can have several optima; pairwise majority can cycle);
 * - treats ties consistently: a tied group costs the same total rank as any strict order of it,
 *   so a labeler who ties is neither rewarded nor punished against one who orders;
 * - is what the vote counts sum to: an output's fractional rank in one ranking is 1 + (outputs
 *   beating it) + ½·(outputs tied with it), so its mean rank is
 *   1 + Σ over the other outputs of (their wins over it + ½·ties) / labelers, read straight off
 *   `pairs`. The aggregate never says something the exported soft labels do not.
 * Means are compared exactly (on integer sums of doubled ranks), so equal means really tie.
 */
export function aggregateRankings(rankings: readonly (readonly number[])[], k: number): Consensus {
  for (const ranks of rankings) {
    if (ranks.length !== k) throw new Error(`Every ranking must place all ${k} outputs (got ${ranks.length}).`);
  }
  // Twice the summed fractional ranks: 2·(1 + better) + (tied − 1) is an integer.
  const doubled = new Array<number>(k).fill(0);
  const pairs: PairVotes[] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairs.push({ a, b, a_better: 0, b_better: 0, tied: 0 });
  for (const ranks of rankings) {
    let pair = 0;
    for (let a = 0; a < k; a++) {
      doubled[a]! += 2;
      for (let b = a + 1; b < k; b++, pair++) {
        const votes = pairs[pair]!;
        if (ranks[a]! < ranks[b]!) {
          votes.a_better++;
          doubled[b]! += 2;
        } else if (ranks[a]! > ranks[b]!) {
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
  const order = doubled.map((_, position) => position).sort((x, y) => doubled[x]! - doubled[y]! || x - y);
  const aggregate: number[][] = [];
  for (const position of order) {
    const last = aggregate.at(-1);
    if (last && doubled[last[0]!] === doubled[position]) last.push(position);
    else aggregate.push([position]);
  }
  const n = rankings.length;
  return { aggregate, meanRanks: doubled.map((sum) => (n ? sum / 2 / n : 0)), pairs };
}

export type ConsensusTask = {
  task_id: string;
  /** `messages` only for a conversation prompt. */
  prompt: { id: string; text: string; split: string; messages?: { role: string; content: string }[] };
  /** In the task's output order (position 0 first). */
  outputs: { id: string; model: string; text: string }[];
};

/**
 * One `consensus` record: the task (as `group_id`), its prompt and outputs (each with its mean
 * rank), how many rankings it rests on, the aggregate as tie groups of output ids best first,
 * the method, and the vote counts of every output pair (a before b in the output order).
 */
export function toConsensusRecord(task: ConsensusTask, rankings: readonly (readonly number[])[]) {
  const { aggregate, meanRanks, pairs } = aggregateRankings(rankings, task.outputs.length);
  const id = (position: number) => task.outputs[position]!.id;
  return {
    group_id: task.task_id,
    prompt: task.prompt,
    outputs: task.outputs.map((output, position) => ({ ...output, mean_rank: meanRanks[position]! })),
    rankings: rankings.length,
    aggregate: aggregate.map((group) => group.map(id)),
    method: CONSENSUS_METHOD,
    pairs: pairs.map((votes) => ({ ...votes, a: id(votes.a), b: id(votes.b) })),
    split: task.prompt.split,
  };
}
