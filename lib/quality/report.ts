import "server-only";
import { db } from "@/lib/db";
import { queryTextRows, warmBulkPool } from "@/lib/db-bulk";
import { labelerPseudonym } from "@/lib/exports/records";
import type { Project } from "@/lib/generated/prisma/client";
import { ranksByPosition, scoreGoldAnswer } from "@/lib/labeling/gold";
import { OUTPUT_FLAGS } from "@/lib/labeling/schema";
import { scheduleAgreementReport } from "@/lib/quality/agreement";
import { BootstrapBatch } from "@/lib/quality/bootstrap";
import { scheduleGoldAccuracy } from "@/lib/quality/gold";
import { LiveRankings, loadProjectRankings, type ProjectRankings, type RankingFilter } from "@/lib/quality/load";
import { scheduleModelReport } from "@/lib/quality/models";
import { parallelBatch, runBootstrapBatch, warmBootstrapHelper } from "@/lib/quality/parallel";
import { positionBias } from "@/lib/quality/position-bias";
import { selectRows, tableOf } from "@/lib/quality/rankings";
import type {
  AdminQualityReport,
  Disagreement,
  FigureJson,
  GoldTaskSummary,
  ModelReport,
  OwnStanding,
  QualityReport,
} from "@/lib/quality/report-types";
import type { RankingTable } from "@/lib/quality/types";

/*
 * The quality and model reports: rows from lib/quality/load.ts through the pure functions of
 * lib/quality (definitions there). Rankings of gold tasks never count toward agreement or win
 * rates; rankings of blocked or screened-out labelers count toward agreement (the rule:
 * agreement describes everyone's labels) but not toward the model figures.
 */

const EXCLUDED_FROM_MODELS = new Set(["blocked", "failed_screening"]);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Monday of the UTC week of `day` (days since 1970-01-01, a Thursday), as YYYY-MM-DD. */
function weekOf(day: number): string {
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * 86_400_000).toISOString().slice(0, 10);
}

const NO_FIGURE: FigureJson = { value: null, ci95: null, n: 0 };

/**
 * What the reports depend on, in one cheap read: the rankings (count and newest transaction),
 * the labelers' standings and the set of gold tasks. Two instances that see the same version
 * compute the same report, so each may keep its own copy.
 */
async function dataVersion(projectId: string): Promise<string> {
  const [row] = await queryTextRows(
    // The ORDER BY makes PostgreSQL count the rankings from the index alone (a parallel scan of the
    // table costs four times as much).
    `SELECT (SELECT count(*) || ':' || coalesce(max("txid"), 0)
             FROM (SELECT "txid" FROM "Submission" WHERE "projectId" = $1 AND "kind" = 'ranking' ORDER BY "projectId", "kind", "txid") r),
            (SELECT coalesce(max("updatedAt")::text, '') FROM "LabelerQuality" WHERE "projectId" = $1),
            (SELECT count(*) || ':' || coalesce(sum(hashtext("id" || coalesce("goldRanking"::text, ''))), 0) FROM "Task" WHERE "projectId" = $1 AND "gold")`,
    [projectId],
  );
  return row!.join("|");
}

// A few recent reports per instance; an entry is used only while the data version is unchanged.
const reportCache = new Map<string, { version: string; value: Promise<unknown> }>();
const CACHE_ENTRIES = 32;

async function cachedReport<T>(key: string, projectId: string, compute: (rankings: number) => Promise<T>): Promise<T> {
  // Not computed here yet: the helper threads start and the connections open while the version is read.
  if (!reportCache.has(key)) {
    warmBootstrapHelper();
    warmBulkPool();
  }
  const version = await dataVersion(projectId);
  const hit = reportCache.get(key);
  if (hit?.version === version) return hit.value as Promise<T>;
  // The version starts with the number of rankings: what the loader should expect.
  const value = compute(Number.parseInt(version, 10) || 0);
  reportCache.set(key, { version, value });
  value.catch(() => reportCache.delete(key));
  if (reportCache.size > CACHE_ENTRIES) reportCache.delete(reportCache.keys().next().value!);
  return value;
}

// Per project, its rankings as last read (a few projects per instance), brought up to date before a
// report is computed: after a new ranking only that ranking is read, not the 100k before it.
const liveRankings = new Map<string, { live: LiveRankings; update: Promise<unknown> }>();
const LIVE_PROJECTS = 8;

/**
 * The project's rankings now; `count` is how many it has (the data version's count). With
 * `models`, each task's prompt and models too (the quality report needs neither).
 */
