import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { labelerPseudonym } from "@/lib/exports/records";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import type { NextTask } from "@/lib/labeling/schema";
import { setLabelerStatus } from "@/lib/labeling/standing";
import { createComparisonTask } from "@/lib/labeling/tasks";
import { getModelReport, getOwnStanding, getQualityReport, listDisagreements, listGoldTasks } from "@/lib/quality/report";
import { makeProject, makePrompt, makeRankingTask, makeUser } from "../support/factory";

type Project = Awaited<ReturnType<typeof makeProject>>;

/** The output's number: makeRankingTask writes "Answer number i" for model-i, gold tasks "Gold answer i". */
const numberOf = (text: string) => Number(/(\d+) for/.exec(text)![1]);

/** Ranks a task by tie groups of output numbers, best first; rates output i with 7 − i and flags output 3. */
async function rank(project: Project, labelerId: string, groups: number[][]) {
  const task = (await leaseNextTask(project, labelerId)) as NextTask;
  const idOf = new Map(task.outputs.map((output) => [numberOf(output.text), output.id]));
  await submitTask(task.id, labelerId, {
    ratings: Object.fromEntries(
      task.outputs.map((output) => [
        output.id,
        { likert: 7 - numberOf(output.text), flags: numberOf(output.text) === 3 ? ["hallucination"] : [] },
      ]),
    ),
    ranking: groups.map((group) => group.map((n) => idOf.get(n)!)),
    prompt_labels: { category: "generation", flags: [] },
    duration_ms: 60_000,
  });
  return task.id;
}

