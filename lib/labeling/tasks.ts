import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
import { FIELD_BYTES, metadataSchema, safeString } from "@/lib/input/schema";
import { MAX_OUTPUTS, MIN_OUTPUTS } from "@/lib/labeling/schema";
import { outputStorer } from "@/lib/pii/outputs";

export const createComparisonSchema = z
  .object({
    prompt_id: safeString(FIELD_BYTES.name).min(1).max(100),
    outputs: z
      .array(
        z.object({
          model: safeString(FIELD_BYTES.name).trim().min(1, { message: "Name the model." }).max(200),
          text: safeString(FIELD_BYTES.text)
            .refine((text) => text.trim().length > 0, { message: "The output text is empty." })
            .pipe(z.string().max(100_000)),
          metadata: metadataSchema.optional(),
        }),
      )
      .min(MIN_OUTPUTS, { message: `Send at least ${MIN_OUTPUTS} outputs.` })
      .max(MAX_OUTPUTS, { message: `Send at most ${MAX_OUTPUTS} outputs.` }),
    // Makes the task a gold task: its reference ranking as tie groups of indexes into `outputs`, best first.
    gold_ranking: z
      .array(z.array(z.number().int().min(0)).min(1))
      .min(1)
      .optional()
      .meta({ description: "Tie groups of indexes into `outputs`, best first, every index once: makes this a gold task." }),
  })
  .superRefine((input, context) => {
    if (!input.gold_ranking) return;
    const seen = input.gold_ranking.flat();
    const complete =
      seen.length === input.outputs.length && new Set(seen).size === seen.length && seen.every((i) => i < input.outputs.length);
    if (!complete) {
      context.addIssue({
        code: "custom",
        path: ["gold_ranking"],
        message: `Rank every output exactly once: indexes 0 to ${input.outputs.length - 1}, in tie groups, best first.`,
      });
    }
  });
export type CreateComparisonInput = z.infer<typeof createComparisonSchema>;

export const createDemonstrationTasksSchema = z.object({
  prompt_ids: z.array(safeString(FIELD_BYTES.name).min(1).max(100)).min(1).max(1000),
  // How many different labelers write a demonstration for each prompt.
  labels: z.number().int().min(1).max(20).default(1),
});
export type CreateDemonstrationTasksInput = z.infer<typeof createDemonstrationTasksSchema>;

async function requireActivePrompt(project: Project, promptId: string) {
  const prompt = await db.prompt.findFirst({ where: { id: promptId, projectId: project.id }, select: { id: true, status: true } });
  if (!prompt)
    throw new AppError("unprocessable", `No prompt ${promptId} in this project.`, [{ path: "prompt_id", message: "Unknown prompt." }]);
  if (prompt.status !== "active")
    throw new AppError("unprocessable", "This prompt is archived.", [{ path: "prompt_id", message: "Archived prompt." }]);
  return prompt;
}

/**
 * A ranking task: one prompt and its 4–9 model outputs, each redacted like every stored text unless
 * the project's redactOutputs setting is off (lib/pii/outputs.ts).
 * `labelsNeeded` comes from the project's labels-per-task setting at creation. `within` runs in
 * the task's transaction, for records that must commit with the task or not at all.
 */
export async function createComparisonTask(
  project: Project,
  input: CreateComparisonInput,
  within?: (tx: Prisma.TransactionClient, task: { id: string }) => Promise<void>,
) {
  await requireActivePrompt(project, input.prompt_id);
  // Up to nine outputs of 100,000 characters: redacted on the worker pool, not on this thread, unless
  // the project stores model outputs as sent (their metadata is redacted either way).
  const store = await outputStorer(input.outputs, { redactOutputs: project.redactOutputs, keepPublicFigures: project.keepPublicFigures });
  const outputs = input.outputs.map(store);
  return db.$transaction(async (tx) => {
    const task = await tx.task.create({
      data: {
        projectId: project.id,
        promptId: input.prompt_id,
        kind: "ranking",
        labelsNeeded: project.labelsPerTask,
        gold: Boolean(input.gold_ranking),
        outputs: { create: outputs },
      },
      select: { id: true, outputs: { select: { id: true, model: true }, orderBy: { position: "asc" } } },
    });
    if (input.gold_ranking) {
      const goldRanking = input.gold_ranking.map((group) => group.map((index) => task.outputs[index]!.id));
      await tx.task.update({ where: { id: task.id }, data: { goldRanking } });
    }
    if (within) await within(tx, task);
    return task;
  });
}

/** Demonstration tasks for chosen prompts, each to be written by `labels` different labelers. */
export async function createDemonstrationTasks(project: Project, input: CreateDemonstrationTasksInput) {
  const ids = [...new Set(input.prompt_ids)];
  const found = await db.prompt.findMany({ where: { id: { in: ids }, projectId: project.id, status: "active" }, select: { id: true } });
  const missing = ids.filter((id) => !found.some((prompt) => prompt.id === id));
  if (missing.length) {
    throw new AppError(
      "unprocessable",
      `Unknown or archived prompts: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? "…" : ""}`,
      missing.map((id) => ({ path: "prompt_ids", message: `Unknown or archived prompt ${id}.` })),
    );
  }
  const tasks = await db.task.createManyAndReturn({
    data: ids.map((promptId) => ({ projectId: project.id, promptId, kind: "demonstration" as const, labelsNeeded: input.labels })),
    select: { id: true, promptId: true },
  });
  return tasks;
}
