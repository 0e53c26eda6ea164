import { randomBytes } from "node:crypto";
import { AppError, parseOrThrow } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { retryOnConflict } from "@/lib/db-retry";
import { Prisma, type Project } from "@/lib/generated/prisma/client";
import { displayOrderFor } from "@/lib/labeling/display-order";
import { ranksByPosition, type Standing, scoreGoldAnswer } from "@/lib/labeling/gold";
import { outputLabel, validateRankingSubmission } from "@/lib/labeling/ranking";
import { demonstrationSubmissionSchema, flagMask, type NextTask, rankingSubmissionSchema, type SkipReason } from "@/lib/labeling/schema";
import { assertMayWork, lockStanding, recordGoldAnswer, type StandingProject } from "@/lib/labeling/standing";
import { canAccessProject, projectNotFound } from "@/lib/projects/members";
import { readMessages } from "@/lib/prompts/conversation";

type Tx = Prisma.TransactionClient;
const TX_OPTIONS = { timeout: 20_000, maxWait: 20_000 };

/**
 * Turns leases past their time back into free places on their tasks. Runs inside the
 * transactions that read the queue, so no scheduler is needed and every instance agrees.
 */
async function expireLeases(tx: Tx, projectId: string) {
  await tx.$executeRaw`
    WITH expired AS (
      UPDATE "Assignment" SET "status" = 'expired', "finishedAt" = now()
      WHERE "projectId" = ${projectId} AND "status" = 'leased' AND "leaseExpiresAt" <= now()
      RETURNING "taskId"
    )
    UPDATE "Task" t SET "leasedCount" = t."leasedCount" - e.n
    FROM (SELECT "taskId", count(*)::int AS n FROM expired GROUP BY "taskId") e
    WHERE t."id" = e."taskId" AND NOT t."gold"`;
}

type NextTaskRow = {
  taskId: string;
  kind: NextTask["kind"];
  displayOrder: string[];
  leaseExpiresAt: Date;
  promptId: string;
  text: string;
  promptKind: NextTask["prompt"]["kind"];
  structure: unknown;
  messages: unknown;
  instructionsVersion: number;
  outputs: { id: string; text: string }[];
  doneToday: number;
  remaining: number;
};

/** The columns of a NextTaskRow, over an assignment `a` (a table or a CTE) joined to its task `t`, prompt `p` and project `pr`. */
function nextTaskColumns(projectId: string, labelerId: string) {
  return Prisma.sql`
    a."taskId", t."kind"::text AS "kind", a."displayOrder", a."leaseExpiresAt",
    p."id" AS "promptId", p."text", p."kind"::text AS "promptKind", p."structure", p."messages",
    pr."instructionsVersion",
    (SELECT json_agg(json_build_object('id', o."id", 'text', o."text")) FROM "TaskOutput" o WHERE o."taskId" = t."id") AS "outputs",
    ${progressColumns(projectId, labelerId)}`;
}

function toNextTaskBody(row: NextTaskRow): NextTask {
  const byId = new Map((row.outputs ?? []).map((output) => [output.id, output]));
  return {
    id: row.taskId,
    kind: row.kind,
    prompt: {
      id: row.promptId,
      text: row.text,
      kind: row.promptKind,
      structure: row.structure as NextTask["prompt"]["structure"],
      messages: readMessages(row.messages),
    },
    outputs: row.displayOrder.map((id, index) => ({ id, label: outputLabel(index), text: byId.get(id)!.text })),
    lease_expires_at: row.leaseExpiresAt.toISOString(),
    instructions_version: row.instructionsVersion,
    progress: { done_today: row.doneToday, remaining: row.remaining },
  };
}

/** The leased task as the labeler gets it, with their progress: one statement (a round trip is most of a request's cost). */
async function toNextTask(tx: Tx, assignmentId: string, labelerId: string, projectId: string): Promise<NextTask> {
  const [row] = await tx.$queryRaw<NextTaskRow[]>`
    SELECT ${nextTaskColumns(projectId, labelerId)}
    FROM "Assignment" a
    JOIN "Task" t ON t."id" = a."taskId"
    JOIN "Prompt" p ON p."id" = t."promptId"
    JOIN "Project" pr ON pr."id" = t."projectId"
    WHERE a."id" = ${assignmentId}`;
  if (!row) throw new Error(`Assignment ${assignmentId} vanished inside its transaction.`);
  return toNextTaskBody(row);
}

