import "server-only";
import { queryTextRows } from "@/lib/db-bulk";
import { decodeCursor } from "@/lib/exports/records";
import { type LabelerStatus, ranksByPosition } from "@/lib/labeling/gold";
import type { RankingRecord } from "@/lib/quality/types";

/*
 * Loads a project's completed rankings in the compact form the quality math takes: dense indexes
 * for tasks, prompts, labelers and models, and per ranking the by-position arrays that submit
 * wrote (Submission.ranks / likerts / flagMasks). One query for the rankings, one for the models
 * of their tasks, one for the gold references: no JSON is parsed.
 */

export type LoadedRanking = RankingRecord & {
  gold: boolean;
  flagMasks: ArrayLike<number>;
  durationMs: number | null;
  createdAt: Date;
};

export type ProjectRankings = {
  records: LoadedRanking[];
  taskIds: string[];
  labelerIds: string[];
  /** Standing per labeler index (a labeler with no row is active). */
  labelerStatus: LabelerStatus[];
  models: string[];
  /** modelsByTask[task][position] = model index. */
  modelsByTask: Int32Array[];
  /** Gold reference ranks by position, per task index (gold tasks only). */
  goldReference: Map<number, number[]>;
};

export type RankingFilter = { split?: "train" | "valid" | "test"; since?: string };

function indexer() {
  const index = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    of(key: string): number {
      let found = index.get(key);
      if (found === undefined) {
        found = keys.length;
        index.set(key, found);
        keys.push(key);
      }
      return found;
    },
  };
}

/** "{3,0,-1}" (PostgreSQL's text form of an int[]) → Int32Array [3, 0, -1]. */
export function parseIntArray(text: string | null): Int32Array {
  if (!text || text.length <= 2) return new Int32Array(0);
  let count = 1;
  for (let i = 1; i < text.length - 1; i++) if (text.charCodeAt(i) === 44) count++;
  const out = new Int32Array(count);
  let index = 0;
  let value = 0;
  let sign = 1;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44 || code === 125) {
      out[index++] = sign * value;
      value = 0;
      sign = 1;
    } else if (code === 45) sign = -1;
    else value = value * 10 + (code - 48);
  }
  return out;
}

/** Dense indexes in the order of the sorted keys: the same rows give the same indexes whatever order they come in. */
function denseIndex(keys: Iterable<string>): { keys: string[]; index: Map<string, number> } {
  const sorted = [...new Set(keys)].sort();
  return { keys: sorted, index: new Map(sorted.map((key, i) => [key, i])) };
}

export async function loadProjectRankings(projectId: string, filter: RankingFilter = {}): Promise<ProjectRankings> {
  const since = filter.since ? decodeCursor(filter.since) : null;
  const values: unknown[] = [projectId];
  let where = `s."projectId" = $1 AND s."kind" = 'ranking' AND cardinality(s."ranks") > 0`;
  if (filter.split) {
    values.push(filter.split);
    where += ` AND p."split" = $${values.length}::"Split"`;
  }
  if (since) {
    values.push(since.txid.toString(), since.id);
    where += ` AND (s."txid", s."id") > ($${values.length - 1}::bigint, $${values.length})`;
  }
  // No ORDER BY (sorting 100k rows by text ids costs more than the read): indexes come from sorted ids.
  const [rows, statuses, outputs, golds] = await Promise.all([
    queryTextRows(
      `SELECT s."taskId", t."promptId", s."labelerId", s."ranks", s."likerts", s."flagMasks", s."firstShown", s."durationMs",
              (extract(epoch FROM s."createdAt") * 1000)::bigint, t."gold"
       FROM "Submission" s JOIN "Task" t ON t."id" = s."taskId" ${filter.split ? `JOIN "Prompt" p ON p."id" = t."promptId"` : ""}
       WHERE ${where}`,
      values,
    ),
    queryTextRows(`SELECT "labelerId", "status" FROM "LabelerQuality" WHERE "projectId" = $1`, [projectId]),
    // Every ranking task's models in position order, joined by the unit separator (read in parallel).
    queryTextRows(
      `SELECT o."taskId", string_agg(o."model", E'\\x1f' ORDER BY o."position")
       FROM "TaskOutput" o WHERE o."taskId" IN (SELECT "id" FROM "Task" WHERE "projectId" = $1 AND "kind" = 'ranking')
       GROUP BY o."taskId"`,
      [projectId],
    ),
    // A retired gold task keeps its reference but scores nobody any more: only current gold tasks.
    queryTextRows(
      `SELECT t."id", t."goldRanking"::text, string_agg(o."id", ' ' ORDER BY o."position")
       FROM "Task" t JOIN "TaskOutput" o ON o."taskId" = t."id"
       WHERE t."projectId" = $1 AND t."gold" AND t."goldRanking" IS NOT NULL
       GROUP BY t."id"`,
      [projectId],
    ),
  ]);

  const tasks = denseIndex(rows.map((row) => row[0]!));
  const prompts = denseIndex(rows.map((row) => row[1]!));
  const labelers = denseIndex(rows.map((row) => row[2]!));
  const statusOf = new Map(statuses.map(([labelerId, status]) => [labelerId!, status as LabelerStatus]));
  const labelerStatus = labelers.keys.map((id) => statusOf.get(id) ?? "active");
  const records: LoadedRanking[] = rows.map((row) => ({
    task: tasks.index.get(row[0]!)!,
    prompt: prompts.index.get(row[1]!)!,
    labeler: labelers.index.get(row[2]!)!,
    ranks: parseIntArray(row[3]!),
    likerts: parseIntArray(row[4]!),
    flagMasks: parseIntArray(row[5]!),
    firstShown: row[6] === null ? undefined : Number(row[6]),
    durationMs: row[7] === null ? null : Number(row[7]),
    createdAt: new Date(Number(row[8])),
    gold: row[9] === "t",
  }));
  // Records in (task, labeler) order, so every figure sees the same sequence for the same rows.
  records.sort((a, b) => a.task - b.task || a.labeler - b.labeler);

  const models = indexer();
  const modelsByTask: Int32Array[] = new Array(tasks.keys.length);
  for (const [taskId, modelList] of outputs) {
    const task = tasks.index.get(taskId!);
    if (task !== undefined) modelsByTask[task] = Int32Array.from(modelList!.split("\x1f"), (model) => models.of(model));
  }
  const goldReference = new Map<number, number[]>();
  for (const [taskId, goldRanking, ids] of golds) {
    const task = tasks.index.get(taskId!);
    if (task !== undefined) goldReference.set(task, ranksByPosition(JSON.parse(goldRanking!) as string[][], ids!.split(" ")));
  }
  return { records, taskIds: tasks.keys, labelerIds: labelers.keys, labelerStatus, models: models.keys, modelsByTask, goldReference };
}