async function currentRankings(projectId: string, count: number, options: { models: boolean }): Promise<ProjectRankings> {
  let entry = liveRankings.get(projectId);
  liveRankings.delete(projectId);
  // More held than the project has: rankings were deleted (with their task or labeler). Read afresh.
  if (!entry || entry.live.size > count) entry = { live: new LiveRankings(projectId, count), update: Promise.resolve() };
  liveRankings.set(projectId, entry);
  if (liveRankings.size > LIVE_PROJECTS) liveRankings.delete(liveRankings.keys().next().value!);
  // One update at a time: the two reports of a project may ask at once.
  const { live } = entry;
  const update = entry.update.then(() => live.update(options));
  entry.update = update.catch(() => {
    // Read afresh next time rather than trust what a failed read left.
    if (liveRankings.get(projectId)?.live === live) liveRankings.delete(projectId);
  });
  return update;
}

/**
 * The rows of non-gold and of gold tasks, and per task the day of its last (non-gold) ranking and
 * how many it has. (Columns in locals: an optimized loop then reads no property.)
 */
function splitWork(all: ProjectRankings["rankings"], tasks: number) {
  const { size, gold, task: taskOf, day } = all;
  let golds = 0;
  for (let r = 0; r < size; r++) golds += gold[r]!;
  const workRows = new Int32Array(size - golds);
  const goldRows = new Int32Array(golds);
  // A task belongs to the week of its last ranking: when its agreement became known.
  const lastDay = new Float64Array(tasks).fill(Number.NaN);
  const perTask = new Int32Array(tasks);
  for (let r = 0, w = 0, g = 0; r < size; r++) {
    if (gold[r]) {
      goldRows[g++] = r;
      continue;
    }
    workRows[w++] = r;
    const task = taskOf[r]!;
    if (!(day[r]! <= lastDay[task]!)) lastDay[task] = day[r]!;
    perTask[task]!++;
  }
  return { workRows, goldRows, lastDay, perTask };
}

/** Per labeler: rankings of non-gold tasks, and the durations recorded. */
function labelerTallies(all: ProjectRankings["rankings"], labelers: number) {
  const { size, labeler: labelerOf, gold, durationMs } = all;
  const workCount = new Int32Array(labelers);
  const durations: number[][] = Array.from({ length: labelers }, () => []);
  for (let r = 0; r < size; r++) {
    const labeler = labelerOf[r]!;
    if (!gold[r]) workCount[labeler]!++;
    const duration = durationMs[r]!;
    if (!Number.isNaN(duration)) durations[labeler]!.push(duration);
  }
  return { workCount, durations };
}

/** The rows whose gold flag and labeler pass `keep`. */
function rowsWhere(all: ProjectRankings["rankings"], keep: (gold: number, labeler: number) => boolean): Int32Array {
  const { size, gold, labeler } = all;
  const rows = new Int32Array(size);
  let kept = 0;
  for (let r = 0; r < size; r++) if (keep(gold[r]!, labeler[r]!)) rows[kept++] = r;
  return rows.slice(0, kept);
}

/** Ratings per model: every counted ranking rates each of its outputs once (its Likert rating, if any, and its flags). */
function ratingsPerModel(all: ProjectRankings["rankings"], rows: Int32Array, modelsByTask: ProjectRankings["modelsByTask"], count: number) {
  const { task, start, outputs, likerts, flagMasks } = all;
  const likertSum = new Float64Array(count);
  const rated = new Float64Array(count);
  const seen = new Float64Array(count);
  const flagged = Array.from({ length: count }, () => new Float64Array(OUTPUT_FLAGS.length));
  for (const r of rows) {
    const models = modelsByTask[task[r]!];
    if (!models) continue;
    const at = start[r]!;
    const ranked = outputs[r]!;
    for (let position = 0; position < models.length; position++) {
      const model = models[position]!;
      seen[model]!++;
      const likert = position < ranked ? likerts[at + position]! : 0;
      if (likert > 0) {
        likertSum[model]! += likert;
        rated[model]!++;
      }
      const mask = position < ranked ? flagMasks[at + position]! : 0;
      for (let flag = 0; mask >> flag; flag++) if ((mask >> flag) & 1) flagged[model]![flag]!++;
    }
  }
  return { likertSum, rated, seen, flagged };
}

/** Brings the project's rankings up to date and computes the quality report. */
async function computeQualityReport(project: Project, count: number) {
  // The helper thread starts while the rankings load.
  warmBootstrapHelper();
  return qualityFigures(project, await currentRankings(project.id, count, { models: false }));
}

