import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorSchema, keysetClauses, pageOf, ts } from "@/lib/keyset";
import { expireProjectLeases } from "@/lib/labeling/queue";
import type { SkipReason } from "@/lib/labeling/schema";

// Reads for the admin's labeling screens (Queue, Tasks). Every figure is aggregated in SQL, so
// the cost is one pass over the project's rows on the database, never a transfer of them.

export const TASK_KINDS = ["ranking", "demonstration"] as const;
export type TaskKindName = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ["open", "done"] as const;

// ---------------------------------------------------------------------------------------------
// Queue figures

export type KindCounts = Record<TaskKindName, number>;
export type QueueFigures = {
  /** Open tasks with at least one free place (nobody holds it and it still needs labels). */
  waiting: KindCounts;
  /** Free places over all waiting tasks (a task needing 3 labels with 1 leased has 2). */
  waitingPlaces: number;
  /** Open tasks whose every remaining place is leased right now. */
  fullyLeased: KindCounts;
  /** Live leases (assignments held and not yet expired). */
  leased: KindCounts;
  done: KindCounts;
  /** Skipped assignments, by the task's kind. */
  skipped: KindCounts;
  skipReasons: { reason: SkipReason; count: number }[];
  /** The newest skips that came with the labeler's own words. */
  skipNotes: SkipNote[];
  submissions: KindCounts;
};
export type SkipNote = { taskId: string; reason: SkipReason; note: string; at: Date | null };
const SKIP_NOTES_SHOWN = 5;

const zeroKinds = (): KindCounts => ({ ranking: 0, demonstration: 0 });

