import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { type DedupRebuild, rebuildDedupIndex } from "@/lib/prompts/dedup-index";
import { endUserLabel } from "@/lib/prompts/prepare";
import { PROMPT_STATUSES } from "@/lib/prompts/queries";
import type { ProjectPromptSettings } from "@/lib/prompts/schema";
import { endUserRef, splitForUser } from "@/lib/prompts/split";

// Admin writes to a project's prompt collection: pipeline settings, per-user quota overrides,
// archiving. Each runs in one transaction with its audit entry.

/** The settings an admin changes on the prompt settings page (the salt is not one: it never leaves the server). */
export const SETTING_FIELDS = [
  "dedupPrefixWords",
  "promptQuota",
  "maxPromptTokens",
  "splitTrain",
  "splitValid",
  "splitTest",
  "labelsPerTask",
  "leaseMinutes",
  "redactOutputs",
  "keepPublicFigures",
] as const;

/** A project's prompt settings, as the settings page and its route show them. */
export function promptSettingsOf(project: Project): Pick<Project, (typeof SETTING_FIELDS)[number]> {
  return Object.fromEntries(SETTING_FIELDS.map((field) => [field, project[field]])) as Pick<Project, (typeof SETTING_FIELDS)[number]>;
}

// A rebuild walks every prompt of the project; at a million prompts that takes a while, and
// ingestion waits on the project row meanwhile (see lib/prompts/ingest.ts).
const REBUILD_TIMEOUT_MS = 15 * 60_000;

export type SettingsUpdate = { project: Project; changed: string[]; rebuild: DedupRebuild | null };

/**
 * Changes a project's pipeline settings. The project row is locked FOR UPDATE first: ingestion
 * batches hold it FOR SHARE, so this waits for running batches and holds back new ones until the
 * new settings (and, for a new prefix length, the rebuilt dedup index) are committed together.
 */
export async function updatePromptSettings(
  target: Pick<Project, "id">,
  input: ProjectPromptSettings,
  actorId: string,
): Promise<SettingsUpdate> {
  return db.$transaction(
    async (tx) => {
      // Read again under the lock: the caller's copy may predate a concurrent change.
      const [current] = await tx.$queryRaw<Project[]>`SELECT * FROM "Project" WHERE "id" = ${target.id} FOR UPDATE`;
      if (!current) throw new AppError("not_found", "This project was deleted.");
      const changed = SETTING_FIELDS.filter((field) => input[field] !== undefined && input[field] !== current[field]);
      if (!changed.length) return { project: current, changed, rebuild: null };
      const data = Object.fromEntries(changed.map((field) => [field, input[field]]));
      const project = await tx.project.update({ where: { id: current.id }, data });
      const rebuild = changed.includes("dedupPrefixWords") ? await rebuildDedupIndex(tx, project.id, project.dedupPrefixWords) : null;
      await writeAudit(tx, {
        actorId,
        action: "project.prompt_settings",
        targetType: "project",
        targetId: project.id,
        details: {
          changes: Object.fromEntries(changed.map((field) => [field, { from: current[field], to: project[field] }])),
          ...(rebuild ? { dedupRebuild: rebuild } : {}),
        },
      });
      return { project, changed, rebuild };
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 10_000 },
  );
}

export const quotaOverrideSchema = z
  .object({
    user_id: safeString(FIELD_BYTES.name).trim().min(1, { message: "Give the end user's ID." }).max(256).optional(),
    user_ref: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "Not an end-user reference." })
      .optional(),
    limit: z.number().int().min(0, { message: "Use 0 or more." }).max(1_000_000).nullable(),
  })
  .refine((value) => (value.user_id === undefined) !== (value.user_ref === undefined), {
    message: "Give either the end user's ID or their reference, not both.",
    path: ["user_id"],
  });
export type QuotaOverrideInput = z.infer<typeof quotaOverrideSchema>;

/**
 * Sets (a number) or clears (null) one end user's quota override. Given the raw ID the client
 * sends, the pseudonym is computed with the project's salt and the end user is created if they
 * have not sent anything yet (with the split they will keep), so a limit can be set in advance.
 */
export async function setQuotaOverride(project: Project, input: QuotaOverrideInput, actorId: string) {
  return db.$transaction(async (tx) => {
    const userRef = input.user_ref ?? endUserRef(project.splitSalt, input.user_id!);
    const existing = await tx.endUser.findUnique({ where: { projectId_userRef: { projectId: project.id, userRef } } });
    if (!existing && (input.user_id === undefined || input.limit === null)) {
      throw new AppError("not_found", "No end user with this ID has sent prompts to this project.", [
        { path: input.user_id === undefined ? "user_ref" : "user_id", message: "Unknown end user." },
      ]);
    }
    const split = splitForUser(userRef, { train: project.splitTrain, valid: project.splitValid, test: project.splitTest });
    // An upsert, not read-then-create: the pipeline may create the same end user concurrently.
    const endUser = await tx.endUser.upsert({
      where: { projectId_userRef: { projectId: project.id, userRef } },
      create: { projectId: project.id, userRef, label: endUserLabel(input.user_id ?? userRef, userRef), split, quotaOverride: input.limit },
      update: { quotaOverride: input.limit },
    });
    // The pseudonym only: the raw ID may be an e-mail address or a name.
    await writeAudit(tx, {
      actorId,
      action: input.limit === null ? "end_user.quota_override_clear" : "end_user.quota_override_set",
      targetType: "end_user",
      targetId: `${project.id}:${userRef}`,
      details: { projectId: project.id, userRef, from: existing?.quotaOverride ?? null, to: input.limit, created: !existing },
    });
    return { endUser, created: !existing, defaultLimit: project.promptQuota };
  });
}

export const promptStatusSchema = z.object({ status: z.enum(PROMPT_STATUSES) });

/**
 * Archives or restores a prompt. An archived prompt keeps its dedup key (a re-sent copy is still
 * a duplicate) and still counts toward its end user's quota: archiving hides it from labeling
 * and exports, it does not undo its collection.
 */
export async function setPromptStatus(
  project: Pick<Project, "id">,
  promptId: string,
  status: (typeof PROMPT_STATUSES)[number],
  actorId: string,
) {
  return db.$transaction(async (tx) => {
    const prompt = await tx.prompt.findFirst({ where: { id: promptId, projectId: project.id }, select: { id: true, status: true } });
    if (!prompt) throw new AppError("not_found", "No such prompt in this project.");
    if (prompt.status === status) return { id: prompt.id, status, changed: false };
    await tx.prompt.update({ where: { id: prompt.id }, data: { status } });
    await writeAudit(tx, {
      actorId,
      action: status === "archived" ? "prompt.archive" : "prompt.restore",
      targetType: "prompt",
      targetId: prompt.id,
      details: { projectId: project.id },
    });
    return { id: prompt.id, status, changed: true };
  });
}
