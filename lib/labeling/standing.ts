import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { Prisma, type Project } from "@/lib/generated/prisma/client";
import { decideStatus, type LabelerStatus, type QualitySettings, type Standing } from "@/lib/labeling/gold";

type Tx = Prisma.TransactionClient;
/** What the standing rules read of a project: its id and its quality settings. */
export type StandingProject = Pick<Project, "id"> & QualitySettings;

/**
 * The labeler's standing in the project, created on their first request: a labeler with no
 * submissions yet starts in screening when the project screens, everyone else active. Read FOR
 * SHARE, so a submit that changes the standing (FOR UPDATE) waits for a lease being taken, and a
 * lease being taken waits for that submit: a labeler blocked by one answer never gets another task.
 */
export async function lockStanding(
  tx: Tx,
  project: Pick<Project, "id" | "screeningTasks">,
  labelerId: string,
  mode: "share" | "update" = "share",
): Promise<Standing> {
  const read = async () => {
    const [standing] = await tx.$queryRaw<Standing[]>`
      SELECT "status", "goldAnswered", "goldPairs", "goldCorrect", "screeningAnswered", "screeningPairs", "screeningCorrect"
      FROM "LabelerQuality" WHERE "projectId" = ${project.id} AND "labelerId" = ${labelerId}
      ${mode === "share" ? Prisma.sql`FOR SHARE` : Prisma.sql`FOR UPDATE`}`;
    return standing;
  };
  // Read first: after a labeler's first request the row is there, and this is the only round trip.
  const existing = await read();
  if (existing) return existing;
  await tx.$executeRaw`
    INSERT INTO "LabelerQuality" ("projectId", "labelerId", "status", "updatedAt")
    SELECT ${project.id}, ${labelerId},
      CASE WHEN ${project.screeningTasks} > 0 AND NOT EXISTS (
        SELECT 1 FROM "Submission" WHERE "projectId" = ${project.id} AND "labelerId" = ${labelerId}
      ) THEN 'screening'::"LabelerStatus" ELSE 'active'::"LabelerStatus" END, now()
    ON CONFLICT DO NOTHING`;
  return (await read())!;
}

/** 403 for a labeler who may not work in the project. */
export function assertMayWork(status: LabelerStatus) {
  if (status === "blocked") {
    throw new AppError("quality_blocked", "Your answers to quality-check tasks fell below this project's bar. An admin can reinstate you.");
  }
  if (status === "failed_screening") {
    throw new AppError("screening_failed", "You did not pass this project's screening test. An admin can reinstate you.");
  }
}

/** Gives back the labeler's open leases in the project (they were blocked, failed or lost access). */
export async function releaseLeasesOf(tx: Tx, projectId: string, labelerId: string) {
  await tx.$executeRaw`
    WITH released AS (
      UPDATE "Assignment" a SET "status" = 'released', "finishedAt" = now()
      FROM "Task" t
      WHERE a."taskId" = t."id" AND a."projectId" = ${projectId} AND a."labelerId" = ${labelerId} AND a."status" = 'leased'
      RETURNING a."taskId", t."gold"
    )
    UPDATE "Task" t SET "leasedCount" = t."leasedCount" - r.n
    FROM (SELECT "taskId", count(*)::int AS n FROM released WHERE NOT "gold" GROUP BY "taskId") r
    WHERE t."id" = r."taskId"`;
}

/**
 * Adds one gold answer to the labeler's tallies (under the row's lock) and moves their status as
 * the tallies call for; a labeler who ends up blocked or failed loses their leases at once.
 */
export async function recordGoldAnswer(tx: Tx, project: StandingProject, labelerId: string, score: { pairs: number; correct: number }) {
  const [before] = await tx.$queryRaw<Standing[]>`
    UPDATE "LabelerQuality" SET
      "goldAnswered" = "goldAnswered" + 1,
      "goldPairs" = "goldPairs" + ${score.pairs},
      "goldCorrect" = "goldCorrect" + ${score.correct},
      "screeningAnswered" = "screeningAnswered" + CASE WHEN "status" = 'screening' THEN 1 ELSE 0 END,
      "screeningPairs" = "screeningPairs" + CASE WHEN "status" = 'screening' THEN ${score.pairs} ELSE 0 END,
      "screeningCorrect" = "screeningCorrect" + CASE WHEN "status" = 'screening' THEN ${score.correct} ELSE 0 END,
      "updatedAt" = now()
    WHERE "projectId" = ${project.id} AND "labelerId" = ${labelerId}
    RETURNING "status", "goldAnswered", "goldPairs", "goldCorrect", "screeningAnswered", "screeningPairs", "screeningCorrect"`;
  if (!before) return;
  const status = decideStatus(before, project);
  if (status === before.status) return;
  await tx.labelerQuality.update({ where: { projectId_labelerId: { projectId: project.id, labelerId } }, data: { status } });
  if (status === "blocked" || status === "failed_screening") await releaseLeasesOf(tx, project.id, labelerId);
  await writeAudit(tx, {
    actorId: null,
    action: `labeler.${status}`,
    targetType: "user",
    targetId: labelerId,
    details: { projectId: project.id, from: before.status, to: status, automatic: true },
  });
}

export const ADMIN_STATUSES = ["active", "warned", "blocked"] as const;

/**
 * An admin's decision on a labeler: reinstate (active, with fresh tallies, so an old accuracy
 * does not block them again at their next gold answer), warn, or block (leases released).
 */
export async function setLabelerStatus(project: Project, labelerId: string, status: (typeof ADMIN_STATUSES)[number], actorId: string) {
  return db.$transaction(async (tx) => {
    const labeler = await tx.user.findUnique({ where: { id: labelerId }, select: { id: true } });
    if (!labeler) throw new AppError("not_found", "No such labeler.");
    const current = await lockStanding(tx, project, labelerId, "update");
    const fresh = status === "active" ? { goldAnswered: 0, goldPairs: 0, goldCorrect: 0 } : {};
    await tx.labelerQuality.update({
      where: { projectId_labelerId: { projectId: project.id, labelerId } },
      data: { status, ...fresh },
    });
    if (status === "blocked") await releaseLeasesOf(tx, project.id, labelerId);
    await writeAudit(tx, {
      actorId,
      action: status === "active" ? "labeler.reinstate" : `labeler.${status}`,
      targetType: "user",
      targetId: labelerId,
      details: { projectId: project.id, from: current.status, to: status },
    });
    return { status };
  });
}
