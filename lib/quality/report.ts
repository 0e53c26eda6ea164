import "server-only";
import { db } from "@/lib/db";
import { queryTextRows } from "@/lib/db-bulk";
import { labelerPseudonym } from "@/lib/exports/records";
import type { Project } from "@/lib/generated/prisma/client";
import { ranksByPosition, scoreGoldAnswer } from "@/lib/labeling/gold";
import { OUTPUT_FLAGS } from "@/lib/labeling/schema";
import { agreementReport } from "@/lib/quality/agreement";
import { goldAccuracy } from "@/lib/quality/gold";
import { type LoadedRanking, loadProjectRankings, type ProjectRankings, type RankingFilter } from "@/lib/quality/load";
import { modelReport } from "@/lib/quality/models";
import { positionBias } from "@/lib/quality/position-bias";
import { relation } from "@/lib/quality/rankings";
import type {
  AdminQualityReport,
  Disagreement,
  FigureJson,
  GoldTaskSummary,
  ModelReport,
  OwnStanding,
  QualityReport,
} from "@/lib/quality/report-types";

/*
 * The quality and model reports: rows from lib/quality/load.ts through the pure functions of
 * lib/quality (definitions there). Rankings of gold tasks never count toward agreement or win
 * rates; rankings of blocked or screened-out labelers count toward agreement (the rule:
 * agreement describes everyone's labels) but not toward the model figures.
 */

const EXCLUDED_FROM_MODELS = new Set(["blocked", "failed_screening"]);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Monday of the UTC week `date` falls in, as YYYY-MM-DD. */
function weekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

const NO_FIGURE: FigureJson = { value: null, ci95: null, n: 0 };

/**
 * What the reports depend on, in one cheap read: the rankings (count and newest transaction),
 * the labelers' standings and the set of gold tasks. Two instances that see the same version
 * compute the same report, so each may keep its own copy.
 */
async function dataVersion(projectId: string): Promise<string> {
  const [row] = await queryTextRows(
    `SELECT (SELECT count(*) || ':' || coalesce(max("txid"), 0) FROM "Submission" WHERE "projectId" = $1 AND "kind" = 'ranking'),
            (SELECT coalesce(max("updatedAt")::text, '') FROM "LabelerQuality" WHERE "projectId" = $1),
            (SELECT count(*) || ':' || coalesce(sum(hashtext("id" || coalesce("goldRanking"::text, ''))), 0) FROM "Task" WHERE "projectId" = $1 AND "gold")`,
    [projectId],
  );
  return row!.join("|");
}

// A few recent reports per instance; an entry is used only while the data version is unchanged.
const reportCache = new Map<string, { version: string; value: Promise<unknown> }>();
const CACHE_ENTRIES = 32;

async function cachedReport<T>(key: string, projectId: string, compute: () => Promise<T>): Promise<T> {
  const version = await dataVersion(projectId);
  const hit = reportCache.get(key);
  if (hit?.version === version) return hit.value as Promise<T>;
  const value = compute();
  reportCache.set(key, { version, value });
  value.catch(() => reportCache.delete(key));
  if (reportCache.size > CACHE_ENTRIES) reportCache.delete(reportCache.keys().next().value!);
  return value;
}

