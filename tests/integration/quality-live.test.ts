import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import type { NextTask } from "@/lib/labeling/schema";
import { LiveRankings, loadProjectRankings, type ProjectRankings } from "@/lib/quality/load";
import { makeProject, makeRankingTask, makeUser } from "../support/factory";

type Project = Awaited<ReturnType<typeof makeProject>>;

/** Ranks the labeler's next task: outputs in shown order, the first `ties` tied on top. */
async function rankNext(project: Project, labelerId: string, ties = 1) {
  const task = (await leaseNextTask(project, labelerId)) as NextTask;
  const ids = task.outputs.map((output) => output.id);
  await submitTask(task.id, labelerId, {
    ratings: Object.fromEntries(ids.map((id, i) => [id, { likert: Math.max(1, 7 - i), flags: i === 1 ? ["hallucination"] : [] }])),
    ranking: [ids.slice(0, ties), ...ids.slice(ties).map((id) => [id])],
    prompt_labels: { category: "generation", flags: [] },
    duration_ms: 30_000,
  });
}

/** The table and what goes with it, as plain values (to compare two loads). */
function plain(data: ProjectRankings) {
  const { rankings } = data;
  return {
    taskIds: data.taskIds,
    labelerIds: data.labelerIds,
    labelerStatus: data.labelerStatus,
    models: data.models,
    modelsByTask: data.modelsByTask.map((list) => (list ? [...list] : null)),
    goldReference: [...data.goldReference],
    columns: Object.fromEntries(
      Object.entries(rankings).map(([name, column]) => [
        name,
        typeof column === "number" ? column : Array.from(column as ArrayLike<number>),
      ]),
    ),
  };
}

describe("a project's rankings kept up to date (LiveRankings)", () => {
  it("reads only what was written since, a ranking committed late included, and equals a load from scratch", async () => {
    const project = await db.project.update({ where: { id: (await makeProject()).id }, data: { labelsPerTask: 3, goldRate: 0 } });
    const labelers = [await makeUser("labeler"), await makeUser("labeler"), await makeUser("labeler")];
    for (let i = 0; i < 3; i++) await makeRankingTask(project, 4 + i);
    for (const labeler of labelers.slice(0, 2)) for (let i = 0; i < 3; i++) await rankNext(project, labeler.id, 1 + (i % 2));

    const live = new LiveRankings(project.id);
    const fresh = () => loadProjectRankings(project.id, { fields: "report" });
    // The quality report asks first: no models read yet.
    const quality = await live.update({ models: false });
    expect(quality.rankings.size).toBe(6);
    expect(quality.models).toEqual([]);
    const first = await live.update({ models: true });
    expect(plain(first)).toEqual(plain(await fresh()));
    // Nothing new: the same table (with the models, once read, whoever asks).
    expect(await live.update({ models: false })).toBe(first);

    // A ranking whose transaction is open while the next update reads: not seen then, seen after.
    const task = (await leaseNextTask(project, labelers[2]!.id)) as NextTask;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "Submission" ("id", "assignmentId", "taskId", "projectId", "labelerId", "kind", "promptFlags", "displayOrder",
                                   "instructionsVersion", "ranks", "likerts", "flagMasks")
         SELECT 'late-' || a."id", a."id", a."taskId", a."projectId", a."labelerId", 'ranking', '{}', '{}', 1,
                ARRAY(SELECT 0 FROM generate_series(1, (SELECT count(*) FROM "TaskOutput" o WHERE o."taskId" = a."taskId"))),
                '{}', '{}'
         FROM "Assignment" a WHERE a."taskId" = $1 AND a."labelerId" = $2`,
        [task.id, labelers[2]!.id],
      );
      // Meanwhile a new task is made and ranked (its models are read with it).
      await makeRankingTask(project, 9);
      await rankNext(project, labelers[0]!.id);
      const second = await live.update({ models: true });
      expect(second.rankings.size).toBe(7);
      expect(second.modelsByTask.every((list) => list?.length)).toBe(true);
      expect(plain(second)).toEqual(plain(await fresh()));
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    const third = await live.update({ models: true });
    expect(third.rankings.size).toBe(8);
    expect(plain(third)).toEqual(plain(await fresh()));

    // A task made gold and a labeler's standing change without a new ranking: read afresh too.
    await db.task.update({ where: { id: task.id }, data: { gold: true, goldRanking: [[task.outputs[0]!.id]] } });
    await db.labelerQuality.update({
      where: { projectId_labelerId: { projectId: project.id, labelerId: labelers[1]!.id } },
      data: { status: "blocked" },
    });
    const fourth = await live.update({ models: true });
    expect(fourth).not.toBe(third);
    // Its three rankings (the two before and the late one) now count as gold.
    expect(fourth.rankings.gold.reduce((sum, gold) => sum + gold, 0)).toBe(3);
    expect(fourth.labelerStatus).toContain("blocked");
    expect(plain(fourth)).toEqual(plain(await fresh()));
  });
});
