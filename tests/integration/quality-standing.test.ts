import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import type { NextTask } from "@/lib/labeling/schema";
import { setLabelerStatus } from "@/lib/labeling/standing";
import { createComparisonSchema, createComparisonTask } from "@/lib/labeling/tasks";
import { makeProject, makePrompt, makeRankingTask, makeUser } from "../support/factory";

type Project = Awaited<ReturnType<typeof makeProject>>;

async function projectWith(settings: Partial<Project>) {
  const project = await makeProject();
  return db.project.update({ where: { id: project.id }, data: settings });
}

/** A gold task whose reference ranks output 0 best, then 1, 2, 3 (no ties). */
async function makeGoldTask(project: Project) {
  const promptId = await makePrompt(project);
  return createComparisonTask(project, {
    prompt_id: promptId,
    outputs: Array.from({ length: 4 }, (_, i) => ({ model: `model-${i}`, text: `Gold answer ${i} for ${promptId}` })),
    gold_ranking: [[0], [1], [2], [3]],
  });
}

/** Ranks the task's outputs by their text's number: as the reference (right) or reversed (wrong). */
function answer(task: NextTask, right: boolean) {
  const byNumber = [...task.outputs].sort((a, b) => Number(a.text.match(/(\d+) for/)![1]) - Number(b.text.match(/(\d+) for/)![1]));
  const order = right ? byNumber : byNumber.reverse();
  return {
    ratings: Object.fromEntries(task.outputs.map((output) => [output.id, { likert: 4, flags: [] }])),
    ranking: order.map((output) => [output.id]),
    prompt_labels: { category: "generation", flags: [] },
  };
}

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

describe("gold tasks", () => {
  it("need a complete reference ranking of the outputs' indexes", () => {
    const base = { prompt_id: "p", outputs: Array.from({ length: 4 }, (_, i) => ({ model: "m", text: `t${i}` })) };
    expect(createComparisonSchema.safeParse({ ...base, gold_ranking: [[0, 1], [2], [3]] }).success).toBe(true);
    expect(createComparisonSchema.safeParse({ ...base, gold_ranking: [[0], [1], [2]] }).success).toBe(false);
    expect(createComparisonSchema.safeParse({ ...base, gold_ranking: [[0], [1], [2], [2]] }).success).toBe(false);
    expect(createComparisonSchema.safeParse({ ...base, gold_ranking: [[0], [1], [2], [4]] }).success).toBe(false);
  });

  it("are served to every labeler once, never count toward labels per task, and score each answer", async () => {
    const project = await projectWith({ goldRate: 1, labelsPerTask: 1 });
    const gold = await makeGoldTask(project);
    const labelers = [await makeUser("labeler"), await makeUser("labeler"), await makeUser("labeler")];
    for (const [index, labeler] of labelers.entries()) {
      const task = (await leaseNextTask(project, labeler.id))!;
      expect(task.id).toBe(gold.id);
      await submitTask(task.id, labeler.id, answer(task, index !== 2));
      expect(await leaseNextTask(project, labeler.id)).toBeNull();
    }
    const row = await db.task.findUniqueOrThrow({ where: { id: gold.id } });
    expect(row).toMatchObject({ status: "open", submittedCount: 0, leasedCount: 0 });
    const standings = await db.labelerQuality.findMany({ where: { projectId: project.id }, orderBy: { goldCorrect: "desc" } });
    // Right answers agree on all 6 strictly ordered pairs, the reversed one on none.
    expect(standings.map((s) => [s.goldAnswered, s.goldPairs, s.goldCorrect])).toEqual([
      [1, 6, 6],
      [1, 6, 6],
      [1, 6, 0],
    ]);
    const submissions = await db.submission.findMany({ where: { taskId: gold.id } });
    expect(submissions.every((s) => s.gold && s.ranks.length === 4 && s.likerts.every((l) => l === 4))).toBe(true);
  });

  it("block a labeler below the bar once enough are answered, release their leases, and let an admin reinstate them", async () => {
    const project = await projectWith({ goldRate: 0, goldMinAnswered: 2, goldBlockBelow: 0.5, goldWarnBelow: 0.7 });
    const golds = [await makeGoldTask(project), await makeGoldTask(project)];
    const real = await makeRankingTask(project);
    const labeler = await makeUser("labeler");
    const admin = await makeUser("admin");
    await db.project.update({ where: { id: project.id }, data: { goldRate: 1 } });
    const updated = await db.project.findUniqueOrThrow({ where: { id: project.id } });

    const first = (await leaseNextTask(updated, labeler.id))!;
    expect(golds.map((g) => g.id)).toContain(first.id);
    await submitTask(first.id, labeler.id, answer(first, false));
    // One wrong answer is below the bar, but fewer than goldMinAnswered: still active.
    expect((await db.labelerQuality.findFirstOrThrow({ where: { labelerId: labeler.id } })).status).toBe("active");

    const second = (await leaseNextTask(updated, labeler.id))!;
    await submitTask(second.id, labeler.id, answer(second, false));
    expect((await db.labelerQuality.findFirstOrThrow({ where: { labelerId: labeler.id } })).status).toBe("blocked");
    expect(await codeOf(leaseNextTask(updated, labeler.id))).toBe("quality_blocked");
    expect(await db.auditLog.count({ where: { action: "labeler.blocked", targetId: labeler.id } })).toBe(1);

    await setLabelerStatus(updated, labeler.id, "active", admin.id);
    expect(await db.auditLog.count({ where: { action: "labeler.reinstate", targetId: labeler.id, actorId: admin.id } })).toBe(1);
    const next = (await leaseNextTask(updated, labeler.id))!;
    expect(next.id).toBe(real.id);
  });

  it("releases the leases of a labeler an admin blocks, and refuses their answers", async () => {
    const project = await projectWith({ goldRate: 0 });
    const task = await makeRankingTask(project);
    const labeler = await makeUser("labeler");
    const admin = await makeUser("admin");
    const leased = (await leaseNextTask(project, labeler.id))!;
    expect(leased.id).toBe(task.id);
    await setLabelerStatus(project, labeler.id, "blocked", admin.id);
    expect(await db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ leasedCount: 0 });
    expect(await codeOf(submitTask(leased.id, labeler.id, answer(leased, true)))).toBe("quality_blocked");
    // Someone else gets the place back.
    const other = await makeUser("labeler");
    expect((await leaseNextTask(project, other.id))!.id).toBe(task.id);
  });
});

