import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Project, PromptImport } from "@/lib/generated/prisma/client";
import { parseCsvHeader, parseImportRecord } from "@/lib/imports/parse";
import type { CreateImportInput, ImportBatchInput } from "@/lib/imports/schema";
import { ingestPrompts } from "@/lib/prompts/ingest";
import type { PromptInput } from "@/lib/prompts/schema";

export type ImportTotals = Pick<PromptImport, "lines" | "accepted" | "duplicate" | "quota" | "rejected" | "invalid">;

export async function createImport(project: Project, input: CreateImportInput, actorId: string) {
  const header = input.format === "csv" ? parseCsvHeader(input.header ?? "") : [];
  if (input.format === "csv" && !header.includes("text") && !header.includes("messages")) {
    throw new AppError("unprocessable", "The CSV header must have a `text` or `messages` column (and `user_id`).", [
      { path: "header", message: "No `text` or `messages` column." },
    ]);
  }
  return db.$transaction(async (tx) => {
    const created = await tx.promptImport.create({
      data: { projectId: project.id, fileName: input.file_name, format: input.format, header, createdById: actorId },
    });
    await writeAudit(tx, {
      actorId,
      action: "import.start",
      targetType: "prompt_import",
      targetId: created.id,
      details: { format: input.format },
    });
    return created;
  });
}

export async function requireImport(project: Project, importId: string) {
  const found = await db.promptImport.findFirst({ where: { id: importId, projectId: project.id } });
  if (!found) throw new AppError("not_found", "No import with that id in this project.");
  return found;
}

/**
 * Runs one batch of an import's records through the prompt pipeline. Lines that do not parse are
 * counted as invalid with their line number; the rest get the pipeline's outcome. The tallies and
 * the problem lines commit with the prompts, and a retried batch (same number) changes nothing.
 */
export async function ingestImportBatch(project: Project, importRow: PromptImport, input: ImportBatchInput): Promise<ImportTotals> {
  if (importRow.finishedAt) throw new AppError("conflict", "This import is finished; start a new one.");
  // A CSV import's first line is its header, sent when the import was created.
  const records = importRow.format === "csv" ? input.records.filter((record) => record.line !== 1) : input.records;
  const parsed = records.map((record) => ({
    line: record.line,
    result: parseImportRecord(importRow.format as "csv" | "jsonl", record.raw, importRow.header),
  }));
  const valid = parsed.flatMap((entry) => (entry.result.ok ? [{ line: entry.line, prompt: entry.result.prompt as PromptInput }] : []));

  await ingestPrompts({
    project,
    source: "import",
    importId: importRow.id,
    prompts: valid.map((entry) => entry.prompt),
    idempotency: { scope: `import:${importRow.id}`, key: `batch:${input.batch}` },
    inSameTransaction: async (tx, outcomes) => {
      const problems = [
        ...parsed.flatMap((entry) =>
          entry.result.ok ? [] : [{ line: entry.line, status: "invalid", reason: entry.result.reason, duplicateOf: null }],
        ),
        ...outcomes.flatMap((outcome, index) =>
          outcome.status === "accepted"
            ? []
            : [
                {
                  line: valid[index]!.line,
                  status: outcome.status,
                  reason: outcome.reason ?? "Duplicate of a kept prompt.",
                  duplicateOf: outcome.duplicate_of ?? null,
                },
              ],
        ),
      ];
      if (problems.length) {
        await tx.promptImportProblem.createMany({
          data: problems.map((problem) => ({ importId: importRow.id, ...problem })),
          skipDuplicates: true,
        });
      }
      const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
      await tx.promptImport.update({
        where: { id: importRow.id },
        data: {
          lines: { increment: records.length },
          accepted: { increment: count("accepted") },
          duplicate: { increment: count("duplicate") },
          quota: { increment: count("quota_exceeded") },
          rejected: { increment: count("rejected") },
          invalid: { increment: parsed.length - valid.length },
        },
      });
    },
  });
  return db.promptImport.findUniqueOrThrow({
    where: { id: importRow.id },
    select: { lines: true, accepted: true, duplicate: true, quota: true, rejected: true, invalid: true },
  });
}

export async function finishImport(importRow: PromptImport, actorId: string) {
  return db.$transaction(async (tx) => {
    const finished = await tx.promptImport.update({
      where: { id: importRow.id },
      data: { finishedAt: importRow.finishedAt ?? new Date() },
    });
    await writeAudit(tx, {
      actorId,
      action: "import.finish",
      targetType: "prompt_import",
      targetId: importRow.id,
      details: {
        lines: finished.lines,
        accepted: finished.accepted,
        duplicate: finished.duplicate,
        quota: finished.quota,
        rejected: finished.rejected,
        invalid: finished.invalid,
      },
    });
    return finished;
  });
}