/** The quality report's figures from a project's loaded rankings (no database: lib/quality/warm.ts runs it too). */
export async function qualityFigures(project: Pick<Project, "splitSalt">, data: ProjectRankings) {
  const all = data.rankings;
  const { workRows, goldRows, lastDay, perTask } = splitWork(all, data.taskIds.length);
  const work = selectRows(all, workRows);
  const weeks = new Map<number, string>();
  const batch = parallelBatch(new BootstrapBatch());
  const agreementOf = scheduleAgreementReport(
    work,
    {
      bucketOfTask: (task) => {
        const day = lastDay[task]!;
        if (Number.isNaN(day)) return null;
        let week = weeks.get(day);
        if (week === undefined) weeks.set(day, (week = weekOf(day)));
        return week;
      },
    },
    batch,
  );
  const goldOf = scheduleGoldAccuracy(selectRows(all, goldRows), data.goldReference, {}, batch);
  // While the helper threads resample.
  const bias = positionBias(all);
  const { workCount, durations } = labelerTallies(all, data.labelerIds.length);
  await runBootstrapBatch(batch);
  const agreement = agreementOf();
  const gold = goldOf();

  let tasks = 0;
  let rankings = 0;
  for (const count of perTask) {
    if (count < 2) continue;
    tasks++;
    rankings += count;
  }

  // Everyone with a standing in the project, also those who have not ranked anything yet.
  const labelerIds = [...new Set([...data.labelerIds, ...data.standings.keys()])];
  const indexOf = new Map(data.labelerIds.map((id, index) => [id, index]));

  const labelers = labelerIds.map((labelerId) => {
    const index = indexOf.get(labelerId);
    const goldFigure = index === undefined ? undefined : gold.get(index);
    const biasFigure = index === undefined ? undefined : bias.get(index);
    return {
      labelerId,
      labeler: labelerPseudonym(project, labelerId),
      status: data.standings.get(labelerId) ?? "active",
      rankings: index === undefined ? 0 : workCount[index]!,
      pairwise_agreement: (index === undefined ? undefined : agreement.pairwise.perLabeler.get(index)) ?? NO_FIGURE,
      gold: {
        answered: goldFigure?.answered ?? 0,
        accuracy: goldFigure?.accuracy ?? null,
        ci95: goldFigure?.ci95 ?? null,
        pairs: goldFigure?.pairs ?? 0,
      },
      position_bias: {
        first_shown_ranked_first: biasFigure?.firstShownRankedFirst ?? null,
        expected: biasFigure?.expected ?? null,
        n: biasFigure?.n ?? 0,
      },
      median_duration_ms: median(index === undefined ? [] : durations[index]!),
    };
  });

  return {
    overall: {
      pairwise_agreement: agreement.pairwise.overall,
      kendall_tau_b: agreement.tauB,
      likert_alpha: agreement.alpha,
      tasks,
      rankings,
    },
    labelers,
    over_time: [...(agreement.overTime ?? [])].map(([week, figure]) => ({ week, pairwise_agreement: figure })),
  };
}

/** GET /api/v1/projects/{slug}/quality: labelers by their export pseudonym only. */
export async function getQualityReport(project: Project): Promise<QualityReport> {
  const report = await cachedReport(`quality:${project.id}`, project.id, (count) => computeQualityReport(project, count));
  return { overall: report.overall, labelers: report.labelers.map(({ labelerId: _id, ...labeler }) => labeler) };
}

/** The admin Quality page: the API's report, who each labeler is, and agreement week by week. */
export async function getAdminQualityReport(project: Project): Promise<AdminQualityReport> {
  const report = await cachedReport(`quality:${project.id}`, project.id, (count) => computeQualityReport(project, count));
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
  return cachedReport(key, project.id, (count) => buildModelReport(project, baselineName, options, count));
}

async function buildModelReport(
  project: Project,
  baselineName: string | null,
  options: RankingFilter,
  count: number,
): Promise<ModelReport> {
  warmBootstrapHelper();
  // A split or a cursor: those rankings alone, read for this report.
  const data =
    options.split || options.since
      ? await loadProjectRankings(project.id, { ...options, fields: "report", expected: count })
      : await currentRankings(project.id, count, { models: true });
  return modelFigures(data, baselineName);
}

/** The model report's figures from a project's loaded rankings (no database: lib/quality/warm.ts runs it too). */
export async function modelFigures(data: ProjectRankings, baselineName: string | null): Promise<ModelReport> {
  const all = data.rankings;
  const excluded = Uint8Array.from(data.labelerStatus, (status) => (EXCLUDED_FROM_MODELS.has(status) ? 1 : 0));
  const countedRows = rowsWhere(all, (gold, labeler) => !gold && !excluded[labeler]);
  const baseline = baselineName === null ? -1 : data.models.indexOf(baselineName);
  const batch = parallelBatch(new BootstrapBatch());
  const reportOf = scheduleModelReport(
    selectRows(all, countedRows),
    data.modelsByTask,
    { baseline: baseline >= 0 ? baseline : undefined },
    batch,
  );
  // While the helper threads resample.
  const { likertSum, rated, seen, flagged } = ratingsPerModel(all, countedRows, data.modelsByTask, data.models.length);
  await runBootstrapBatch(batch);
  const { winRates, scores } = reportOf();

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
        likert_ratings: rated[index]!,
        flag_rates: Object.fromEntries(OUTPUT_FLAGS.map((flag, bit) => [flag, flagged[index]![bit]! / seen[index]!])),
        outputs_rated: seen[index]!,
      };
    })
    .sort((a, b) => (b.bt_score ?? Number.NEGATIVE_INFINITY) - (a.bt_score ?? Number.NEGATIVE_INFINITY) || a.model.localeCompare(b.model));
  return { baseline: baselineName, models };
}

