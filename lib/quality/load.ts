import "server-only";
import { db } from "@/lib/db";
import { decodeCursor } from "@/lib/exports/records";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LabelerStatus } from "@/lib/labeling/gold";
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

type Row = {
  taskId: string;
  promptId: string;
  labelerId: string;
  ranks: number[];
  likerts: number[];
  flagMasks: number[];
  firstShown: number | null;
  durationMs: number | null;
  createdAt: Date;
  gold: boolean;
  status: LabelerStatus | null;
};

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

export async function loadProjectRankings(projectId: string, filter: RankingFilter = {}): Promise<ProjectRankings> {
  const since = filter.since ? decodeCursor(filter.since) : null;
  const rows = await db.$queryRaw<Row[]>`
    SELECT s."taskId", t."promptId", s."labelerId", s."ranks", s."likerts", s."flagMasks", s."firstShown", s."durationMs",
           s."createdAt", t."gold", q."status"
    FROM "Submission" s
    JOIN "Task" t ON t."id" = s."taskId"
    ${filter.split ? Prisma.sql`JOIN "Prompt" p ON p."id" = t."promptId" AND p."split" = ${filter.split}::"Split"` : Prisma.empty}
    LEFT JOIN "LabelerQuality" q ON q."projectId" = s."projectId" AND q."labelerId" = s."labelerId"
    WHERE s."projectId" = ${projectId} AND s."kind" = 'ranking' AND cardinality(s."ranks") > 0
      ${since ? Prisma.sql`AND (s."txid", s."id") > (${since.txid}, ${since.id})` : Prisma.empty}
    ORDER BY s."createdAt", s."id"`;

  const tasks = indexer();
  const prompts = indexer();
  const labelers = indexer();
  const labelerStatus: LabelerStatus[] = [];
  const records: LoadedRanking[] = rows.map((row) => {
    const labeler = labelers.of(row.labelerId);
    labelerStatus[labeler] = row.status ?? "active";
    return {
      task: tasks.of(row.taskId),
      prompt: prompts.of(row.promptId),
      labeler,
      ranks: row.ranks,
      likerts: row.likerts,
      flagMasks: row.flagMasks,
      firstShown: row.firstShown ?? undefined,
      gold: row.gold,
      durationMs: row.durationMs,
      createdAt: row.createdAt,
    };
  });

  const models = indexer();
  const modelsByTask: Int32Array[] = new Array(tasks.keys.length);
  const goldReference = new Map<number, number[]>();
  if (tasks.keys.length) {
    const outputs = await db.$queryRaw<{ taskId: string; models: string[]; ids: string[]; goldRanking: string[][] | null }[]>`
      SELECT o."taskId", array_agg(o."model" ORDER BY o."position") AS models, array_agg(o."id" ORDER BY o."position") AS ids,
             -- A retired gold task keeps its reference but scores nobody any more.
             CASE WHEN bool_and(t."gold") THEN (array_agg(t."goldRanking"))[1] END AS "goldRanking"
      FROM "TaskOutput" o JOIN "Task" t ON t."id" = o."taskId"
      WHERE o."taskId" = ANY(${tasks.keys}::text[])
      GROUP BY o."taskId"`;
    for (const output of outputs) {
      const task = tasks.of(output.taskId);
      modelsByTask[task] = Int32Array.from(output.models, (model) => models.of(model));
      if (output.goldRanking) {
        const groupOf = new Map<string, number>();
        output.goldRanking.forEach((group, index) => {
          for (const id of group) groupOf.set(id, index);
        });
        goldReference.set(
          task,
          output.ids.map((id) => groupOf.get(id) ?? 0),
        );
      }
    }
  }
  return { records, taskIds: tasks.keys, labelerIds: labelers.keys, labelerStatus, models: models.keys, modelsByTask, goldReference };
}
