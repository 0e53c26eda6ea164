/**
 * Seeded synthetic rankings for benchmarks and tests: tasks of K = 4..9 outputs from several
 * models of different quality, each ranked (with ties) and rated by 2–3 of a pool of labelers of
 * different care, some of whom favour the output shown first. Same seed, same data.
 */
import { Mulberry32 } from "./random";
import type { RankingRecord } from "./types";

export type SyntheticOptions = {
  /** Size of the labeler pool (default 200). */
  labelers?: number;
  /** Number of models (default 6). */
  models?: number;
  /** Share of tasks that are gold, with a reference ranking. */
  goldShare?: number;
  /** Number of time buckets (weeks) the tasks are spread over. */
  weeks?: number;
};

export type SyntheticRankings = {
  records: RankingRecord[];
  /** modelsByTask[task][p]: model of output p. */
  modelsByTask: Int32Array[];
  /** Reference ranks of the gold tasks. */
  referenceRanksByTask: Map<number, Int32Array>;
  /** Week (bucket) of each task. */
  weekOfTask: Int32Array;
  tasks: number;
};

/** About n rankings (exactly n), over about n / 2.5 tasks, one prompt per task. */
export function generateSyntheticRankings(seed: number, n: number, options: SyntheticOptions = {}): SyntheticRankings {
  const labelerCount = options.labelers ?? 200;
  const modelCount = options.models ?? 6;
  const goldShare = options.goldShare ?? 0.05;
  const weeks = options.weeks ?? 20;
  const rng = new Mulberry32(seed);
  const uniform = () => rng.next();
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const quality = Array.from({ length: modelCount }, (_, m) => m * 0.35);
  const care = Array.from({ length: labelerCount }, () => 0.3 + uniform() * 0.9);
  const firstBonus = Array.from({ length: labelerCount }, () => (uniform() < 0.15 ? 0.6 : 0));

  const records: RankingRecord[] = [];
  const modelsByTask: Int32Array[] = [];
  const referenceRanksByTask = new Map<number, Int32Array>();
  const expectedTasks = Math.max(1, Math.round(n / 2.5));
  const weekOfTask: number[] = [];
  let task = 0;
  while (records.length < n) {
    const k = 4 + Math.floor(uniform() * 6);
    // K distinct models when K ≤ the number of models, then repeats: some models absent from a task.
    const shuffled = shuffle(
      Array.from({ length: modelCount }, (_, m) => m),
      uniform,
    );
    const models = Int32Array.from({ length: k }, (_, p) => (p < modelCount ? shuffled[p]! : Math.floor(uniform() * modelCount)));
    modelsByTask.push(models);
    weekOfTask.push(Math.min(weeks - 1, Math.floor((task / expectedTasks) * weeks)));
    const truth = Array.from(models, (m) => quality[m]! + normal() * 0.5);
    if (uniform() < goldShare) referenceRanksByTask.set(task, ranksOf(truth, 0.4));
    const raters = 2 + (uniform() < 0.5 ? 1 : 0);
    const chosen: number[] = [];
    while (chosen.length < raters) {
      const labeler = Math.floor(uniform() * labelerCount);
      if (!chosen.includes(labeler)) chosen.push(labeler);
    }
    for (const labeler of chosen) {
      if (records.length >= n) break;
      const firstShown = Math.floor(uniform() * k);
      const seen = truth.map((v, p) => v + normal() * care[labeler]! + (p === firstShown ? firstBonus[labeler]! : 0));
      const ranks = ranksOf(seen, 0.5);
      const likerts = Int8Array.from(seen, (v) => Math.max(1, Math.min(7, Math.round(3 + v + normal() * 0.6))));
      records.push({ task, prompt: task, labeler, ranks, likerts, firstShown });
    }
    task++;
  }
  return { records, modelsByTask, referenceRanksByTask, weekOfTask: Int32Array.from(weekOfTask), tasks: task };
}

/** Ranks (0 = best) of scores, higher better; scores within `tie` of the group's best share a group. */
function ranksOf(scores: number[], tie: number): Int32Array {
  const order = scores.map((_, p) => p).sort((a, b) => scores[b]! - scores[a]!);
  const ranks = new Int32Array(scores.length);
  let group = 0;
  let head = scores[order[0]!]!;
  for (const p of order) {
    if (head - scores[p]! > tie) {
      group++;
      head = scores[p]!;
    }
    ranks[p] = group;
  }
  return ranks;
}

function shuffle<T>(items: T[], uniform: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
