import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createImport, finishImport, ingestImportBatch } from "@/lib/imports/mutations";
import { makeProject, makeUser } from "../support/factory";

function jsonl(lines: string[]) {
  return lines.map((raw, index) => ({ line: index + 1, raw }));
}

describe("bulk import batches", () => {
  it("count every outcome, report bad lines by number, and do not count a retried batch twice", async () => {
    const admin = await makeUser("admin");
    const project = await makeProject();
    const importRow = await createImport(project, { file_name: "prompts.jsonl", format: "jsonl" }, admin.id);
    const records = jsonl([
      JSON.stringify({ text: "Write a haiku about autumn leaves", user_id: "u1" }),
      "{broken json",
      JSON.stringify({ text: "write a HAIKU about autumn leaves", user_id: "u2" }),
      JSON.stringify({ text: "", user_id: "u3" }),
      JSON.stringify({ user_id: "u4" }),
      JSON.stringify({ text: "Plan a three-day trip to Lisbon", user_id: "u1", category: "brainstorming" }),
    ]);
    const first = await ingestImportBatch(project, importRow, { batch: 0, records });
    expect(first).toEqual({ lines: 6, accepted: 2, duplicate: 1, quota: 0, rejected: 1, invalid: 2 });
    const again = await ingestImportBatch(project, importRow, { batch: 0, records });
    expect(again).toEqual(first);

    const problems = await db.promptImportProblem.findMany({ where: { importId: importRow.id }, orderBy: { line: "asc" } });
    expect(problems.map((p) => [p.line, p.status])).toEqual([
      [2, "invalid"],
      [3, "duplicate"],
      [4, "rejected"],
      [5, "invalid"],
    ]);
    expect(problems[3]!.reason).toMatch(/^text: /);
    expect(await db.prompt.count({ where: { importId: importRow.id, source: "import" } })).toBe(2);

    await finishImport(importRow, admin.id);
    const finished = await db.promptImport.findUniqueOrThrow({ where: { id: importRow.id } });
    await expect(ingestImportBatch(project, finished, { batch: 1, records })).rejects.toThrow(/finished/);
  });

  it("add nothing when the same file is imported again", async () => {
    const admin = await makeUser("admin");
    const project = await makeProject();
    const lines = [
      "text,user_id,category,channel",
      '"Summarise this article, please: ""Rates rise""",u1,summarization,web',
      "Translate good morning into Italian,u2,,mobile",
    ];
    const records = lines.map((raw, index) => ({ line: index + 1, raw }));
    for (const name of ["first.csv", "again.csv"]) {
      const importRow = await createImport(project, { file_name: name, format: "csv", header: lines[0] }, admin.id);
      await ingestImportBatch(project, importRow, { batch: 0, records });
    }
    const [first, second] = await db.promptImport.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } });
    expect(first).toMatchObject({ lines: 2, accepted: 2, invalid: 0 });
    expect(second).toMatchObject({ lines: 2, accepted: 0, duplicate: 2 });
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(2);
    const stored = await db.prompt.findFirstOrThrow({ where: { projectId: project.id, category: "summarization" } });
    expect(stored.text).toBe('Summarise this article, please: "Rates rise"');
    expect(stored.metadata).toEqual({ channel: "web" });
  });

  it("refuse a CSV header without a text column", async () => {
    const admin = await makeUser("admin");
    const project = await makeProject();
    await expect(createImport(project, { file_name: "x.csv", format: "csv", header: "prompt,user" }, admin.id)).rejects.toThrow(/text/);
  });
});
