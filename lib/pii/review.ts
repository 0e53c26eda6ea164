import { db } from "@/lib/db";
import { countPlaceholders } from "./placeholders";

/** What a reviewer reads of one stored text: the text (placeholders in it) and its counts per type. */
export type ReviewedText = {
  text: string;
  counts: Array<{ type: string; count: number }>;
  /**
   * "recorded": the counts the redactor recorded when the text was stored; "unrecorded": none were (an
   * output stored as sent because the project's redactOutputs was off, or one stored before counts
   * were kept), so the counts are read off the placeholders in the text.
   */
  source: "recorded" | "unrecorded";
};

export type TaskRedactions = {
  redactOutputs: boolean;
  /** Whether the project leaves well-known public figures' names in place (lib/pii/public-figures.ts). */
  keepPublicFigures: boolean;
  prompt: ReviewedText;
  outputs: Array<ReviewedText & { id: string; model: string; position: number }>;
};

type Counts = Array<{ type: string; count: number }>;

function reviewed(text: string, stored: unknown): ReviewedText {
  if (Array.isArray(stored)) return { text, counts: (stored as Counts).filter((c) => c.count > 0), source: "recorded" };
  return { text, counts: countPlaceholders(text), source: "unrecorded" };
}

/**
 * A task's prompt and outputs as stored, for the admin's review of what the redactor replaced: raw
 * personal data is never stored, so the review shows where placeholders stand and how many of each
 * type.
 */
export async function getTaskRedactions(projectId: string, taskId: string): Promise<TaskRedactions | null> {
  const task = await db.task.findFirst({
    where: { id: taskId, projectId },
    select: {
      project: { select: { redactOutputs: true, keepPublicFigures: true } },
      prompt: { select: { text: true, redactions: true } },
      outputs: { select: { id: true, model: true, position: true, text: true, redactions: true }, orderBy: { position: "asc" } },
    },
  });
  if (!task) return null;
  return {
    redactOutputs: task.project.redactOutputs,
    keepPublicFigures: task.project.keepPublicFigures,
    prompt: reviewed(task.prompt.text, task.prompt.redactions),
    outputs: task.outputs.map((o) => ({ id: o.id, model: o.model, position: o.position, ...reviewed(o.text, o.redactions) })),
  };
}