async function buildQualityReport(project: Project, data: ProjectRankings) {
  const work = data.records.filter((record) => !record.gold);
  // A task belongs to the week of its last ranking: when its agreement became known.
  const lastOfTask = new Map<number, Date>();
  for (const record of work) {
    const last = lastOfTask.get(record.task);
    if (!last || record.createdAt > last) lastOfTask.set(record.task, record.createdAt);
  }
  const agreement = agreementReport(work, {
    bucketOfTask: (task) => {
      const last = lastOfTask.get(task);
      return last ? weekOf(last) : null;
    },
  });
  const gold = goldAccuracy(
    data.records.filter((record) => record.gold),
    data.goldReference,
  );
  const bias = positionBias(data.records);

  const perTask = new Map<number, number>();
  for (const record of work) perTask.set(record.task, (perTask.get(record.task) ?? 0) + 1);
  const shared = [...perTask.values()].filter((count) => count >= 2);

  // Everyone with a standing in the project, also those who have not ranked anything yet.
  const standings = await db.labelerQuality.findMany({ where: { projectId: project.id }, select: { labelerId: true, status: true } });
  const labelerIds = [...new Set([...data.labelerIds, ...standings.map((standing) => standing.labelerId)])];
  const statusOf = new Map(standings.map((standing) => [standing.labelerId, standing.status]));
  const indexOf = new Map(data.labelerIds.map((id, index) => [id, index]));
  const byLabeler = new Map<number, LoadedRanking[]>();
  for (const record of data.records) {
    const list = byLabeler.get(record.labeler) ?? [];
    list.push(record);
    byLabeler.set(record.labeler, list);
  }

  const labelers = labelerIds.map((labelerId) => {
    const index = indexOf.get(labelerId);
    const own = index === undefined ? [] : (byLabeler.get(index) ?? []);
    const goldFigure = index === undefined ? undefined : gold.get(index);
    const biasFigure = index === undefined ? undefined : bias.get(index);
    return {
      labelerId,
      labeler: labelerPseudonym(project, labelerId),
      status: statusOf.get(labelerId) ?? "active",
      rankings: own.filter((record) => !record.gold).length,
      pairwise_agreement: (index === undefined ? undefined : agreement.pairwise.perLabeler.get(index)) ?? NO_FIGURE,
      gold: { answered: goldFigure?.answered ?? 0, accuracy: goldFigure?.accuracy ?? null },
      position_bias: { first_shown_ranked_first: biasFigure?.firstShownRankedFirst ?? null, expected: biasFigure?.expected ?? null },
      median_duration_ms: median(own.flatMap((record) => (record.durationMs === null ? [] : [record.durationMs]))),
    };
  });

  return {
    overall: {
      pairwise_agreement: agreement.pairwise.overall,
      kendall_tau_b: agreement.tauB,
      likert_alpha: agreement.alpha,
      tasks: shared.length,
      rankings: shared.reduce((sum, count) => sum + count, 0),
    },
    labelers,
    over_time: [...(agreement.overTime ?? [])].map(([week, figure]) => ({ week, pairwise_agreement: figure })),
  };
}

/** GET /api/v1/projects/{slug}/quality: labelers by their export pseudonym only. */
export async function getQualityReport(project: Project): Promise<QualityReport> {
  const report = await cachedReport(`quality:${project.id}`, project.id, async () =>
    buildQualityReport(project, await loadProjectRankings(project.id)),
  );
  return { overall: report.overall, labelers: report.labelers.map(({ labelerId: _id, ...labeler }) => labeler) };
}

/** The admin Quality page: the API's report, who each labeler is, and agreement week by week. */
export async function getAdminQualityReport(project: Project): Promise<AdminQualityReport> {
  const report = await cachedReport(`quality:${project.id}`, project.id, async () =>
    buildQualityReport(project, await loadProjectRankings(project.id)),
  );
  const users = await db.user.findMany({
    where: { id: { in: report.labelers.map((labeler) => labeler.labelerId) } },
    select: { id: true, name: true, email: true },
  });
  const userOf = new Map(users.map((user) => [user.id, user]));
  return {
    overall: report.overall,
    over_time: report.over_time,
    labelers: report.labelers.map(({ labelerId, ...labeler }) => ({
      ...labeler,
      user: userOf.get(labelerId) ?? { id: labelerId, name: null, email: "" },
    })),
  };
}

/**
 * GET /api/v1/projects/{slug}/models: per model its win rate against the baseline, Bradley–Terry
 * score, mean Likert and flag rates, over the rankings that count, sorted by score.
 */
export async function getModelReport(project: Project, options: RankingFilter & { baseline?: string } = {}): Promise<ModelReport> {
  const baselineName = options.baseline ?? project.baselineModel ?? null;
  const key = `models:${project.id}:${baselineName}:${options.split ?? ""}:${options.since ?? ""}`;
  return cachedReport(key, project.id, () => buildModelReport(project, baselineName, options));
}

