/**
 * Rankings as rank arrays: ranks[p] is the tie-group index of output p (0 = best group). The
 * relation of two outputs is read from the groups: better, worse or tied.
 */
import type { RankingRecord, Rankings, RankingTable } from "./types";

/** i is better than j (lower group), tied with it, or worse: −1, 0 or 1. */
export type Relation = -1 | 0 | 1;

/**
 * Converts tie groups of ids, best first, into ranks by output position: ranks[p] is the index of
 * the group that holds ids[p]. Empty groups are skipped, so group indices stay dense. Throws when
 * an id is missing from the groups, appears twice, or a group names an id that is not an output.
 */
export function ranksFromGroups(groups: readonly (readonly string[])[], ids: readonly string[]): number[] {
  const position = new Map<string, number>();
  ids.forEach((id, p) => {
    if (position.has(id)) throw new Error(`Output id ${id} is listed twice.`);
    position.set(id, p);
  });
  const ranks = new Array<number>(ids.length).fill(-1);
  let rank = 0;
  for (const group of groups) {
    if (group.length === 0) continue;
    for (const id of group) {
      const p = position.get(id);
      if (p === undefined) throw new Error(`Ranked id ${id} is not one of the outputs.`);
      if (ranks[p] !== -1) throw new Error(`Output ${id} is ranked twice.`);
      ranks[p] = rank;
    }
    rank++;
  }
  const missing = ranks.indexOf(-1);
  if (missing !== -1) throw new Error(`Output ${ids[missing]} is not ranked.`);
  return ranks;
}

/** The relation of outputs i and j in one ranking, from their tie groups. */
export function relation(ranks: ArrayLike<number>, i: number, j: number): Relation {
  const d = ranks[i]! - ranks[j]!;
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/**
 * Completed rankings grouped by task, keeping one ranking per (task, labeler): the first one
 * given. A labeler who somehow ranked a task twice is one labeler, not a pair that agrees with
 * itself. Tasks are in ascending order; records of a task keep their input order.
 */
export type TaskGroups = {
  /** Task index of each group. */
  task: Int32Array;
  /** Group g holds record indices record[start[g]..start[g + 1]). */
  start: Int32Array;
  /** Record indices (into the records array) grouped by task. */
  record: Int32Array;
};

export function groupByTask(rankings: Rankings): TaskGroups {
  const { task: taskOf, labeler: labelerOf } = asTable(rankings);
  const order = stableOrder(taskOf);
  const task: number[] = [];
  const start: number[] = [];
  const kept = new Int32Array(order.length);
  let count = 0;
  let i = 0;
  while (i < order.length) {
    const t = taskOf[order[i]!]!;
    task.push(t);
    start.push(count);
    const first = count;
    for (; i < order.length && taskOf[order[i]!] === t; i++) {
      const labeler = labelerOf[order[i]!]!;
      let seen = false;
      for (let k = first; k < count; k++) if (labelerOf[kept[k]!] === labeler) seen = true;
      if (!seen) kept[count++] = order[i]!;
    }
  }
  start.push(count);
  return { task: Int32Array.from(task), start: Int32Array.from(start), record: kept.slice(0, count) };
}

/**
 * Indices 0..n-1 ordered by their keys, ties in input order: a counting sort for small
 * non-negative integer keys (the dense indexes used here), a comparison sort otherwise.
 */
export function stableOrder(keys: ArrayLike<number>): Int32Array {
  const n = keys.length;
  let max = 0;
  let dense = true;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!(Number.isInteger(k) && k >= 0)) dense = false;
    else if (k > max) max = k;
  }
  const order = new Int32Array(n);
  if (!dense || max > 4 * n + 1024) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  }
  const start = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) start[keys[i]! + 1]!++;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  for (let i = 0; i < n; i++) order[start[keys[i]!]!++] = i;
  return order;
}

/** The rankings as a table (records are copied into one; a table is returned as it is). */
export function asTable(rankings: Rankings): RankingTable {
  return "size" in rankings ? rankings : tableOf(rankings);
}

/**
 * Records as a table. Ratings are kept for the ranked positions (a missing or non-positive one is
 * 0, absent); a first-shown position that is not an integer is −1. Task, prompt and labeler must be
 * integers that fit in 32 bits.
 */
export function tableOf(records: readonly RankingRecord[]): RankingTable {
  const size = records.length;
  const task = new Int32Array(size);
  const prompt = new Int32Array(size);
  const labeler = new Int32Array(size);
  const start = new Int32Array(size);
  const outputs = new Int32Array(size);
  const firstShown = new Int32Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) total += records[r]!.ranks.length;
  const ranks = new Int32Array(total);
  const likerts = new Int32Array(total);
  let at = 0;
  for (let r = 0; r < size; r++) {
    const record = records[r]!;
    if ((record.task | 0) !== record.task || (record.prompt | 0) !== record.prompt || (record.labeler | 0) !== record.labeler)
      throw new RangeError("task, prompt and labeler must be 32-bit integers");
    task[r] = record.task;
    prompt[r] = record.prompt;
    labeler[r] = record.labeler;
    const k = record.ranks.length;
    start[r] = at;
    outputs[r] = k;
    const first = record.firstShown;
    firstShown[r] = first !== undefined && Number.isInteger(first) && first >= 0 && first < 2 ** 31 ? first : -1;
    const ratings = record.likerts;
    for (let p = 0; p < k; p++) {
      ranks[at + p] = record.ranks[p]!;
      const v = ratings && p < ratings.length ? ratings[p]! : 0;
      likerts[at + p] = Math.max(v, 0);
    }
    at += k;
  }
  return { size, task, prompt, labeler, start, outputs, ranks, likerts, firstShown };
}

/** The rows of a table whose indices are listed, in that order (sharing its ranks and ratings). */
export function selectRows(table: RankingTable, rows: ArrayLike<number>): RankingTable {
  const size = rows.length;
  const pick = (column: Int32Array) => {
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = column[rows[i]!]!;
    return out;
  };
  return {
    size,
    task: pick(table.task),
    prompt: pick(table.prompt),
    labeler: pick(table.labeler),
    start: pick(table.start),
    outputs: pick(table.outputs),
    ranks: table.ranks,
    likerts: table.likerts,
    firstShown: pick(table.firstShown),
  };
}