describe("screening", () => {
  it("gives a new labeler only gold tasks first, then fails or passes them on their accuracy", async () => {
    const project = await projectWith({ screeningTasks: 2, screeningPass: 0.75, goldRate: 0 });
    await makeGoldTask(project);
    await makeGoldTask(project);
    const real = await makeRankingTask(project);

    const careful = await makeUser("labeler");
    const careless = await makeUser("labeler");
    for (const [labeler, right] of [
      [careful, true],
      [careless, false],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const task = (await leaseNextTask(project, labeler.id))!;
        expect(task.id).not.toBe(real.id);
        expect((await db.labelerQuality.findFirstOrThrow({ where: { labelerId: labeler.id } })).status).toBe("screening");
        await submitTask(task.id, labeler.id, answer(task, right));
      }
    }
    expect((await leaseNextTask(project, careful.id))!.id).toBe(real.id);
    expect(await codeOf(leaseNextTask(project, careless.id))).toBe("screening_failed");
    expect((await db.labelerQuality.findFirstOrThrow({ where: { labelerId: careless.id } })).status).toBe("failed_screening");
  });

  it("holds under concurrent submits: one labeler's answers are all counted, exactly once", async () => {
    const project = await projectWith({ goldRate: 1, goldMinAnswered: 100 });
    for (let i = 0; i < 6; i++) await makeGoldTask(project);
    const labelers = await Promise.all(Array.from({ length: 6 }, () => makeUser("labeler")));
    await Promise.all(
      labelers.map(async (labeler) => {
        for (let i = 0; i < 3; i++) {
          const task = (await leaseNextTask(project, labeler.id))!;
          await Promise.all([submitTask(task.id, labeler.id, answer(task, true)), submitTask(task.id, labeler.id, answer(task, true))]);
        }
      }),
    );
    const standings = await db.labelerQuality.findMany({ where: { projectId: project.id } });
    expect(standings.map((s) => s.goldAnswered)).toEqual([3, 3, 3, 3, 3, 3]);
  });
});

describe("the migrations' backfill of the by-position columns", () => {
  it("writes for old rankings what submitTask writes for new ones", async () => {
    const project = await projectWith({ goldRate: 0 });
    await makeRankingTask(project, 5);
    const labeler = await makeUser("labeler");
    const task = (await leaseNextTask(project, labeler.id))!;
    const ids = task.outputs.map((output) => output.id);
    await submitTask(task.id, labeler.id, {
      ratings: Object.fromEntries(
        ids.map((id, i) => [id, { likert: 7 - i, flags: i === 1 ? ["hallucination", "expresses_opinion"] : [] }]),
      ),
      ranking: [[ids[2]!], [ids[0]!, ids[4]!], [ids[1]!], [ids[3]!]],
      prompt_labels: { category: "generation", flags: [] },
    });
    const written = await db.submission.findFirstOrThrow({ where: { taskId: task.id } });
    expect(written.flagMasks.some((mask) => mask === (1 << 2) + (1 << 9))).toBe(true);

    await db.submission.update({ where: { id: written.id }, data: { ranks: [], likerts: [], flagMasks: [], firstShown: null } });
    const backfills = ["label_quality", "submission_flag_masks"].map((name) => {
      const folder = readdirSync("prisma/migrations").find((entry) => entry.endsWith(name))!;
      const sql = readFileSync(`prisma/migrations/${folder}/migration.sql`, "utf8");
      return sql.slice(sql.indexOf("-- Backfill"));
    });
    for (const backfill of backfills) {
      // Only this row: other tests share the database.
      const onlyThis = (statement: string) =>
        statement.replaceAll(/(s2?)\."kind" = 'ranking'/g, (match, alias) => `${match} AND ${alias}."id" = '${written.id}'`);
      for (const statement of backfill.split(/;\s*\n/).filter((part) => /UPDATE/.test(part)))
        await db.$executeRawUnsafe(onlyThis(statement));
    }
    const again = await db.submission.findUniqueOrThrow({ where: { id: written.id } });
    expect({ ranks: again.ranks, likerts: again.likerts, flagMasks: again.flagMasks, firstShown: again.firstShown }).toEqual({
      ranks: written.ranks,
      likerts: written.likerts,
      flagMasks: written.flagMasks,
      firstShown: written.firstShown,
    });
  });
});