async function buildModelReport(project: Project, baselineName: string | null, options: RankingFilter): Promise<ModelReport> {
  const data = await loadProjectRankings(project.id, options);
  const counted = data.records.filter((record) => !record.gold && !EXCLUDED_FROM_MODELS.has(data.labelerStatus[record.labeler]!));
  const baseline = baselineName === null ? -1 : data.models.indexOf(baselineName);
  const { winRates, scores } = modelReport(counted, data.modelsByTask, { baseline: baseline >= 0 ? baseline : undefined });

  // Ratings per model: every counted ranking rates each of its outputs once.
  const likertSum = new Float64Array(data.models.length);
  const rated = new Float64Array(data.models.length);
  const seen = new Float64Array(data.models.length);
  const flagged = data.models.map(() => new Float64Array(OUTPUT_FLAGS.length));
  for (const record of counted) {
    const models = data.modelsByTask[record.task]!;
    for (let position = 0; position < models.length; position++) {
      const model = models[position]!;
      seen[model]!++;
      const likert = record.likerts?.[position] ?? 0;
      if (likert > 0) {
        likertSum[model]! += likert;
        rated[model]!++;
      }
      const mask = record.flagMasks[position] ?? 0;
      for (let flag = 0; mask >> flag; flag++) if ((mask >> flag) & 1) flagged[model]![flag]!++;
    }
  }

  const models = data.models
    .map((model, index) => ({ model, index }))
    .filter(({ index }) => seen[index]! > 0)
    .map(({ model, index }) => {
      const win = winRates.get(index);
      const score = scores.get(index);
      return {
        model,
        comparisons: win?.comparisons ?? 0,
        win_rate: win?.winRate ?? null,
        ci95: win?.ci95 ?? null,
        bt_score: score?.score ?? null,
        bt_ci95: score?.ci95 ?? null,
        mean_likert: rated[index]! ? likertSum[index]! / rated[index]! : null,
        flag_rates: Object.fromEntries(OUTPUT_FLAGS.map((flag, bit) => [flag, flagged[index]![bit]! / seen[index]!])),
      };
    })
    .sort((a, b) => (b.bt_score ?? Number.NEGATIVE_INFINITY) - (a.bt_score ?? Number.NEGATIVE_INFINITY) || a.model.localeCompare(b.model));
  return { baseline: baselineName, models };
}

/** Per-task pairwise agreement (no interval: one task is one bootstrap unit), for the review queue. */
function taskAgreement(rankings: LoadedRanking[]): { agree: number; total: number } {
  let agree = 0;
  let total = 0;
  for (let x = 0; x < rankings.length; x++) {
    for (let y = x + 1; y < rankings.length; y++) {
      const a = rankings[x]!.ranks;
      const b = rankings[y]!.ranks;
      for (let i = 0; i < a.length; i++) {
        for (let j = i + 1; j < a.length; j++) {
          total++;
          if (relation(a, i, j) === relation(b, i, j)) agree++;
        }
      }
    }
  }
  return { agree, total };
}