describe("the quality and model reports", () => {
  it("match figures computed by hand, with blocked labelers in agreement but out of win rates", async () => {
    const created = await makeProject();
    const project = await db.project.update({
      where: { id: created.id },
      data: { labelsPerTask: 3, goldRate: 0, baselineModel: "model-0" },
    });
    await makeRankingTask(project);
    await makeRankingTask(project);
    const [a, b, c, admin] = [await makeUser("labeler"), await makeUser("labeler"), await makeUser("labeler"), await makeUser("admin")];

    // Task 1: A 0>1>2>3, B 0>1>3>2, C 3>2>1>0. Task 2: A 0=1>2>3, B 0>1>2>3.
    await rank(project, a.id, [[0], [1], [2], [3]]);
    await rank(project, b.id, [[0], [1], [3], [2]]);
    await rank(project, c.id, [[3], [2], [1], [0]]);
    await rank(project, a.id, [[0, 1], [2], [3]]);
    await rank(project, b.id, [[0], [1], [2], [3]]);
    await setLabelerStatus(project, c.id, "blocked", admin.id);

    // A gold task (reference 0>1>2>3): A answers it right, B ties the top two (a miss on 1 of 6 pairs).
    const gold = await createComparisonTask(project, {
      prompt_id: await makePrompt(project),
      outputs: Array.from({ length: 4 }, (_, i) => ({ model: `model-${i}`, text: `Gold answer ${i} for gold` })),
      gold_ranking: [[0], [1], [2], [3]],
    });
    const goldProject = await db.project.update({ where: { id: project.id }, data: { goldRate: 1 } });
    expect(await rank(goldProject, a.id, [[0], [1], [2], [3]])).toBe(gold.id);
    expect(await rank(goldProject, b.id, [[0, 1], [2], [3]])).toBe(gold.id);

    const report = await getQualityReport(goldProject);
    // Task 1: AB agree on 5 of 6 pairs, AC on 0, BC on 1 (both put 3 above 2); task 2: AB on 5 of 6.
    expect(report.overall.pairwise_agreement.value).toBeCloseTo(11 / 24, 10);
    expect(report.overall.pairwise_agreement.n).toBe(24);
    const [lo, hi] = report.overall.pairwise_agreement.ci95!;
    expect(lo).toBeLessThanOrEqual(11 / 24);
    expect(hi).toBeGreaterThanOrEqual(11 / 24);
    expect(report.overall).toMatchObject({ tasks: 2, rankings: 5 });

    const byName = new Map(report.labelers.map((labeler) => [labeler.labeler, labeler]));
    const reportOf = (id: string) => byName.get(labelerPseudonym(project, id))!;
    // C's pairs: with A 0 of 6, with B 1 of 6.
    expect(reportOf(c.id).pairwise_agreement).toMatchObject({ value: 1 / 12, n: 12 });
    expect(reportOf(c.id).status).toBe("blocked");
    // One gold task each: every resample is that task, so the interval is the point.
    expect(reportOf(a.id).gold).toEqual({ answered: 1, accuracy: 1, ci95: [1, 1], pairs: 6 });
    expect(reportOf(b.id).gold).toEqual({ answered: 1, accuracy: 5 / 6, ci95: [5 / 6, 5 / 6], pairs: 6 });
    expect(reportOf(a.id)).toMatchObject({ rankings: 2, median_duration_ms: 60_000 });
    // A put output 0 on top in all three rankings; which output was shown first is random.
    expect(reportOf(a.id).position_bias.expected).toBeCloseTo((1 / 4 + 2 / 4 + 1 / 4) / 3, 10);
    expect(reportOf(a.id).position_bias.n).toBe(3);
    expect(JSON.stringify(report)).not.toContain(a.email);

    const models = await getModelReport(goldProject);
    expect(models.baseline).toBe("model-0");
    const model = (name: string) => models.models.find((entry) => entry.model === name)!;
    // model-1 against model-0 over A's and B's four rankings: lost, lost, tied, lost → 0.5 / 4.
    expect(model("model-1")).toMatchObject({ comparisons: 4, win_rate: 0.125 });
    expect(model("model-3")).toMatchObject({ comparisons: 4, win_rate: 0 });
    // Counted: A's and B's four rankings, each rating every output once.
    expect(model("model-0")).toMatchObject({
      comparisons: 0,
      win_rate: null,
      bt_score: 1000,
      mean_likert: 7,
      likert_ratings: 4,
      outputs_rated: 4,
    });
    expect(model("model-3").flag_rates.hallucination).toBe(1);
    expect(model("model-2").flag_rates.hallucination).toBe(0);
    expect(models.models.map((entry) => entry.model)).toEqual(["model-0", "model-1", "model-2", "model-3"]);
    for (const entry of models.models.slice(1)) expect(entry.bt_score!).toBeLessThan(1000);
    expect((await getModelReport(goldProject, { split: "train", baseline: "model-2" })).baseline).toBe("model-2");

    const review = await listDisagreements(goldProject);
    expect(review.map((entry) => entry.agreement.value)).toEqual([6 / 18, 5 / 6]);
    expect(review[0]!.rankings).toHaveLength(3);
    const golds = await listGoldTasks(goldProject);
    expect(golds).toEqual([expect.objectContaining({ task_id: gold.id, answered: 2, accuracy: 11 / 12 })]);
    expect(await getOwnStanding(goldProject, b.id)).toEqual({ status: "active", gold_answered: 1, gold_accuracy: 5 / 6 });
  });

  it("answer with empty figures for a project with no rankings, and one labeler alone", async () => {
    const project = await makeProject();
    const empty = await getQualityReport(project);
    expect(empty.overall.pairwise_agreement).toEqual({ value: null, ci95: null, n: 0 });
    expect(empty.labelers).toEqual([]);
    expect((await getModelReport(project)).models).toEqual([]);

    const alone = await makeUser("labeler");
    await makeRankingTask(project);
    await rank(project, alone.id, [[0], [1], [2], [3]]);
    const one = await getQualityReport(project);
    expect(one.overall).toMatchObject({ tasks: 0, rankings: 0, pairwise_agreement: { value: null, n: 0 } });
    expect(one.labelers).toHaveLength(1);

    // The report is kept per data version: a new ranking is in the next answer.
    await db.task.updateMany({ where: { projectId: project.id }, data: { status: "open", labelsNeeded: 2 } });
    const second = await makeUser("labeler");
    await rank(project, second.id, [[0], [1], [3], [2]]);
    const two = await getQualityReport(project);
    expect(two.overall).toMatchObject({ tasks: 1, rankings: 2, pairwise_agreement: { value: 5 / 6, n: 6 } });
  });
});
