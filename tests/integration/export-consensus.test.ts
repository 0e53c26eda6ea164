import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getExportCounts, getExportPreview, recordCount } from "@/lib/exports/admin-queries";
import { encodeCursor, exportRecords, planExport } from "@/lib/exports/records";
import { exportQuerySchema } from "@/lib/exports/schema";
import { createSnapshot } from "@/lib/exports/snapshots";
import type { Project } from "@/lib/generated/prisma/client";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import { setLabelerStatus } from "@/lib/labeling/standing";
import { createComparisonTask } from "@/lib/labeling/tasks";
import { makeProject, makePrompt, makeRankingTask, makeUser } from "../support/factory";
import { waitForSettledExports } from "../support/settle";

type ConsensusRecord = {
  group_id: string;
  prompt: { id: string; text: string; split: string };
  outputs: { id: string; model: string; text: string; mean_rank: number }[];
  rankings: number;
  aggregate: string[][];
  method: string;
  pairs: { a: string; b: string; a_better: number; b_better: number; tied: number }[];
};

async function projectWith(settings: { labelsPerTask: number }) {
  const project = await makeProject();
  return db.project.update({ where: { id: project.id }, data: settings });
}

/**
 * The labeler leases their next task (a gold one when `gold`) and ranks it: `ranks[p]` is the tie
 * group (0 = best) of the output at position p. Returns the task id.
 */
async function rank(project: Project, labelerId: string, ranks: number[], gold = false) {
  const task = (await leaseNextTask({ ...project, goldRate: gold ? 1 : 0 }, labelerId))!;
  const outputs = await db.taskOutput.findMany({ where: { taskId: task.id }, orderBy: { position: "asc" }, select: { id: true } });
  const groups = [...new Set(ranks)].sort((a, b) => a - b).map((group) => outputs.filter((_, p) => ranks[p] === group).map((o) => o.id));
  await submitTask(task.id, labelerId, {
    ratings: Object.fromEntries(outputs.map((o) => [o.id, { likert: 4, flags: [] }])),
    ranking: groups,
    prompt_labels: { category: "chat", flags: [] },
  });
  return task.id;
}

async function pull(project: Project, params: Record<string, string>) {
  await waitForSettledExports(project.id);
  const query = exportQuerySchema("comparisons").parse({ format: "consensus", ...params });
  const range = await planExport(project, "comparisons", query);
  if (!range) return { records: [] as ConsensusRecord[], cursor: query.since };
  const records: ConsensusRecord[] = [];
  for await (const record of exportRecords(project, "comparisons", query, range)) records.push(record as ConsensusRecord);
  return { records, cursor: encodeCursor(range.until) };
}

const votes = (record: ConsensusRecord, ids: string[]) =>
  record.pairs.map((p) => [ids.indexOf(p.a), ids.indexOf(p.b), p.a_better, p.b_better, p.tied]);

