import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getExportCounts, recordCount } from "@/lib/exports/admin-queries";
import { encodeCursor, exportRecords, planExport } from "@/lib/exports/records";
import { exportQuerySchema } from "@/lib/exports/schema";
import { createSnapshot, getSnapshot, listSnapshots } from "@/lib/exports/snapshots";
import type { Project } from "@/lib/generated/prisma/client";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import { setLabelerStatus } from "@/lib/labeling/standing";
import { createComparisonTask } from "@/lib/labeling/tasks";
import { SPLITS } from "@/lib/prompts/split";
import { makeProject, makePrompt, makeRankingTask, makeUser } from "../support/factory";
import { waitForSettledExports } from "../support/settle";

/** Leases the labeler's next task (a gold one when `gold`, never one otherwise) and ranks it in output order. */
async function rankNext(project: Project, labelerId: string, gold: boolean) {
  const task = (await leaseNextTask({ ...project, goldRate: gold ? 1 : 0 }, labelerId))!;
  const ids = task.outputs.map((o) => o.id);
  await submitTask(task.id, labelerId, {
    ratings: Object.fromEntries(ids.map((id) => [id, { likert: 4, flags: [] }])),
    ranking: [[ids[0]!], [ids[1]!, ids[2]!], [ids[3]!]],
    prompt_labels: { category: "chat", flags: [] },
  });
  return (await db.submission.findFirstOrThrow({ where: { taskId: task.id, labelerId } })).id;
}

async function pull(project: Project, params: Record<string, string>) {
  const query = exportQuerySchema("comparisons").parse(params);
  const range = await planExport(project, "comparisons", query);
  if (!range) return { records: [] as { group_id: string }[], cursor: query.since };
  const records: { group_id: string }[] = [];
  for await (const record of exportRecords(project, "comparisons", query, range)) records.push(record as { group_id: string });
  return { records, cursor: encodeCursor(range.until) };
}

const groupIds = async (project: Project, params: Record<string, string>) =>
  (await pull(project, { format: "batches", ...params })).records.map((record) => record.group_id);

/**
 * A project with, in order: a gold ranking by a good labeler, a ranking by the same labeler, one
 * by a labeler blocked afterwards, one by a labeler who failed screening, one by a labeler with no
 * standing row (counted), and one by a warned labeler (counted).
 */
async function scenario() {
  const project = await makeProject();
  const admin = await makeUser("admin");
  const promptId = await makePrompt(project);
  const gold = await createComparisonTask(project, {
    prompt_id: promptId,
    outputs: Array.from({ length: 4 }, (_, i) => ({ model: `model-${i}`, text: `Gold answer ${i} for ${promptId}` })),
    gold_ranking: [[0], [1], [2], [3]],
  });
  for (let i = 0; i < 5; i++) await makeRankingTask(project, 4);
  const [good, blocked, failed, unknown, warned] = await Promise.all(Array.from({ length: 5 }, () => makeUser("labeler")));
  const made = {
    gold: await rankNext(project, good!.id, true),
    good: await rankNext(project, good!.id, false),
    blocked: await rankNext(project, blocked!.id, false),
    failed: await rankNext(project, failed!.id, false),
    unknown: await rankNext(project, unknown!.id, false),
    warned: await rankNext(project, warned!.id, false),
  };
  expect((await db.submission.findUniqueOrThrow({ where: { id: made.gold } })).taskId).toBe(gold.id);
  await setLabelerStatus(project, blocked!.id, "blocked", admin.id);
  await setLabelerStatus(project, warned!.id, "warned", admin.id);
  await db.labelerQuality.update({
    where: { projectId_labelerId: { projectId: project.id, labelerId: failed!.id } },
    data: { status: "failed_screening" },
  });
  await db.labelerQuality.delete({ where: { projectId_labelerId: { projectId: project.id, labelerId: unknown!.id } } });
  await waitForSettledExports(project.id);
  return { project, made };
}

