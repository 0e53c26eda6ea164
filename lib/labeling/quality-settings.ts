import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { labelerAccessSchema } from "@/lib/projects/access";
import { releaseOutsidersLeases } from "@/lib/projects/member-mutations";

const share = z.coerce.number().min(0, { message: "Use a share from 0 to 1." }).max(1, { message: "Use a share from 0 to 1." });

/** The settings of PATCH …/settings as the API names them (snake_case): quality, and who may label; every field optional in a change. */
export const qualitySettingsSchema = z
  .object({
    gold_rate: share.meta({ description: "Share of a labeler's tasks that are gold tasks (default 0.1)." }),
    gold_min_answered: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .meta({ description: "Gold answers needed before accuracy can warn or block (default 5)." }),
    gold_warn_below: share.meta({ description: "Gold accuracy under which a labeler is warned (default 0.7)." }),
    gold_block_below: share.meta({ description: "Gold accuracy under which a labeler is blocked (default 0.5)." }),
    screening_tasks: z.coerce
      .number()
      .int()
      .min(0)
      .max(100)
      .meta({ description: "Gold tasks a new labeler answers before any other work; 0 = no screening." }),
    screening_pass: share.meta({ description: "Accuracy needed on the screening tasks (default 0.75)." }),
    baseline_model: safeString(FIELD_BYTES.name)
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .meta({ description: "The model win rates are measured against; null for none." }),
    labeler_access: labelerAccessSchema,
    snapshot_limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .meta({ description: "The most export snapshots the project stores (default 20); creating one more is a 409 until one is deleted." }),
    redact_outputs: z.boolean().meta({
      description:
        "Whether model outputs are redacted before they are stored (default true); prompts always are. Off: outputs of tasks created from then on are stored as sent (their metadata is still redacted).",
    }),
    keep_public_figures: z.boolean().meta({
      description:
        'Whether well-known public and fictional figures\' names ("a poem about Abraham Lincoln") are left in prompts and outputs (default false: redacted like any name). On, a private person who shares a famous full name keeps it too.',
    }),
  })
  .partial();
export type QualitySettingsInput = z.infer<typeof qualitySettingsSchema>;

export const qualitySettingsResponseSchema = z.object({ settings: qualitySettingsSchema.required() });

const FIELDS = {
  gold_rate: "goldRate",
  gold_min_answered: "goldMinAnswered",
  gold_warn_below: "goldWarnBelow",
  gold_block_below: "goldBlockBelow",
  screening_tasks: "screeningTasks",
  screening_pass: "screeningPass",
  baseline_model: "baselineModel",
  labeler_access: "labelerAccess",
  snapshot_limit: "snapshotLimit",
  redact_outputs: "redactOutputs",
  keep_public_figures: "keepPublicFigures",
} as const satisfies Record<keyof QualitySettingsInput, keyof Project>;

export function qualitySettingsOf(project: Project): Required<QualitySettingsInput> {
  return Object.fromEntries(Object.entries(FIELDS).map(([api, column]) => [api, project[column]])) as Required<QualitySettingsInput>;
}

/** Changes the quality settings; the warn bar may not sit below the block bar. */
export async function updateQualitySettings(
  project: Project,
  input: QualitySettingsInput,
  actor: { userId?: string; apiKeyId?: string },
): Promise<Project> {
  const data = Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .map(([api, value]) => [FIELDS[api as keyof QualitySettingsInput], value]),
  );
  const merged = { ...project, ...data };
  if (merged.goldWarnBelow < merged.goldBlockBelow) {
    throw new AppError("unprocessable", "The warning bar must be at or above the blocking bar.", [
      { path: "gold_warn_below", message: "At or above gold_block_below." },
    ]);
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.project.update({ where: { id: project.id }, data });
    if (input.labeler_access === "members" && project.labelerAccess !== "members") await releaseOutsidersLeases(tx, updated);
    await writeAudit(tx, {
      actorId: actor.userId ?? null,
      apiKeyId: actor.apiKeyId ?? null,
      action: "project.quality_settings",
      targetType: "project",
      targetId: project.id,
      details: { changed: Object.keys(input) },
    });
    return updated;
  });
}