/**
 * Leases `task` to the labeler and returns it as they get it, in one statement: a new assignment
 * (its display order seeded by who and what) or, when their earlier lease of it expired or was
 * released, the same one again (the same letters come back); the task's lease count; the task.
 * The statement's own reads see the task's count from before its update, hence the `remaining`
 * correction.
 */
async function leaseTask(
  tx: Tx,
  project: Project,
  labelerId: string,
  task: { id: string; outputIds: string[] | null; gold: boolean },
): Promise<NextTask> {
  const leaseExpiresAt = new Date(Date.now() + project.leaseMinutes * 60_000);
  const displayOrder = displayOrderFor(task.outputIds ?? [], `${task.id}\u0000${labelerId}`);
  const [row] = await tx.$queryRaw<NextTaskRow[]>`
    WITH a AS (
      INSERT INTO "Assignment" ("id", "taskId", "labelerId", "projectId", "status", "displayOrder", "leasedAt", "leaseExpiresAt")
      VALUES (${newId()}, ${task.id}, ${labelerId}, ${project.id}, 'leased', ${displayOrder}::text[], now(), ${leaseExpiresAt})
      ON CONFLICT ("taskId", "labelerId") DO UPDATE SET
        "status" = 'leased', "leasedAt" = now(), "leaseExpiresAt" = EXCLUDED."leaseExpiresAt", "finishedAt" = NULL
      RETURNING "taskId", "displayOrder", "leaseExpiresAt"
    ), counted AS (
      -- Gold tasks keep no counts: they have a place for everyone.
      UPDATE "Task" SET "leasedCount" = "leasedCount" + 1 WHERE "id" = ${task.id} AND NOT ${task.gold}
    )
    SELECT ${nextTaskColumns(project.id, labelerId)}
    FROM a
    JOIN "Task" t ON t."id" = a."taskId"
    JOIN "Prompt" p ON p."id" = t."promptId"
    JOIN "Project" pr ON pr."id" = t."projectId"`;
  if (!row) throw new Error(`The lease of task ${task.id} was not written.`);
  return toNextTaskBody({ ...row, remaining: row.remaining - (task.gold ? 0 : 1) });
}