/**
 * Per-task pairwise agreement (no interval: one task is one bootstrap unit), for the review queue:
 * over the task's rankings (rows `from` to `to` of the table) and the pairs of the first one's outputs.
 */
function taskAgreement(table: RankingTable, from: number, to: number): { agree: number; total: number } {
  const { ranks, start, outputs } = table;
  // The relation of outputs i < j in ranking r (a position it did not rank reads as a tie).
  const relation = (r: number, i: number, j: number) => {
    if (j >= outputs[r]!) return 0;
    const d = ranks[start[r]! + i]! - ranks[start[r]! + j]!;
    return d < 0 ? -1 : d > 0 ? 1 : 0;
  };
  let agree = 0;
  let total = 0;
  for (let x = from; x < to; x++) {
    for (let y = x + 1; y < to; y++) {
      for (let i = 0; i < outputs[x]!; i++) {
        for (let j = i + 1; j < outputs[x]!; j++) {
          total++;
          if (relation(x, i, j) === relation(y, i, j)) agree++;
        }
      }
    }
  }
  return { agree, total };
}

/** Tasks whose labelers disagree most, lowest pairwise agreement first, with their rankings side by side. */
export async function listDisagreements(project: Project, options: { limit?: number } = {}): Promise<Disagreement[]> {
  const data = await loadProjectRankings(project.id, { fields: "review" });
  const all = data.rankings;
  const work = selectRows(
    all,
    Array.from({ length: all.size }, (_, r) => r).filter((r) => !all.gold[r]),
  );
  // Rows come sorted by task: each task's rankings are consecutive.
  const candidates: { task: number; agree: number; total: number }[] = [];
  for (let from = 0; from < work.size; ) {
    let to = from + 1;
    while (to < work.size && work.task[to] === work.task[from]) to++;
    if (to - from >= 2) candidates.push({ task: work.task[from]!, ...taskAgreement(work, from, to) });
    from = to;
  }
  const scored = candidates.sort((a, b) => a.agree / a.total - b.agree / b.total || b.total - a.total).slice(0, options.limit ?? 20);
  if (!scored.length) return [];

  return reviewItems(
    project,
    scored.map((entry) => ({ taskId: data.taskIds[entry.task]!, agree: entry.agree, total: entry.total })),
  );
}

/**
 * One ranking task of the project as the review screen shows it, gold or not (an admin changing a
 * gold task's reference starts here); null when the project has no such task.
 */
export async function getReviewTask(project: Project, taskId: string): Promise<Disagreement | null> {
  const task = await db.task.findFirst({ where: { id: taskId, projectId: project.id, kind: "ranking" }, select: { id: true } });
  if (!task) return null;
  const submissions = await db.submission.findMany({ where: { taskId: task.id }, select: { ranks: true }, orderBy: { createdAt: "asc" } });
  const answered = submissions.filter((submission) => submission.ranks.length > 0);
  const table = tableOf(answered.map((submission, labeler) => ({ task: 0, prompt: 0, labeler, ranks: submission.ranks })));
  const [item] = await reviewItems(project, [{ taskId: task.id, ...taskAgreement(table, 0, table.size) }]);
  return item ?? null;
}

/** The review screen's items for these tasks (in this order): prompt, outputs, each labeler's ranking and the gold reference. */
async function reviewItems(project: Project, entries: { taskId: string; agree: number; total: number }[]): Promise<Disagreement[]> {
  if (!entries.length) return [];
  const tasks = await db.task.findMany({
    where: { id: { in: entries.map((entry) => entry.taskId) } },
    select: {
      id: true,
      gold: true,
      goldRanking: true,
      prompt: { select: { text: true } },
      outputs: { select: { id: true, model: true, text: true, position: true }, orderBy: { position: "asc" } },
      assignments: {
        where: { submission: { isNot: null } },
        select: { labeler: { select: { id: true, name: true, email: true } }, submission: { select: { ranking: true } } },
      },
    },
  });
  const taskOf = new Map(tasks.map((task) => [task.id, task]));
  return entries.map((entry) => {
    const task = taskOf.get(entry.taskId)!;
    return {
      task_id: task.id,
      gold: task.gold,
      reference: task.gold ? ((task.goldRanking ?? null) as string[][] | null) : null,
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