/** Tasks whose labelers disagree most, lowest pairwise agreement first, with their rankings side by side. */
export async function listDisagreements(project: Project, options: { limit?: number } = {}): Promise<Disagreement[]> {
  const data = await loadProjectRankings(project.id);
  const byTask = new Map<number, LoadedRanking[]>();
  for (const record of data.records) {
    if (record.gold) continue;
    const list = byTask.get(record.task) ?? [];
    list.push(record);
    byTask.set(record.task, list);
  }
  const scored = [...byTask]
    .filter(([, rankings]) => rankings.length >= 2)
    .map(([task, rankings]) => ({ task, ...taskAgreement(rankings) }))
    .sort((a, b) => a.agree / a.total - b.agree / b.total || b.total - a.total)
    .slice(0, options.limit ?? 20);
  if (!scored.length) return [];

  const taskIds = scored.map((entry) => data.taskIds[entry.task]!);
  const tasks = await db.task.findMany({
    where: { id: { in: taskIds } },
    select: {
      id: true,
      gold: true,
      prompt: { select: { text: true } },
      outputs: { select: { id: true, model: true, text: true, position: true }, orderBy: { position: "asc" } },
      assignments: {
        where: { submission: { isNot: null } },
        select: { labeler: { select: { id: true, name: true, email: true } }, submission: { select: { ranking: true } } },
      },
    },
  });
  const taskOf = new Map(tasks.map((task) => [task.id, task]));
  return scored.map((entry) => {
    const task = taskOf.get(data.taskIds[entry.task]!)!;
    return {
      task_id: task.id,
      gold: task.gold,
      prompt: task.prompt.text,
      agreement: { value: entry.total ? entry.agree / entry.total : null, ci95: null, n: entry.total },
      outputs: task.outputs,
      rankings: task.assignments.map((assignment) => ({
        labeler: labelerPseudonym(project, assignment.labeler.id),
        name: assignment.labeler.name ?? assignment.labeler.email,
        groups: (assignment.submission?.ranking ?? []) as string[][],
      })),
    };
  });
}

/** The project's gold tasks, newest first, with how many labelers answered and how well. */
export async function listGoldTasks(project: Project): Promise<GoldTaskSummary[]> {
  const rows = await db.$queryRaw<
    { id: string; prompt: string; createdAt: Date; reference: string[][] | null; ids: string[]; answers: number[][] | null }[]
  >`
    SELECT t."id", p."text" AS prompt, t."createdAt", t."goldRanking" AS reference,
           (SELECT array_agg(o."id" ORDER BY o."position") FROM "TaskOutput" o WHERE o."taskId" = t."id") AS ids,
           (SELECT json_agg(s."ranks") FROM "Submission" s WHERE s."taskId" = t."id" AND cardinality(s."ranks") > 0) AS answers
    FROM "Task" t JOIN "Prompt" p ON p."id" = t."promptId"
    WHERE t."projectId" = ${project.id} AND t."gold"
    ORDER BY t."createdAt" DESC, t."id"`;
  return rows.map((row) => {
    const reference = ranksByPosition(row.reference ?? [], row.ids);
    let pairs = 0;
    let correct = 0;
    for (const answer of row.answers ?? []) {
      const score = scoreGoldAnswer(reference, answer);
      pairs += score.pairs;
      correct += score.correct;
    }
    return {
      task_id: row.id,
      prompt: row.prompt,
      answered: row.answers?.length ?? 0,
      accuracy: pairs ? correct / pairs : null,
      created_at: row.createdAt.toISOString(),
    };
  });
}

/** What the labeler sees of themselves: their status and gold accuracy in this project, nobody else's. */
export async function getOwnStanding(project: Project, userId: string): Promise<OwnStanding> {
  const [standing, answers] = await Promise.all([
    db.labelerQuality.findUnique({ where: { projectId_labelerId: { projectId: project.id, labelerId: userId } } }),
    db.$queryRaw<{ ranks: number[]; reference: string[][]; ids: string[] }[]>`
      SELECT s."ranks", t."goldRanking" AS reference,
             (SELECT array_agg(o."id" ORDER BY o."position") FROM "TaskOutput" o WHERE o."taskId" = t."id") AS ids
      FROM "Submission" s JOIN "Task" t ON t."id" = s."taskId"
      WHERE s."projectId" = ${project.id} AND s."labelerId" = ${userId} AND t."gold" AND cardinality(s."ranks") > 0`,
  ]);
  let pairs = 0;
  let correct = 0;
  for (const answer of answers) {
    const score = scoreGoldAnswer(ranksByPosition(answer.reference, answer.ids), answer.ranks);
    pairs += score.pairs;
    correct += score.correct;
  }
  return { status: standing?.status ?? "active", gold_answered: answers.length, gold_accuracy: pairs ? correct / pairs : null };
}
