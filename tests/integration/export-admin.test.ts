import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getExportCounts, getExportPreview, recordCount } from "@/lib/exports/admin-queries";
import { exportRecords, planExport } from "@/lib/exports/records";
import { type ExportDataset, exportQuerySchema, FORMATS_BY_DATASET } from "@/lib/exports/schema";
import type { Project } from "@/lib/generated/prisma/client";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import { createDemonstrationTasks } from "@/lib/labeling/tasks";
import { SPLITS, type Split } from "@/lib/prompts/split";
import { makeProject, makePrompt, makeRankingTask, makeUser } from "../support/factory";
import { waitForSettledExports } from "../support/settle";

const choose2 = (n: number) => (n * (n - 1)) / 2;

/** Ranks the next task into the given tie-group sizes (e.g. [1, 2, 1] for K = 4 with one tie). */
async function rankNext(project: Project, groupSizes: number[]) {
  const labeler = await makeUser("labeler");
  const task = (await leaseNextTask(project, labeler.id))!;
  const ids = task.outputs.map((o) => o.id);
  const ranking: string[][] = [];
  let at = 0;
  for (const size of groupSizes) {
    ranking.push(ids.slice(at, at + size));
    at += size;
  }
  await submitTask(task.id, labeler.id, {
    ratings: Object.fromEntries(ids.map((id) => [id, { likert: 4, flags: [] }])),
    ranking,
    prompt_labels: { category: "chat", flags: [] },
  });
  const prompt = await db.task.findUniqueOrThrow({ where: { id: task.id }, select: { prompt: { select: { split: true } } } });
  return prompt.prompt.split as Split;
}

async function countRecords(project: Project, dataset: ExportDataset, params: Record<string, string>) {
  const query = exportQuerySchema(dataset).parse(params);
  await waitForSettledExports(project.id);
  const range = await planExport(project, dataset, query);
  let n = 0;
  if (range) for await (const _ of exportRecords(project, dataset, query, range)) n++;
  return n;
}

describe("export screen counts", () => {
  it("count rankings, pairs (C(K,2) minus ties), demonstrations and active prompts per split, as the exports do", async () => {
    const project = await makeProject();
    // K and tie groups: no ties, one tied pair, a tie of three, everything tied (no pairs at all).
    const shapes = [[1, 1, 1, 1], [1, 2, 1, 1], [3, 1, 1, 1, 1, 1], [4], [2, 2, 1, 1, 1, 1, 1]];
    const expected = {
      rankings: { train: 0, valid: 0, test: 0 },
      pairs: { train: 0, valid: 0, test: 0 },
      tiedPairs: { train: 0, valid: 0, test: 0 },
    };
    for (const shape of shapes) {
      const k = shape.reduce((a, b) => a + b, 0);
      await makeRankingTask(project, k);
      const split = await rankNext(project, shape);
      const tied = shape.reduce((total, size) => total + choose2(size), 0);
      expected.rankings[split] += 1;
      expected.pairs[split] += choose2(k) - tied;
      expected.tiedPairs[split] += tied;
    }
    const demoPrompt = await makePrompt(project);
    await createDemonstrationTasks(project, { prompt_ids: [demoPrompt], labels: 1 });
    const writer = await makeUser("labeler");
    const demoTask = (await leaseNextTask(project, writer.id))!;
    expect(demoTask.kind).toBe("demonstration");
    await submitTask(demoTask.id, writer.id, { text: "The answer a good assistant would give." });
    await makeRankingTask(project, 5); // not ranked yet: counts nowhere
    const archived = await makePrompt(project);
    await db.prompt.update({ where: { id: archived }, data: { status: "archived" } });

    const counts = await getExportCounts(project.id);
    expect(counts.rankings).toEqual(expected.rankings);
    expect(counts.pairs).toEqual(expected.pairs);
    expect(counts.tiedPairs).toEqual(expected.tiedPairs);
    const total = (perSplit: Record<Split, number>) => SPLITS.reduce((sum, split) => sum + perSplit[split], 0);
    expect(total(counts.pairs)).toBe(6 + 9 + 25 + 0 + 34);
    expect(total(counts.tiedPairs)).toBe(0 + 1 + 3 + 6 + 2);
    expect(total(counts.demonstrations)).toBe(1);
    // 5 ranked + 1 waiting + 1 demonstration prompt; the archived one is left out.
    expect(total(counts.prompts)).toBe(7);

    // Every figure agrees with what the export itself streams, split by split.
    for (const split of SPLITS) {
      for (const [dataset, format, ties] of [
        ["comparisons", "batches", "exclude"],
        ["comparisons", "trl", "exclude"],
        ["comparisons", "pairs", "include"],
        ["demonstrations", "sft", "exclude"],
        ["prompts", "prompts", "exclude"],
      ] as const) {
        const streamed = await countRecords(project, dataset, { format, split, ties });
        expect(recordCount(counts, dataset, { format, split, ties }), `${dataset}/${format}/${split}`).toBe(streamed);
      }
    }
  });

  it("count nothing for an empty project and preview no records", async () => {
    const project = await makeProject();
    const counts = await getExportCounts(project.id);
    for (const figure of Object.values(counts)) expect(figure).toEqual({ train: 0, valid: 0, test: 0 });
    expect(await getExportPreview(project, "comparisons", exportQuerySchema("comparisons").parse({ format: "pairs" }))).toEqual([]);
  });

  it("preview the first three records of every format, each pair carrying its group_id", async () => {
    const project = await makeProject();
    // The first ranking is fully tied (no pairs), so the preview must read past it.
    await makeRankingTask(project, 4);
    await rankNext(project, [4]);
    for (let i = 0; i < 2; i++) {
      await makeRankingTask(project, 4);
      await rankNext(project, [1, 1, 1, 1]);
    }
    await waitForSettledExports(project.id);
    for (const dataset of ["comparisons", "prompts"] as const) {
      // consensus needs tasks ranked twice (its preview is in export-consensus.test.ts).
      for (const format of FORMATS_BY_DATASET[dataset].filter((format) => format !== "consensus")) {
        const records = await getExportPreview(project, dataset, exportQuerySchema(dataset).parse({ format }));
        expect(records, format).toHaveLength(3);
        if (dataset === "comparisons")
          for (const record of records) expect((record as { group_id?: string }).group_id, format).toBeTruthy();
      }
    }
  });
});
