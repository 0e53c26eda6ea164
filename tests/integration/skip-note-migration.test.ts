// The skip_note migration's data step: skips stored before reason and note were apart ("reason:
// words", or free text) read like new ones once it has run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeProject, makeRankingTask, makeUser } from "../support/factory";

const migration = readFileSync(path.join(process.cwd(), "prisma/migrations/20261204075544_skip_note/migration.sql"), "utf8");
// Only the UPDATE statements: the column itself is already there, as in every migrated database.
const updates = migration
  .split(";")
  .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
  .filter((statement) => statement.startsWith("UPDATE"));

describe("skip_note migration", () => {
  it("splits old skip reasons into a reason code and the labeler's note", async () => {
    const project = await makeProject();
    const stored = ["intent_unclear: Java or Python?", "lacks_expertise", "other:   ", "I just don't like it", "harmful_or_sensitive:x: y"];
    const ids: string[] = [];
    for (const reason of stored) {
      const task = await makeRankingTask(project);
      const labeler = await makeUser("labeler");
      const assignment = await db.assignment.create({
        data: {
          taskId: task.id,
          labelerId: labeler.id,
          projectId: project.id,
          status: "skipped",
          leaseExpiresAt: new Date(),
          finishedAt: new Date(),
          skipReason: reason,
        },
      });
      ids.push(assignment.id);
    }
    expect(updates).toHaveLength(2);
    for (const statement of updates) await db.$executeRawUnsafe(statement);

    const rows = await db.assignment.findMany({ where: { id: { in: ids } }, select: { id: true, skipReason: true, skipNote: true } });
    const byId = new Map(rows.map((row) => [row.id, { reason: row.skipReason, note: row.skipNote }]));
    expect(ids.map((id) => byId.get(id))).toEqual([
      { reason: "intent_unclear", note: "Java or Python?" },
      { reason: "lacks_expertise", note: null },
      { reason: "other", note: null },
      { reason: "other", note: "I just don't like it" },
      { reason: "harmful_or_sensitive", note: "x: y" },
    ]);
  });
});