/** A new row id in the shape of Prisma's cuid() default (rows written by raw SQL do not get one). */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`.slice(0, 25);
}

/**
 * What a labeler has done today and how many places are left in the project's queue (all
 * labelers': cheap to count, and what a labeler wants to know is whether the queue is drying up),
 * as two columns "doneToday" and "remaining" of a SELECT.
 */
function progressColumns(projectId: string, labelerId: string) {
  const startOfDay = new Date();
  startOfDay.setUTCHours(0, 0, 0, 0);
  return Prisma.sql`
    (SELECT count(*)::int FROM "Submission" s
     WHERE s."projectId" = ${projectId} AND s."labelerId" = ${labelerId} AND s."createdAt" >= ${startOfDay}) AS "doneToday",
    (SELECT coalesce(sum("labelsNeeded" - "submittedCount" - "leasedCount"), 0)::int FROM "Task"
     WHERE "projectId" = ${projectId} AND "status" = 'open' AND NOT "gold") AS "remaining"`;
}

/** The task's output ids in position order (a column of the queries choosing a task: no round trip of its own). */
const outputIdsColumn = Prisma.sql`(SELECT array_agg(o."id" ORDER BY o."position") FROM "TaskOutput" o WHERE o."taskId" = t."id") AS "outputIds"`;

/**
 * The oldest task with a free place that this labeler has not had, locked. "skip" passes over
 * tasks another request is leasing right now (no waiting); "wait" waits for those and checks
 * their free places again once the other lease is committed, so a crowd arriving at once is not
 * told the queue is empty while places are left.
 */
async function findOpenTask(tx: Tx, projectId: string, labelerId: string, locked: "skip" | "wait") {
  const lockClause = locked === "skip" ? Prisma.sql`FOR UPDATE OF t SKIP LOCKED` : Prisma.sql`FOR UPDATE OF t`;
  const [task] = await tx.$queryRaw<{ id: string; outputIds: string[] }[]>`
    SELECT t."id", ${outputIdsColumn} FROM "Task" t
    WHERE t."projectId" = ${projectId} AND t."status" = 'open' AND NOT t."gold"
      AND t."submittedCount" + t."leasedCount" < t."labelsNeeded"
      AND NOT EXISTS (
        SELECT 1 FROM "Assignment" a
        WHERE a."taskId" = t."id" AND a."labelerId" = ${labelerId} AND a."status" IN ('leased', 'submitted', 'skipped')
      )
    ORDER BY t."createdAt", t."id"
    LIMIT 1
    ${lockClause}`;
  return task;
}

/**
 * A gold task this labeler has not had (nor has leased). Gold tasks have no limit on places, so
 * nothing is locked: every labeler gets each one once.
 */
async function findGoldTask(tx: Tx, projectId: string, labelerId: string) {
  const [task] = await tx.$queryRaw<{ id: string; outputIds: string[] }[]>`
    SELECT t."id", ${outputIdsColumn} FROM "Task" t
    WHERE t."projectId" = ${projectId} AND t."gold"
      AND NOT EXISTS (
        SELECT 1 FROM "Assignment" a
        WHERE a."taskId" = t."id" AND a."labelerId" = ${labelerId} AND a."status" IN ('leased', 'submitted', 'skipped')
      )
    ORDER BY t."createdAt", t."id"
    LIMIT 1`;
  return task ? { ...task, gold: true } : undefined;
}

/**
 * The next task for a labeler in good standing: during screening only gold tasks; afterwards a
 * gold task with probability `goldRate` (when one is left for them), otherwise the queue's next.
 */
async function chooseTask(tx: Tx, project: Project, labelerId: string, screening: boolean) {
  if (screening) return findGoldTask(tx, project.id, labelerId);
  const gold = Math.random() < project.goldRate ? await findGoldTask(tx, project.id, labelerId) : undefined;
  if (gold) return gold;
  const task = (await findOpenTask(tx, project.id, labelerId, "skip")) ?? (await findOpenTask(tx, project.id, labelerId, "wait"));
  return task ? { ...task, gold: false } : undefined;
}

/**
 * The labeler's current task, or a newly leased one; null when nothing is left for them. A task
 * is leased to at most as many labelers as it still needs, never to someone who already had it,
 * and the choice locks the task row with SKIP LOCKED so that concurrent requests, on any
 * instance, never take the same place.
 */
export async function leaseNextTask(project: Project, labelerId: string): Promise<NextTask | null> {
  return retryOnConflict(() =>
    db.$transaction(async (tx) => {
      if (!(await canAccessProject(tx, project, labelerId))) throw projectNotFound(project.slug);
      const { standing, currentId } = await openQueueRequest(tx, project, labelerId);
      assertMayWork(standing.status);
      if (currentId) return toNextTask(tx, currentId, labelerId, project.id);

      const task = await chooseTask(tx, project, labelerId, standing.status === "screening");
      if (!task) return null;
      return leaseTask(tx, project, labelerId, task);
    }, TX_OPTIONS),
  );
}

/**
 * The start of a queue request, in one statement once the labeler has a standing: leases past
 * their time are expired (as expireLeases does), the standing is read FOR SHARE (lockStanding's
 * lock, in the same order after the expiry), and the labeler's current unexpired lease is found.
 * A labeler's first request creates the standing (lockStanding) and looks for a lease apart.
 */
async function openQueueRequest(tx: Tx, project: Project, labelerId: string): Promise<{ standing: Standing; currentId: string | null }> {
  const currentLease = Prisma.sql`
    (SELECT c."id" FROM "Assignment" c
     WHERE c."labelerId" = ${labelerId} AND c."projectId" = ${project.id} AND c."status" = 'leased' AND c."leaseExpiresAt" > now()
     ORDER BY c."leasedAt" LIMIT 1)`;
  const [row] = await tx.$queryRaw<(Standing & { currentId: string | null })[]>`
    WITH expired AS (
      UPDATE "Assignment" SET "status" = 'expired', "finishedAt" = now()
      WHERE "projectId" = ${project.id} AND "status" = 'leased' AND "leaseExpiresAt" <= now()
      RETURNING "taskId"
    ), counted AS (
      UPDATE "Task" t SET "leasedCount" = t."leasedCount" - e.n
      FROM (SELECT "taskId", count(*)::int AS n FROM expired GROUP BY "taskId") e
      WHERE t."id" = e."taskId" AND NOT t."gold"
    )
    SELECT q."status", q."goldAnswered", q."goldPairs", q."goldCorrect", q."screeningAnswered", q."screeningPairs", q."screeningCorrect",
           ${currentLease} AS "currentId"
    FROM "LabelerQuality" q
    WHERE q."projectId" = ${project.id} AND q."labelerId" = ${labelerId}
    FOR SHARE OF q`;
  if (row) {
    const { currentId, ...standing } = row;
    return { standing, currentId };
  }
  const standing = await lockStanding(tx, project, labelerId);
  const [current] = await tx.$queryRaw<{ id: string }[]>`SELECT ${currentLease} AS "id"`;
  return { standing, currentId: current?.id ?? null };
}

/**
 * Locks the labeler's assignment and its task. A lease that ran out still counts when the task
 * has a free place left (nobody took it meanwhile); otherwise the lease is lost: 409.
 */
async function lockOwnAssignment(tx: Tx, taskId: string, labelerId: string) {
  // One statement, locking the assignment and then the task (the order expiry takes them in).
  const [row] = await tx.$queryRaw<
    {
      assignmentId: string;
      assignmentStatus: string;
      leaseExpiresAt: Date;
      displayOrder: string[];
      id: string;
      projectId: string;
      kind: string;
      status: string;
      labelsNeeded: number;
      submittedCount: number;
      leasedCount: number;
      gold: boolean;
      goldRanking: string[][] | null;
      outputIds: string[] | null;
    }[]
  >`
    SELECT a."id" AS "assignmentId", a."status"::text AS "assignmentStatus", a."leaseExpiresAt", a."displayOrder",
           t."id", t."projectId", t."kind"::text AS "kind", t."status"::text AS "status", t."labelsNeeded", t."submittedCount", t."leasedCount",
           t."gold", t."goldRanking", ${outputIdsColumn}
    FROM "Assignment" a JOIN "Task" t ON t."id" = a."taskId"
    WHERE a."taskId" = ${taskId} AND a."labelerId" = ${labelerId}
    FOR UPDATE OF a, t`;
  if (!row) throw new AppError("not_found", "This task is not assigned to you.");
  const { assignmentId, assignmentStatus, leaseExpiresAt, displayOrder, ...task } = row;
  const assignment = { id: assignmentId, status: assignmentStatus, leaseExpiresAt, displayOrder };
  const holdsLease = assignment.status === "leased";
  const live = holdsLease && assignment.leaseExpiresAt.getTime() > Date.now();
  // A gold task has a place for everyone: an answer after the lease ran out still counts.
  const freePlace =
    task.gold || (task.status === "open" && task.submittedCount + task.leasedCount - (holdsLease ? 1 : 0) < task.labelsNeeded);
  return { assignment, task, holdsLease, usable: live || freePlace };
}

/**
 * The project of a task this labeler may work on. A task in a project they may not see (never, or
 * no longer: a lease or an answer from before their access was taken away) is, to them, a task
 * that is not theirs.
 */
async function requireTaskProject(tx: Tx, taskId: string, labelerId: string): Promise<Project> {
  // One query (the task with its project would be two).
  const project = await tx.project.findFirst({ where: { tasks: { some: { id: taskId } } } });
  if (!project || !(await canAccessProject(tx, project, labelerId))) throw new AppError("not_found", "This task is not assigned to you.");
  return project;
}

/** What a submit reads of the task's project. */
type SubmitProject = StandingProject & Pick<Project, "slug" | "labelerAccess" | "instructionsVersion">;

/**
 * The start of a submit: the task's project, which the labeler must be allowed to see (else 404,
 * as requireTaskProject), and their standing locked FOR UPDATE, in one statement once they have a
 * standing. The standing is locked before the assignment and the task, as leaseNextTask takes it.
 */
async function openSubmit(tx: Tx, taskId: string, labelerId: string): Promise<{ project: SubmitProject; standing: Standing }> {
  const [row] = await tx.$queryRaw<(SubmitProject & { standing: Standing | null })[]>`
    SELECT pr."id", pr."slug", pr."labelerAccess"::text AS "labelerAccess", pr."instructionsVersion",
           pr."goldMinAnswered", pr."goldWarnBelow", pr."goldBlockBelow", pr."screeningTasks", pr."screeningPass",
           (SELECT row_to_json(q) FROM (
              SELECT "status", "goldAnswered", "goldPairs", "goldCorrect", "screeningAnswered", "screeningPairs", "screeningCorrect"
              FROM "LabelerQuality" WHERE "projectId" = pr."id" AND "labelerId" = ${labelerId} FOR UPDATE) q) AS "standing"
    FROM "Task" t JOIN "Project" pr ON pr."id" = t."projectId"
    WHERE t."id" = ${taskId}`;
  if (!row || !(await canAccessProject(tx, row, labelerId))) throw new AppError("not_found", "This task is not assigned to you.");
  const { standing, ...project } = row;
  return { project, standing: standing ?? (await lockStanding(tx, project, labelerId, "update")) };
}

/** A submission's own columns, as written by submitTask (JSON columns as their text). */
type SubmissionRow = {
  kind: "ranking" | "demonstration";
  ratings: string | null;
  ranking: string | null;
  promptCategory: string | null;
  promptFlags: string[];
  note: string | null;
  demonstration: string | null;
  displayOrder: string[];
  durationMs: number | null;
  ranks: number[] | null;
  likerts: number[] | null;
  flagMasks: number[] | null;
  firstShown: number | null;
};

export type SubmitResult = { status: "submitted" | "already_submitted" };

/** Records a labeler's answer to their task, re-validated on the server against the task itself. */
export async function submitTask(taskId: string, labelerId: string, body: unknown): Promise<SubmitResult> {
  return retryOnConflict(() =>
    db.$transaction(async (tx) => {
      // The standing first, as leaseNextTask takes it: a blocked labeler's answer is refused, and
      // one that blocks them is counted before any other request of theirs goes on.
      const { project, standing } = await openSubmit(tx, taskId, labelerId);
      const { assignment, task, holdsLease, usable } = await lockOwnAssignment(tx, taskId, labelerId);
      if (assignment.status === "submitted") return { status: "already_submitted" as const };
      if (assignment.status === "skipped") throw new AppError("conflict", "You skipped this task.");
      assertMayWork(standing.status);
      if (!usable)
        throw new AppError("conflict", "Your lease on this task ran out and someone else took it. Your answer is still in your browser.");

      let data: SubmissionRow;
      if (task.kind === "ranking") {
        const input = parseOrThrow(rankingSubmissionSchema, body, "ranking");
        const issues = validateRankingSubmission(assignment.displayOrder, input);
        if (issues.length) throw new AppError("unprocessable", `The ranking is not complete or not valid (${issues[0]!.message})`, issues);
        const idsByPosition = task.outputIds ?? [];
        const ranks = ranksByPosition(input.ranking, idsByPosition);
        if (task.gold && task.goldRanking) {
          await recordGoldAnswer(tx, project, labelerId, scoreGoldAnswer(ranksByPosition(task.goldRanking, idsByPosition), ranks));
        }
        data = {
          kind: "ranking",
          ranks,
          likerts: idsByPosition.map((id) => input.ratings[id]?.likert ?? 0),
          flagMasks: idsByPosition.map((id) => flagMask(input.ratings[id]?.flags ?? [])),
          firstShown: idsByPosition.indexOf(assignment.displayOrder[0]!),
          ratings: JSON.stringify(input.ratings),
          ranking: JSON.stringify(input.ranking),
          promptCategory: input.prompt_labels.category,
          promptFlags: input.prompt_labels.flags,
          note: input.note?.trim() || null,
          demonstration: null,
          displayOrder: assignment.displayOrder,
          durationMs: input.duration_ms ?? null,
        };
      } else {
        const input = parseOrThrow(demonstrationSubmissionSchema, body, "demonstration");
        data = {
          kind: "demonstration",
          // As Prisma wrote them when left out: no positions.
          ranks: null,
          likerts: null,
          flagMasks: null,
          firstShown: null,
          ratings: null,
          ranking: null,
          promptCategory: null,
          promptFlags: [],
          note: null,
          demonstration: input.text,
          displayOrder: [],
          durationMs: input.duration_ms ?? null,
        };
      }
      // The submission, the assignment's status and the task's counts in one statement (gold
      // tasks keep no counts).
      await tx.$executeRaw`
        WITH created AS (
          INSERT INTO "Submission" ("id", "assignmentId", "taskId", "projectId", "labelerId", "kind", "ratings", "ranking", "promptCategory",
            "promptFlags", "note", "demonstration", "displayOrder", "instructionsVersion", "durationMs", "ranks", "likerts", "flagMasks",
            "firstShown", "gold")
          VALUES (${newId()}, ${assignment.id}, ${taskId}, ${task.projectId}, ${labelerId}, ${data.kind}::"TaskKind", ${data.ratings}::jsonb,
            ${data.ranking}::jsonb, ${data.promptCategory}::"UseCase", ${data.promptFlags}::text[], ${data.note}, ${data.demonstration},
            ${data.displayOrder}::text[], ${project.instructionsVersion}, ${data.durationMs}::int, ${data.ranks}::int[], ${data.likerts}::int[],
            ${data.flagMasks}::int[], ${data.firstShown}::int, ${task.gold})
        ), finished AS (
          UPDATE "Assignment" SET "status" = 'submitted', "finishedAt" = now() WHERE "id" = ${assignment.id}
        )
        UPDATE "Task" SET
          "submittedCount" = "submittedCount" + 1,
          "leasedCount" = "leasedCount" - ${holdsLease ? 1 : 0},
          "status" = CASE WHEN "submittedCount" + 1 >= "labelsNeeded" THEN 'done'::"TaskStatus" ELSE "status" END,
          "doneAt" = CASE WHEN "submittedCount" + 1 >= "labelsNeeded" THEN now() ELSE "doneAt" END
        WHERE "id" = ${taskId} AND NOT ${task.gold}`;
      return { status: "submitted" as const };
    }, TX_OPTIONS),
  );
}

/** The labeler passes on their task (e.g. intent unclear); it is never served to them again. */
export async function skipTask(taskId: string, labelerId: string, reason: SkipReason, note?: string) {
  return retryOnConflict(() =>
    db.$transaction(async (tx) => {
      await requireTaskProject(tx, taskId, labelerId);
      const { assignment, task, holdsLease } = await lockOwnAssignment(tx, taskId, labelerId);
      if (assignment.status === "submitted") throw new AppError("conflict", "You already submitted this task.");
      if (assignment.status === "skipped") return;
      await tx.assignment.update({
        where: { id: assignment.id },
        data: { status: "skipped", skipReason: reason, skipNote: note || null, finishedAt: new Date() },
      });
      if (holdsLease && !task.gold) await tx.task.update({ where: { id: taskId }, data: { leasedCount: { decrement: 1 } } });
    }, TX_OPTIONS),
  );
}

/** An admin frees a stuck lease: the task goes back to the pool (and to the same labeler later). */
export async function releaseLease(assignmentId: string, actorId: string) {
  return retryOnConflict(() =>
    db.$transaction(async (tx) => {
      const released = await tx.$queryRaw<{ taskId: string }[]>`
        UPDATE "Assignment" SET "status" = 'released', "finishedAt" = now()
        WHERE "id" = ${assignmentId} AND "status" = 'leased' RETURNING "taskId"`;
      if (!released.length) throw new AppError("not_found", "No active lease with that id.");
      await tx.$executeRaw`UPDATE "Task" SET "leasedCount" = "leasedCount" - 1 WHERE "id" = ${released[0]!.taskId} AND NOT "gold"`;
      await writeAudit(tx, { actorId, action: "assignment.release", targetType: "assignment", targetId: assignmentId });
    }, TX_OPTIONS),
  );
}

/** An admin reopens a done task for one more label, from a labeler who has not had it yet. */
export async function reopenTask(taskId: string, actorId: string) {
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUnique({ where: { id: taskId } });
    if (!task) throw new AppError("not_found", "No task with that id.");
    if (task.status !== "done") throw new AppError("conflict", "Only a done task can be reopened; this one is still open.");
    await tx.task.update({ where: { id: taskId }, data: { status: "open", doneAt: null, labelsNeeded: task.submittedCount + 1 } });
    await writeAudit(tx, { actorId, action: "task.reopen", targetType: "task", targetId: taskId });
  });
}

/** Leases by labelers nobody has reached: used by the admin queue screen and tests. */
export function expireProjectLeases(projectId: string) {
  return db.$transaction((tx) => expireLeases(tx, projectId));
}
