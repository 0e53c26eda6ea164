import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";

/** An adjudicated ranking: tie groups of output ids, best first. */
export const adjudicationSchema = z.object({
  ranking: z.array(z.array(safeString(FIELD_BYTES.name).min(1).max(100)).min(1)).min(1),
});
export type Adjudication = z.infer<typeof adjudicationSchema>;

/**
 * An admin's reference ranking for a ranking task, which turns it into a gold task: from now on
 * every labeler who has not had it gets it once, scored against this ranking. The rankings it
 * already has stay as they are (they were given as ordinary work).
 */
export async function promoteToGold(project: Project, taskId: string, input: Adjudication, actorId: string) {
  return db.$transaction(async (tx) => {
    const task = await tx.task.findFirst({
      where: { id: taskId, projectId: project.id, kind: "ranking" },
      select: { id: true, gold: true, outputs: { select: { id: true } } },
    });
    if (!task) throw new AppError("not_found", "No ranking task with that id in this project.");
    const ids = new Set(task.outputs.map((output) => output.id));
    const ranked = input.ranking.flat();
    if (ranked.length !== ids.size || new Set(ranked).size !== ranked.length || !ranked.every((id) => ids.has(id))) {
      throw new AppError("unprocessable", "Rank every output of the task exactly once.", [
        { path: "ranking", message: "Every output once." },
      ]);
    }
    await tx.task.update({ where: { id: task.id }, data: { gold: true, goldRanking: input.ranking, status: "open" } });
    await writeAudit(tx, {
      actorId,
      action: task.gold ? "task.gold_update" : "task.promote_gold",
      targetType: "task",
      targetId: task.id,
      details: { projectId: project.id },
    });
    return { id: task.id, gold: true };
  });
}

/** Takes a task out of the gold set: it is no longer served, and its answers stay scored as they were. */
export async function retireGold(project: Project, taskId: string, actorId: string) {
  return db.$transaction(async (tx) => {
    const changed = await tx.task.updateMany({
      where: { id: taskId, projectId: project.id, gold: true },
      data: { gold: false, status: "done", doneAt: new Date() },
    });
    if (!changed.count) throw new AppError("not_found", "No gold task with that id in this project.");
    await writeAudit(tx, { actorId, action: "task.retire_gold", targetType: "task", targetId: taskId, details: { projectId: project.id } });
    return { id: taskId, gold: false };
  });
}