/** The project's queue at this moment. Leases past their time are expired first, as the queue does. */
export async function getQueueFigures(projectId: string): Promise<QueueFigures> {
  await expireProjectLeases(projectId);
  const [tasks, assignments, reasons, notes, submissions] = await Promise.all([
    db.$queryRaw<{ kind: TaskKindName; waiting: number; places: number; fully: number; done: number }[]>`
      SELECT t."kind"::text AS "kind",
        count(*) FILTER (WHERE t."status" = 'open' AND t."submittedCount" + t."leasedCount" < t."labelsNeeded")::int AS "waiting",
        coalesce(sum(t."labelsNeeded" - t."submittedCount" - t."leasedCount") FILTER (WHERE t."status" = 'open' AND t."submittedCount" + t."leasedCount" < t."labelsNeeded"), 0)::int AS "places",
        count(*) FILTER (WHERE t."status" = 'open' AND t."submittedCount" + t."leasedCount" >= t."labelsNeeded")::int AS "fully",
        count(*) FILTER (WHERE t."status" = 'done')::int AS "done"
      FROM "Task" t WHERE t."projectId" = ${projectId}
      GROUP BY t."kind"`,
    db.$queryRaw<{ kind: TaskKindName; leased: number; skipped: number }[]>`
      SELECT t."kind"::text AS "kind",
        count(*) FILTER (WHERE a."status" = 'leased' AND a."leaseExpiresAt" > now())::int AS "leased",
        count(*) FILTER (WHERE a."status" = 'skipped')::int AS "skipped"
      FROM "Assignment" a JOIN "Task" t ON t."id" = a."taskId"
      WHERE a."projectId" = ${projectId} AND a."status" IN ('leased', 'skipped')
      GROUP BY t."kind"`,
    // Every skip carries one of SKIP_REASONS (the labeler's words are apart, in skipNote).
    db.$queryRaw<{ reason: SkipReason; count: number }[]>`
      SELECT coalesce(a."skipReason", 'other') AS "reason", count(*)::int AS "count"
      FROM "Assignment" a
      WHERE a."projectId" = ${projectId} AND a."status" = 'skipped'
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    db.$queryRaw<SkipNote[]>`
      SELECT a."taskId", coalesce(a."skipReason", 'other') AS "reason", a."skipNote" AS "note", a."finishedAt" AS "at"
      FROM "Assignment" a
      WHERE a."projectId" = ${projectId} AND a."status" = 'skipped' AND a."skipNote" IS NOT NULL
      ORDER BY a."finishedAt" DESC NULLS LAST LIMIT ${SKIP_NOTES_SHOWN}`,
    db.$queryRaw<{ kind: TaskKindName; count: number }[]>`
      SELECT s."kind"::text AS "kind", count(*)::int AS "count" FROM "Submission" s WHERE s."projectId" = ${projectId} GROUP BY s."kind"`,
  ]);
  const figures: QueueFigures = {
    waiting: zeroKinds(),
    waitingPlaces: 0,
    fullyLeased: zeroKinds(),
    leased: zeroKinds(),
    done: zeroKinds(),
    skipped: zeroKinds(),
    skipReasons: reasons,
    skipNotes: notes,
    submissions: zeroKinds(),
  };
  for (const row of tasks) {
    figures.waiting[row.kind] = row.waiting;
    figures.waitingPlaces += row.places;
    figures.fullyLeased[row.kind] = row.fully;
    figures.done[row.kind] = row.done;
  }
  for (const row of assignments) {
    figures.leased[row.kind] = row.leased;
    figures.skipped[row.kind] = row.skipped;
  }
  for (const row of submissions) figures.submissions[row.kind] = row.count;
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Per-labeler throughput

export type LabelerStats = {
  labelerId: string;
  email: string;
  name: string | null;
  today: number;
  lastWeek: number;
  total: number;
  /** Median and 90th percentile of the time spent per submitted task, in ms; null when none was timed. */
  medianMs: number | null;
  p90Ms: number | null;
  skips: number;
  leasedNow: number;
  lastActivity: Date | null;
};

export const LABELER_STATS_LIMIT = 200;

/**
 * Everyone who has had a task in the project, busiest this week first. "Today" starts at midnight
 * UTC, like the labeler's own progress counter; "last 7 days" is the 7 × 24 hours before `now`.
 */
export async function listLabelerStats(projectId: string, now = new Date()): Promise<LabelerStats[]> {
  const startOfDay = new Date(now);
  startOfDay.setUTCHours(0, 0, 0, 0);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await db.$queryRaw<(Omit<LabelerStats, "medianMs" | "p90Ms"> & { medianMs: number | null; p90Ms: number | null })[]>`
    WITH s AS (
      SELECT s."labelerId",
        count(*) FILTER (WHERE s."createdAt" >= ${ts(startOfDay)})::int AS "today",
        count(*) FILTER (WHERE s."createdAt" >= ${ts(weekAgo)})::int AS "lastWeek",
        count(*)::int AS "total",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY s."durationMs") AS "medianMs",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY s."durationMs") AS "p90Ms"
      FROM "Submission" s WHERE s."projectId" = ${projectId}
      GROUP BY s."labelerId"
    ), a AS (
      SELECT a."labelerId",
        count(*) FILTER (WHERE a."status" = 'skipped')::int AS "skips",
        count(*) FILTER (WHERE a."status" = 'leased' AND a."leaseExpiresAt" > now())::int AS "leasedNow",
        max(greatest(a."leasedAt", a."finishedAt")) AS "lastActivity"
      FROM "Assignment" a WHERE a."projectId" = ${projectId}
      GROUP BY a."labelerId"
    )
    SELECT u."id" AS "labelerId", u."email", u."name",
      coalesce(s."today", 0) AS "today", coalesce(s."lastWeek", 0) AS "lastWeek", coalesce(s."total", 0) AS "total",
      s."medianMs", s."p90Ms", a."skips", a."leasedNow", a."lastActivity"
    FROM a JOIN "User" u ON u."id" = a."labelerId" LEFT JOIN s ON s."labelerId" = a."labelerId"
    ORDER BY coalesce(s."lastWeek", 0) DESC, coalesce(s."total", 0) DESC, u."email"
    LIMIT ${LABELER_STATS_LIMIT}`;
  return rows.map((row) => ({
    ...row,
    medianMs: row.medianMs === null ? null : Math.round(Number(row.medianMs)),
    p90Ms: row.p90Ms === null ? null : Math.round(Number(row.p90Ms)),
  }));
}

// ---------------------------------------------------------------------------------------------
// Active leases

export type ActiveLease = {
  assignmentId: string;
  taskId: string;
  kind: TaskKindName;
  labelerEmail: string;
  promptLine: string;
  leasedAt: Date;
  leaseExpiresAt: Date;
};

export const ACTIVE_LEASES_LIMIT = 100;

/** Live leases, the longest-held first (those are the ones likely stuck), with their total. */
export async function listActiveLeases(projectId: string): Promise<{ rows: ActiveLease[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<ActiveLease[]>`
      SELECT a."id" AS "assignmentId", a."taskId", t."kind"::text AS "kind", u."email" AS "labelerEmail",
        split_part(left(p."text", 300), chr(10), 1) AS "promptLine", a."leasedAt", a."leaseExpiresAt"
      FROM "Assignment" a
      JOIN "Task" t ON t."id" = a."taskId"
      JOIN "Prompt" p ON p."id" = t."promptId"
      JOIN "User" u ON u."id" = a."labelerId"
      WHERE a."projectId" = ${projectId} AND a."status" = 'leased' AND a."leaseExpiresAt" > now()
      ORDER BY a."leasedAt", a."id"
      LIMIT ${ACTIVE_LEASES_LIMIT}`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "Assignment" a
      WHERE a."projectId" = ${projectId} AND a."status" = 'leased' AND a."leaseExpiresAt" > now()`,
  ]);
  return { rows, total: count?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Task list

export const TASK_PAGE_SIZE = 50;

export const taskFiltersSchema = z.object({
  kind: z.enum(TASK_KINDS).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  // "after": older than this row (the next page); "before": newer than this row (back).
  after: cursorSchema.optional(),
  before: cursorSchema.optional(),
});
export type TaskFilters = z.infer<typeof taskFiltersSchema>;

/** Filters from a page's query string; a malformed value is dropped rather than failing the page. */
export function parseTaskFiltersLenient(params: Record<string, string | string[] | undefined>): TaskFilters {
  const out: TaskFilters = {};
  for (const key of ["kind", "status", "after", "before"] as const) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value) continue;
    const parsed = taskFiltersSchema.shape[key].safeParse(value);
    if (parsed.success) Object.assign(out, { [key]: parsed.data });
  }
  return out;
}