describe("export filters on comparisons", () => {
  it("leave out gold tasks and blocked or failed-screening labelers by default, and keep them when asked", async () => {
    const { project, made } = await scenario();
    const counted = [made.good, made.unknown, made.warned];
    expect(await groupIds(project, {})).toEqual(counted);
    expect(await groupIds(project, { gold: "exclude", labelers: "counted" })).toEqual(counted);
    expect(await groupIds(project, { gold: "include" })).toEqual([made.gold, ...counted]);
    expect(await groupIds(project, { labelers: "all" })).toEqual([made.good, made.blocked, made.failed, made.unknown, made.warned]);
    expect(await groupIds(project, { gold: "include", labelers: "all" })).toEqual([
      made.gold,
      made.good,
      made.blocked,
      made.failed,
      made.unknown,
      made.warned,
    ]);

    // Every pair format obeys the same filters (each ranking: 6 pairs, 1 tied).
    for (const format of ["pairs", "trl", "trl-conversational", "openai", "hh"]) {
      const records = (await pull(project, { format })).records;
      expect(records, format).toHaveLength(3 * 5);
      expect(new Set(records.map((r) => r.group_id)), format).toEqual(new Set(counted));
      expect((await pull(project, { format, gold: "include", labelers: "all", ties: "include" })).records, format).toHaveLength(6 * 6);
    }

    // The export screen's counts apply the default filters too, and agree with the export.
    const counts = await getExportCounts(project.id);
    const total = (perSplit: Record<string, number>) => SPLITS.reduce((sum, split) => sum + perSplit[split]!, 0);
    expect(total(counts.rankings)).toBe(3);
    expect(recordCount(counts, "comparisons", { format: "pairs", ties: "exclude" })).toBe(15);
    const all = await getExportCounts(project.id, { gold: "include", labelers: "all" });
    expect(total(all.rankings)).toBe(6);
  });

  it("page incrementally through filtered rankings: every counted one once, in order, none of the others", async () => {
    const { project, made } = await scenario();
    for (const [params, expected] of [
      [{}, [made.good, made.unknown, made.warned]],
      [{ gold: "include", labelers: "all" }, [made.gold, made.good, made.blocked, made.failed, made.unknown, made.warned]],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let round = 0; round < expected.length + 2; round++) {
        const page = await pull(project, { format: "batches", limit: "1", ...params, ...(cursor ? { since: cursor } : {}) });
        expect(page.records.length).toBeLessThanOrEqual(1);
        seen.push(...page.records.map((r) => r.group_id));
        cursor = page.cursor;
      }
      expect(seen).toEqual(expected);
    }

    // A labeler blocked after their ranking was pulled does not disturb the cursor: later rankings still come.
    const first = await pull(project, {});
    const late = await makeUser("labeler");
    const admin = await makeUser("admin");
    await makeRankingTask(project, 4);
    const lateId = await rankNext(project, late.id, false);
    const [warnedSubmission] = await db.submission.findMany({ where: { id: made.warned }, select: { labelerId: true } });
    await setLabelerStatus(project, warnedSubmission!.labelerId, "blocked", admin.id);
    await waitForSettledExports(project.id);
    expect((await pull(project, { since: first.cursor! })).records.map((r) => r.group_id)).toEqual([lateId]);
  });

  it("reject unknown values with the allowed ones, and take the filters on comparisons only", () => {
    const comparisons = exportQuerySchema("comparisons");
    expect(comparisons.parse({})).toMatchObject({ gold: "exclude", labelers: "counted" });
    const gold = comparisons.safeParse({ gold: "maybe" });
    expect(gold.success).toBe(false);
    expect(gold.error?.issues[0]).toMatchObject({ path: ["gold"], message: "Use one of: exclude, include." });
    const labelers = comparisons.safeParse({ labelers: "some" });
    expect(labelers.error?.issues[0]).toMatchObject({ path: ["labelers"], message: "Use one of: counted, all." });
    expect(Object.keys(exportQuerySchema("demonstrations").shape)).not.toContain("gold");
    expect(Object.keys(exportQuerySchema("prompts").shape)).not.toContain("labelers");
  });

  it("record the filters in snapshot manifests, and read manifests written before them", async () => {
    const { project } = await scenario();
    const plain = await createSnapshot(project, { name: "default", dataset: "comparisons", format: "batches" }, {});
    expect(plain.filters).toEqual({ split: null, model: null, ties: "exclude", gold: "exclude", labelers: "counted" });
    expect(Object.values(plain.records_per_split).reduce((a, b) => a + b, 0)).toBe(3);
    const everything = await createSnapshot(
      project,
      { name: "everything", dataset: "comparisons", format: "batches", gold: "include", labelers: "all" },
      {},
    );
    expect(everything.filters).toMatchObject({ gold: "include", labelers: "all" });
    expect(Object.values(everything.records_per_split).reduce((a, b) => a + b, 0)).toBe(6);
    const prompts = await createSnapshot(project, { name: "prompts", dataset: "prompts" }, {});
    expect(prompts.filters).toMatchObject({ gold: null, labelers: null });

    // A manifest stored before the filters existed: its comparisons were not filtered.
    const old = await db.exportSnapshot.findUniqueOrThrow({ where: { projectId_name: { projectId: project.id, name: "everything" } } });
    const { gold: _gold, labelers: _labelers, ...oldFilters } = everything.filters;
    await db.exportSnapshot.update({
      where: { id: old.id },
      data: { manifest: { ...everything, name: "everything", filters: oldFilters } },
    });
    expect((await getSnapshot(project, "everything")).manifest.filters).toEqual({
      split: null,
      model: null,
      ties: "exclude",
      gold: "include",
      labelers: "all",
    });
    const listed = await listSnapshots(project);
    expect(listed.find((s) => s.name === "everything")!.filters).toMatchObject({ gold: "include", labelers: "all" });
    expect(listed.find((s) => s.name === "default")!.filters).toMatchObject({ gold: "exclude", labelers: "counted" });
  });
});
