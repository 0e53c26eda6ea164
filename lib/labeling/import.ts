import { z } from "zod";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { listPromptsWithoutDemonstration } from "@/lib/labeling/admin-queries";
import { createComparisonSchema, createDemonstrationTasks } from "@/lib/labeling/tasks";
import { outputStorer } from "@/lib/pii/outputs";

// Admin tools that create labeling tasks in bulk: a JSONL file of comparisons streamed from the
// browser in batches, and requests for demonstrations of chosen prompts.

export const MAX_COMPARISON_RECORDS_PER_BATCH = 200;

export const comparisonBatchSchema = z.object({
  records: z
    .array(z.object({ line: z.number().int().min(1), raw: z.string().max(1_000_000) }))
    .min(1, { message: "Send at least one record." })
    .max(MAX_COMPARISON_RECORDS_PER_BATCH, { message: `Send at most ${MAX_COMPARISON_RECORDS_PER_BATCH} records per batch.` }),
});
export type ComparisonBatchInput = z.infer<typeof comparisonBatchSchema>;

export type ComparisonLineOutcome =
  | { line: number; status: "created"; task_id: string }
  | { line: number; status: "invalid"; reason: string };

/** A zod path as a reader would write it: outputs[2].text. */
function pathLabel(path: PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index ? "." : ""}${String(part)}`)).join("");
}

/**
 * Why a line is not a valid comparison record, or its parsed record. Reasons name the field and
 * the rule, never the line's content: the report is shown and kept, the content may hold PII.
 */
export function parseComparisonLine(
  raw: string,
): { ok: true; record: z.infer<typeof createComparisonSchema> } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "Not valid JSON." };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, reason: "Not a JSON object." };
  const parsed = createComparisonSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = pathLabel(issue.path);
    return { ok: false, reason: where ? `${where}: ${issue.message}` : issue.message };
  }
  return { ok: true, record: parsed.data };
}

/**
 * Creates one ranking task per valid line and answers every line's outcome, in the batch's
 * order. The batch's tasks are written in one transaction, so a request that fails stored nothing
 * and the browser can send the same lines again. Outputs are redacted like every stored text, unless
 * the project's redactOutputs setting is off.
 */
export async function ingestComparisonBatch(
  project: Project,
  input: ComparisonBatchInput,
  actorId: string,
): Promise<ComparisonLineOutcome[]> {
  const parsed = input.records.map((record) => ({ line: record.line, result: parseComparisonLine(record.raw) }));
  const promptIds = [...new Set(parsed.flatMap(({ result }) => (result.ok ? [result.record.prompt_id] : [])))];
  const prompts = promptIds.length
    ? await db.prompt.findMany({ where: { id: { in: promptIds }, projectId: project.id }, select: { id: true, status: true } })
    : [];
  const statusOf = new Map(prompts.map((prompt) => [prompt.id, prompt.status]));
  // The outputs of the lines that will make tasks, redacted on the worker pool before the
  // transaction opens (it would otherwise stay open, and this thread busy, for the whole time).
  // (Stored as sent, but for their metadata, when the project does not redact model outputs.)
  const store = await outputStorer(
    parsed.flatMap(({ result }) => (result.ok && statusOf.get(result.record.prompt_id) === "active" ? result.record.outputs : [])),
    { redactOutputs: project.redactOutputs, keepPublicFigures: project.keepPublicFigures },
  );

  return db.$transaction(
    async (tx) => {
      const outcomes: ComparisonLineOutcome[] = [];
      for (const { line, result } of parsed) {
        if (!result.ok) {
          outcomes.push({ line, status: "invalid", reason: result.reason });
          continue;
        }
        const status = statusOf.get(result.record.prompt_id);
        if (!status) {
          outcomes.push({ line, status: "invalid", reason: "prompt_id: No such prompt in this project." });
          continue;
        }
        if (status !== "active") {
          outcomes.push({ line, status: "invalid", reason: "prompt_id: The prompt is archived." });
          continue;
        }
        const task = await tx.task.create({
          data: {
            projectId: project.id,
            promptId: result.record.prompt_id,
            kind: "ranking",
            labelsNeeded: project.labelsPerTask,
            outputs: {
              create: result.record.outputs.map(store),
            },
          },
          select: { id: true },
        });
        outcomes.push({ line, status: "created", task_id: task.id });
      }
      const created = outcomes.filter((outcome) => outcome.status === "created").length;
      if (created) {
        await writeAudit(tx, {
          actorId,
          action: "tasks.import_comparisons",
          targetType: "project",
          targetId: project.id,
          details: { created, invalid: outcomes.length - created, firstLine: input.records[0]!.line, lastLine: input.records.at(-1)!.line },
        });
      }
      return outcomes;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

export const MAX_DEMONSTRATION_PROMPTS = 1000;

export const requestDemonstrationsSchema = z
  .object({
    // Either chosen prompts…
    prompt_ids: z
      .array(safeString(FIELD_BYTES.name).trim().min(1).max(100))
      .min(1, { message: "Paste at least one prompt ID." })
      .max(MAX_DEMONSTRATION_PROMPTS, { message: `Ask for at most ${MAX_DEMONSTRATION_PROMPTS} prompts at once.` })
      .optional(),
    // …or the N newest active prompts that have no demonstration task yet.
    newest: z.coerce
      .number({ message: "Give a number." })
      .int({ message: "Give a whole number." })
      .min(1, { message: "Use 1 or more." })
      .max(MAX_DEMONSTRATION_PROMPTS, { message: `Use at most ${MAX_DEMONSTRATION_PROMPTS}.` })
      .optional(),
    // How many different labelers write a demonstration for each prompt.
    labels: z.coerce
      .number({ message: "Give a number." })
      .int({ message: "Give a whole number." })
      .min(1, { message: "Use 1 to 20." })
      .max(20, { message: "Use 1 to 20." }),
  })
  .refine((value) => (value.prompt_ids === undefined) !== (value.newest === undefined), {
    message: "Give either prompt IDs or a number of newest prompts.",
    path: ["prompt_ids"],
  });
export type RequestDemonstrationsInput = z.infer<typeof requestDemonstrationsSchema>;

/** Demonstration tasks for the chosen (or newest uncovered) prompts; answers the tasks made. */
export async function requestDemonstrations(project: Project, input: RequestDemonstrationsInput, actorId: string) {
  const promptIds = input.prompt_ids ?? (await listPromptsWithoutDemonstration(project.id, input.newest!));
  if (!promptIds.length) return [];
  const tasks = await createDemonstrationTasks(project, { prompt_ids: promptIds, labels: input.labels });
  await writeAudit(db, {
    actorId,
    action: "tasks.request_demonstrations",
    targetType: "project",
    targetId: project.id,
    details: { tasks: tasks.length, labels: input.labels, mode: input.prompt_ids ? "chosen" : "newest" },
  });
  return tasks;
}
