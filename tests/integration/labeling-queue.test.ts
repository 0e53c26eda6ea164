import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { leaseNextTask, releaseLease, reopenTask, skipTask, submitTask } from "@/lib/labeling/queue";
import type { NextTask } from "@/lib/labeling/schema";
import { createDemonstrationTasks } from "@/lib/labeling/tasks";
import { makeProject, makePrompt, makeRankingTask, makeUser } from "../support/factory";

async function projectWith(settings: { labelsPerTask?: number; leaseMinutes?: number } = {}) {
  const project = await makeProject();
  return db.project.update({ where: { id: project.id }, data: settings });
}

function answerFor(task: NextTask, groups?: string[][]) {
  const ids = task.outputs.map((output) => output.id);
  return {
    ratings: Object.fromEntries(ids.map((id, i) => [id, { likert: 7 - i, flags: i === 0 ? ["satisfies_constraint"] : [] }])),
    ranking: groups ?? ids.map((id) => [id]),
    prompt_labels: { category: "generation", flags: ["requests_advice"] },
    duration_ms: 42_000,
  };
}

async function statusOf(promise: Promise<unknown>) {
  return promise.then(
    () => 200,
    (error: unknown) => (error instanceof AppError ? error.status : 500),
  );
}

describe("leasing", () => {
  it("gives a labeler the same task on every call until they finish it", async () => {
    const project = await projectWith();
    await makeRankingTask(project, 6);
    const labeler = await makeUser("labeler");
    const first = (await leaseNextTask(project, labeler.id))!;
    const again = (await leaseNextTask(project, labeler.id))!;
    expect(again.id).toBe(first.id);
    expect(again.outputs.map((o) => o.id)).toEqual(first.outputs.map((o) => o.id));
    expect(first.outputs.map((o) => o.label)).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(first.outputs[0]).not.toHaveProperty("model");
  });

  it("never leases a task to more labelers at once than it needs, even under a crowd", async () => {
    const project = await projectWith({ labelsPerTask: 2 });
    for (let i = 0; i < 5; i++) await makeRankingTask(project);
    const labelers = await Promise.all(Array.from({ length: 14 }, () => makeUser("labeler")));
    const leased = await Promise.all(labelers.map((labeler) => leaseNextTask(project, labeler.id)));
    const perTask = new Map<string, number>();
    for (const task of leased) if (task) perTask.set(task.id, (perTask.get(task.id) ?? 0) + 1);
    expect(leased.filter(Boolean)).toHaveLength(10);
    for (const count of perTask.values()) expect(count).toBe(2);
    const rows = await db.task.findMany({ where: { projectId: project.id } });
    for (const row of rows) expect(row.leasedCount).toBe(2);
  });

  it("never serves a task again to someone who submitted or skipped it, and answers null when nothing is left", async () => {
    const project = await projectWith({ labelsPerTask: 3 });
    await makeRankingTask(project);
    await makeRankingTask(project);
    const labeler = await makeUser("labeler");
    const first = (await leaseNextTask(project, labeler.id))!;
    await submitTask(first.id, labeler.id, answerFor(first));
    const second = (await leaseNextTask(project, labeler.id))!;
    expect(second.id).not.toBe(first.id);
    await skipTask(second.id, labeler.id, "intent_unclear");
    expect(await leaseNextTask(project, labeler.id)).toBeNull();
    const other = (await leaseNextTask(project, (await makeUser("labeler")).id))!;
    expect([first.id, second.id]).toContain(other.id);
  });

  it("returns an expired lease to the pool", async () => {
    const project = await projectWith();
    await makeRankingTask(project);
    const slow = await makeUser("labeler");
    const task = (await leaseNextTask(project, slow.id))!;
    const fast = await makeUser("labeler");
    expect(await leaseNextTask(project, fast.id)).toBeNull();
    await db.assignment.updateMany({
      where: { taskId: task.id, labelerId: slow.id },
      data: { leaseExpiresAt: new Date(Date.now() - 1000) },
    });
    const taken = (await leaseNextTask(project, fast.id))!;
    expect(taken.id).toBe(task.id);
    // The slow labeler's answer now arrives too late: 409, and nothing is recorded for them.
    expect(await statusOf(submitTask(task.id, slow.id, answerFor(task)))).toBe(409);
    expect(await db.submission.count({ where: { taskId: task.id } })).toBe(0);
  });

  it("still accepts an answer after the lease ran out when nobody took the task", async () => {
    const project = await projectWith();
    await makeRankingTask(project);
    const labeler = await makeUser("labeler");
    const task = (await leaseNextTask(project, labeler.id))!;
    await db.assignment.updateMany({ where: { taskId: task.id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect(await submitTask(task.id, labeler.id, answerFor(task))).toEqual({ status: "submitted" });
    const row = await db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ status: "done", submittedCount: 1, leasedCount: 0 });
  });
});

describe("submitting", () => {
  it("records ratings, tie groups, prompt labels, display order and the instructions version", async () => {
    const project = await projectWith();
    await makeRankingTask(project, 6);
    const labeler = await makeUser("labeler");
    const task = (await leaseNextTask(project, labeler.id))!;
    const ids = task.outputs.map((o) => o.id);
    const groups = [[ids[2]!], [ids[0]!, ids[1]!], [ids[3]!], [ids[4]!, ids[5]!]];
    await submitTask(task.id, labeler.id, { ...answerFor(task, groups), note: "B and A were close" });
    const submission = await db.submission.findFirstOrThrow({ where: { taskId: task.id } });
    expect(submission.ranking).toEqual(groups);
    expect(submission.displayOrder).toEqual(ids);
    expect(submission).toMatchObject({
      promptCategory: "generation",
      promptFlags: ["requests_advice"],
      instructionsVersion: 1,
      durationMs: 42_000,
      note: "B and A were close",
    });
    expect(await submitTask(task.id, labeler.id, answerFor(task))).toEqual({ status: "already_submitted" });
  });

  it("rejects incomplete or inconsistent rankings with 422 naming the problem", async () => {
    const project = await projectWith();
    await makeRankingTask(project, 4);
    const labeler = await makeUser("labeler");
    const task = (await leaseNextTask(project, labeler.id))!;
    const ids = task.outputs.map((o) => o.id);
    const good = answerFor(task);
    const cases = [
      { ...good, ratings: Object.fromEntries(Object.entries(good.ratings).slice(1)) },
      { ...good, ranking: [[ids[0]!], [ids[1]!], [ids[2]!]] },
      { ...good, ranking: [[ids[0]!, ids[1]!], [ids[1]!], [ids[2]!, ids[3]!]] },
      { ...good, ranking: [...good.ranking, ["not-an-output"]] },
      { ...good, ratings: { ...good.ratings, [ids[0]!]: { likert: 8, flags: [] } } },
      { ...good, prompt_labels: { category: "poetry", flags: [] } },
      { ...good, ratings: { ...good.ratings, [ids[0]!]: { likert: 3, flags: ["rude"] } } },
    ];
    for (const body of cases) {
      const error = await submitTask(task.id, labeler.id, body).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).issues?.length).toBeGreaterThan(0);
    }
    expect(await db.submission.count({ where: { taskId: task.id } })).toBe(0);
    expect(await submitTask(task.id, labeler.id, good)).toEqual({ status: "submitted" });
  });

  it("takes demonstrations", async () => {
    const project = await projectWith();
    const promptId = await makePrompt(project);
    await createDemonstrationTasks(project, { prompt_ids: [promptId], labels: 2 });
    const [a, b, c] = await Promise.all([makeUser("labeler"), makeUser("labeler"), makeUser("labeler")]);
    const taskA = (await leaseNextTask(project, a.id))!;
    expect(taskA).toMatchObject({ kind: "demonstration", outputs: [], prompt: { id: promptId } });
    expect(await statusOf(submitTask(taskA.id, a.id, { text: "   " }))).toBe(422);
    await submitTask(taskA.id, a.id, { text: "Here is how I would answer." });
    const taskB = (await leaseNextTask(project, b.id))!;
    await submitTask(taskB.id, b.id, { text: "A second demonstration." });
    expect(await leaseNextTask(project, c.id)).toBeNull();
    const texts = (await db.submission.findMany({ where: { taskId: taskA.id } })).map((s) => s.demonstration).sort();
    expect(texts).toEqual(["A second demonstration.", "Here is how I would answer."]);
  });

  it("refuses another labeler's task", async () => {
    const project = await projectWith();
    await makeRankingTask(project);
    const owner = await makeUser("labeler");
    const task = (await leaseNextTask(project, owner.id))!;
    const intruder = await makeUser("labeler");
    expect(await statusOf(submitTask(task.id, intruder.id, answerFor(task)))).toBe(404);
    expect(await statusOf(skipTask(task.id, intruder.id, "other", "x"))).toBe(404);
  });
});

describe("admin controls", () => {
  it("release a stuck lease and reopen a done task", async () => {
    const project = await projectWith();
    await makeRankingTask(project);
    const admin = await makeUser("admin");
    const stuck = await makeUser("labeler");
    const task = (await leaseNextTask(project, stuck.id))!;
    const assignment = await db.assignment.findFirstOrThrow({ where: { taskId: task.id } });
    await releaseLease(assignment.id, admin.id);
    const helper = await makeUser("labeler");
    const taken = (await leaseNextTask(project, helper.id))!;
    expect(taken.id).toBe(task.id);
    await submitTask(taken.id, helper.id, answerFor(taken));
    expect(await statusOf(releaseLease(assignment.id, admin.id))).toBe(404);

    await reopenTask(task.id, admin.id);
    const third = await makeUser("labeler");
    expect((await leaseNextTask(project, third.id))!.id).toBe(task.id);
    expect(await statusOf(reopenTask(task.id, admin.id))).toBe(409);
  });
});