export type TaskRow = {
  id: string;
  kind: TaskKindName;
  status: "open" | "done";
  promptId: string;
  promptLine: string;
  outputs: number;
  labelsNeeded: number;
  submittedCount: number;
  leasedCount: number;
  skips: number;
  createdAt: Date;
  doneAt: Date | null;
};

export type TaskPage = { rows: TaskRow[]; older: string | null; newer: string | null };

/** One page of a project's tasks, newest first, with cursors to the pages on either side. */
export async function listTasks(projectId: string, filters: TaskFilters, pageSize = TASK_PAGE_SIZE): Promise<TaskPage> {
  const where = [Prisma.sql`t."projectId" = ${projectId}`];
  if (filters.kind) where.push(Prisma.sql`t."kind" = ${filters.kind}::"TaskKind"`);
  if (filters.status) where.push(Prisma.sql`t."status" = ${filters.status}::"TaskStatus"`);
  const { condition, order } = keysetClauses("t", filters);
  if (condition) where.push(condition);
  // The page's rows first, then a lookup per returned row only: counts never scan the project.
  const fetched = await db.$queryRaw<TaskRow[]>`
    SELECT t."id", t."kind"::text AS "kind", t."status"::text AS "status", t."promptId",
      split_part(left(p."text", 300), chr(10), 1) AS "promptLine",
      (SELECT count(*)::int FROM "TaskOutput" o WHERE o."taskId" = t."id") AS "outputs",
      (SELECT count(*)::int FROM "Assignment" a WHERE a."taskId" = t."id" AND a."status" = 'skipped') AS "skips",
      t."labelsNeeded", t."submittedCount", t."leasedCount", t."createdAt", t."doneAt"
    FROM (
      SELECT * FROM "Task" t WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${pageSize + 1}
    ) t
    JOIN "Prompt" p ON p."id" = t."promptId"
    ORDER BY ${order}`;
  return pageOf(fetched, pageSize, filters);
}

/** Up to `limit` of the project's newest active prompts that have no demonstration task yet. */
export async function listPromptsWithoutDemonstration(projectId: string, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT p."id" FROM "Prompt" p
    WHERE p."projectId" = ${projectId} AND p."status" = 'active'
      AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."promptId" = p."id" AND t."kind" = 'demonstration')
    ORDER BY p."createdAt" DESC, p."id" DESC
    LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------
// One task, as each labeler answered it

export type TaskDetail = NonNullable<Awaited<ReturnType<typeof getTaskDetail>>>;

/**
 * A task of the project with its prompt, its outputs (in stored order, with their models) and
 * every labeler's assignment: status, skip reason and note, and the submission when there is one.
 * Null when the project has no such task.
 */
export async function getTaskDetail(projectId: string, taskId: string) {
  return db.task.findFirst({
    where: { id: taskId, projectId },
    select: {
      id: true,
      kind: true,
      status: true,
      gold: true,
      labelsNeeded: true,
      submittedCount: true,
      createdAt: true,
      doneAt: true,
      prompt: { select: { id: true, text: true, messages: true } },
      outputs: { select: { id: true, model: true, text: true }, orderBy: { position: "asc" } },
      assignments: {
        orderBy: { leasedAt: "asc" },
        select: {
          id: true,
          status: true,
          leasedAt: true,
          leaseExpiresAt: true,
          finishedAt: true,
          skipReason: true,
          skipNote: true,
          labeler: { select: { id: true, email: true, name: true } },
          submission: {
            select: {
              ratings: true,
              ranking: true,
              promptCategory: true,
              promptFlags: true,
              note: true,
              demonstration: true,
              durationMs: true,
              createdAt: true,
            },
          },
        },
      },
    },
  });
}