describe("consensus export", () => {
  it("counts every labeler's vote per output pair and aggregates by mean rank, under the filters", async () => {
    const project = await projectWith({ labelsPerTask: 3 });
    const admin = await makeUser("admin");
    const task = await makeRankingTask(project, 4);
    const ids = task.outputs.map((o) => o.id);
    const [first, second, third] = [await makeUser("labeler"), await makeUser("labeler"), await makeUser("labeler")];
    await rank(project, first.id, [0, 1, 1, 2]);
    await rank(project, second.id, [0, 0, 1, 2]);
    await rank(project, third.id, [3, 2, 1, 0]);
    // A task ranked once only is not a consensus record.
    await makeRankingTask(project, 5);
    await rank(project, first.id, [0, 1, 2, 3, 4]);
    await setLabelerStatus(project, third.id, "blocked", admin.id);

    const counted = (await pull(project, {})).records;
    expect(counted).toHaveLength(1);
    const [record] = counted;
    const prompt = await db.task.findUniqueOrThrow({ where: { id: task.id }, select: { prompt: true } });
    expect(record).toMatchObject({
      group_id: task.id,
      prompt: { id: prompt.prompt.id, text: prompt.prompt.text, split: prompt.prompt.split },
      rankings: 2,
      method: "mean_rank",
      aggregate: [[ids[0]], [ids[1]], [ids[2]], [ids[3]]],
    });
    expect(record!.outputs.map((o) => [o.id, o.model, o.mean_rank])).toEqual([
      [ids[0], "model-0", 1.25],
      [ids[1], "model-1", 2],
      [ids[2], "model-2", 2.75],
      [ids[3], "model-3", 4],
    ]);
    expect(record!.outputs[0]!.text).toMatch(/^Answer number 0/);
    expect(votes(record!, ids)).toEqual([
      [0, 1, 1, 0, 1],
      [0, 2, 2, 0, 0],
      [0, 3, 2, 0, 0],
      [1, 2, 1, 0, 1],
      [1, 3, 2, 0, 0],
      [2, 3, 2, 0, 0],
    ]);

    // With the blocked labeler's reversed ranking: one more vote against the order on every pair.
    const [all] = (await pull(project, { labelers: "all" })).records;
    expect(all).toMatchObject({ group_id: task.id, rankings: 3, aggregate: [[ids[0]], [ids[1]], [ids[2]], [ids[3]]] });
    expect(all!.outputs.map((o) => Math.round(o.mean_rank * 3 * 10) / 10)).toEqual([6.5, 7, 7.5, 9]);
    expect(votes(all!, ids)).toEqual([
      [0, 1, 1, 1, 1],
      [0, 2, 2, 1, 0],
      [0, 3, 2, 1, 0],
      [1, 2, 1, 1, 1],
      [1, 3, 2, 1, 0],
      [2, 3, 2, 1, 0],
    ]);

    // The model filter keeps tasks with an output of that model; the screen's counts agree.
    expect((await pull(project, { model: "model-3" })).records).toHaveLength(1);
    expect((await pull(project, { model: "no-such-model" })).records).toHaveLength(0);
    const counts = await getExportCounts(project.id);
    expect(recordCount(counts, "comparisons", { format: "consensus", ties: "exclude" })).toBe(1);
    expect(recordCount(counts, "comparisons", { format: "consensus", split: record!.prompt.split as "train", ties: "exclude" })).toBe(1);
    const preview = await getExportPreview(project, "comparisons", exportQuerySchema("comparisons").parse({ format: "consensus" }));
    expect(preview).toEqual(counted);
    const snapshot = await createSnapshot(project, { name: "soft", dataset: "comparisons", format: "consensus" }, {});
    expect(Object.values(snapshot.records_per_split).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("leaves gold tasks out unless gold=include", async () => {
    const project = await projectWith({ labelsPerTask: 1 });
    const promptId = await makePrompt(project);
    const gold = await createComparisonTask(project, {
      prompt_id: promptId,
      outputs: Array.from({ length: 4 }, (_, i) => ({ model: `model-${i}`, text: `Gold answer ${i} for ${promptId}` })),
      gold_ranking: [[0], [1], [2], [3]],
    });
    for (const _ of [1, 2]) await rank(project, (await makeUser("labeler")).id, [0, 1, 2, 3], true);
    expect((await pull(project, {})).records).toEqual([]);
    const [record] = (await pull(project, { gold: "include" })).records;
    expect(record).toMatchObject({ group_id: gold.id, rankings: 2 });
    expect(record!.pairs.every((p) => p.a_better === 2)).toBe(true);
  });

  it("pulls incrementally with nothing skipped and no state repeated while rankings arrive; the last record per task is the full export's", async () => {
    const project = await projectWith({ labelsPerTask: 3 });
    for (let i = 0; i < 4; i++) await makeRankingTask(project, 4);
    const labelers = [await makeUser("labeler"), await makeUser("labeler"), await makeUser("labeler")];
    // Each labeler takes the oldest task they have not ranked: labeler 1 ranks tasks 1–4, then
    // labeler 2 ranks tasks 1–4, … so every task gains rankings across several pulls.
    const events: [number, number[]][] = [];
    for (const [l] of labelers.entries()) for (let t = 0; t < 4; t++) events.push([l, [(l + t) % 4, (l + 2 * t) % 3, 1, (t + 1) % 2]]);

    const emitted: ConsensusRecord[][] = [];
    let cursor: string | undefined;
    const pullOnce = async (limit?: number) => {
      const page = await pull(project, { ...(limit ? { limit: String(limit) } : {}), ...(cursor ? { since: cursor } : {}) });
      if (limit) expect(page.records.length).toBeLessThanOrEqual(limit);
      expect(new Set(page.records.map((r) => r.group_id)).size).toBe(page.records.length);
      emitted.push(page.records);
      cursor = page.cursor;
    };
    for (const [index, [l, ranks]] of events.entries()) {
      await rank(project, labelers[l]!.id, ranks);
      if (index % 2 === 1) await pullOnce(1);
      if (index % 5 === 4) await pullOnce(2);
    }
    for (let round = 0; round < 20; round++) await pullOnce(1);
    expect(emitted.at(-1)).toEqual([]);

    const full = (await pull(project, {})).records;
    expect(full).toHaveLength(4);
    expect(full.every((record) => record.rankings === 3)).toBe(true);
    const flat = emitted.flat();
    const last = new Map<string, ConsensusRecord>();
    const counts = new Map<string, number[]>();
    for (const record of flat) {
      last.set(record.group_id, record);
      counts.set(record.group_id, [...(counts.get(record.group_id) ?? []), record.rankings]);
    }
    // Nothing skipped: the last record of each task is the one a full export gives.
    expect(full.map((record) => last.get(record.group_id))).toEqual(full);
    // Nothing repeated: a task comes again only with more rankings than before.
    for (const [task, seen] of counts) {
      expect(seen[0], task).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!, task).toBeGreaterThan(seen[i - 1]!);
    }
    // The same request answers the same records.
    expect((await pull(project, {})).records).toEqual(full);
    expect((await pull(project, { since: cursor! })).records).toEqual([]);
  });

  it("with a limit, ends after that many tasks: a chain of pulls equals one export", async () => {
    const project = await projectWith({ labelsPerTask: 2 });
    for (let i = 0; i < 5; i++) await makeRankingTask(project, 4);
    const [a, b] = [await makeUser("labeler"), await makeUser("labeler")];
    for (let i = 0; i < 5; i++) await rank(project, a.id, [0, 1, 2, 3]);
    for (let i = 0; i < 5; i++) await rank(project, b.id, [i % 4, 1, 2, 3]);
    const full = (await pull(project, {})).records;
    expect(full).toHaveLength(5);
    const chained: ConsensusRecord[] = [];
    let cursor: string | undefined;
    for (let round = 0; round < 3; round++) {
      const page = await pull(project, { limit: "2", ...(cursor ? { since: cursor } : {}) });
      expect(page.records).toHaveLength(round < 2 ? 2 : 1);
      chained.push(...page.records);
      cursor = page.cursor;
    }
    expect(chained).toEqual(full);
  });
});
