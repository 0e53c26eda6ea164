import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { encodeCursor, exportRecords, planExport } from "@/lib/exports/records";
import { exportQuerySchema } from "@/lib/exports/schema";
import type { Project } from "@/lib/generated/prisma/client";
import { leaseNextTask, submitTask } from "@/lib/labeling/queue";
import { makeProject, makeRankingTask, makeUser } from "../support/factory";
import { waitForSettledExports } from "../support/settle";

async function rankOne(project: Project) {
  await makeRankingTask(project, 4);
  const labeler = await makeUser("labeler");
  const task = (await leaseNextTask(project, labeler.id))!;
  const ids = task.outputs.map((o) => o.id);
  await submitTask(task.id, labeler.id, {
    ratings: Object.fromEntries(ids.map((id) => [id, { likert: 4, flags: [] }])),
    ranking: [[ids[0]!], [ids[1]!, ids[2]!], [ids[3]!]],
    prompt_labels: { category: "chat", flags: [] },
  });
  return db.submission.findFirstOrThrow({ where: { taskId: task.id } });
}

async function pull(project: Project, params: Record<string, string>, settle = true) {
  if (settle) await waitForSettledExports(project.id);
  const query = exportQuerySchema("comparisons").parse({ format: "batches", ...params });
  const range = await planExport(project, "comparisons", query);
  if (!range) return { ids: [] as string[], cursor: query.since };
  const ids: string[] = [];
  for await (const record of exportRecords(project, "comparisons", query, range)) ids.push((record as { group_id: string }).group_id);
  return { ids, cursor: encodeCursor(range.until) };
}

describe("export cursors", () => {
  it("page through rankings with nothing skipped or repeated while new ones arrive", async () => {
    const project = await makeProject();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await rankOne(project)).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let round = 0; round < 6; round++) {
      const page = await pull(project, { limit: "2", ...(cursor ? { since: cursor } : {}) });
      seen.push(...page.ids);
      cursor = page.cursor;
      if (round === 1) for (let i = 0; i < 3; i++) made.push((await rankOne(project)).id);
    }
    expect(seen).toEqual(made);
    const again = await pull(project, { since: cursor! });
    expect(again.ids).toEqual([]);
    expect(again.cursor).toBe(cursor);
  });

  it("hold back rows written after a transaction that is still running, then deliver them", async () => {
    const project = await makeProject();
    const first = await rankOne(project);
    await waitForSettledExports(project.id);
    const open = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await open.connect();
    await open.query("BEGIN");
    await open.query("SELECT pg_current_xact_id()"); // the open transaction now has an id older than what follows
    try {
      const late = await rankOne(project);
      const during = await pull(project, {}, false);
      expect(during.ids).toContain(first.id);
      expect(during.ids).not.toContain(late.id);
      await open.query("COMMIT");
      const after = await pull(project, { since: during.cursor! });
      expect(after.ids).toEqual([late.id]);
    } finally {
      await open.end();
    }
  });

  it("answer the same records in the same order for the same request", async () => {
    const project = await makeProject();
    for (let i = 0; i < 3; i++) await rankOne(project);
    expect((await pull(project, {})).ids).toEqual((await pull(project, {})).ids);
  });
});
