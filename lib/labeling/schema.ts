import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { OUTPUT_FLAGS, PROMPT_FLAGS } from "@/lib/labeling/flags";
import { storedMessagesSchema } from "@/lib/prompts/conversation";
import { useCaseSchema } from "@/lib/prompts/schema";

// The paper's flags are plain constants (lib/labeling/flags.ts), so the label screen needs no zod.
export {
  flagMask,
  OUTPUT_FLAG_LABELS,
  OUTPUT_FLAGS,
  type OutputFlag,
  PROMPT_FLAG_LABELS,
  PROMPT_FLAGS,
  type PromptFlag,
} from "@/lib/labeling/flags";

export const MIN_OUTPUTS = 4;
export const MAX_OUTPUTS = 9;

const outputIdSchema = safeString(FIELD_BYTES.name).min(1).max(100);

export const rankingSubmissionSchema = z.object({
  ratings: z.record(
    outputIdSchema,
    z.object({
      likert: z.number().int().min(1, { message: "Rate from 1 to 7." }).max(7, { message: "Rate from 1 to 7." }),
      flags: z.array(z.enum(OUTPUT_FLAGS)).default([]),
    }),
  ),
  // Tie groups, best first: [["a"], ["b", "c"], ["d"]] ranks a first, b and c tied second, d last.
  ranking: z.array(z.array(outputIdSchema).min(1)).min(1),
  prompt_labels: z.object({ category: useCaseSchema, flags: z.array(z.enum(PROMPT_FLAGS)).default([]) }),
  note: safeString(FIELD_BYTES.note).max(5_000).optional(),
  duration_ms: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .optional(),
});
export type RankingSubmission = z.infer<typeof rankingSubmissionSchema>;

export const demonstrationSubmissionSchema = z.object({
  text: safeString(FIELD_BYTES.text).trim().min(1, { message: "Write the response." }).max(50_000),
  duration_ms: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .optional(),
});
export type DemonstrationSubmission = z.infer<typeof demonstrationSubmissionSchema>;

export const SKIP_REASONS = ["intent_unclear", "harmful_or_sensitive", "outputs_unreadable", "lacks_expertise", "other"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
/** Why a labeler skips: a reason code, and their own words apart (needed for "other"). */
export const skipSchema = z
  .object({
    reason: z.enum(SKIP_REASONS, { message: `Choose one of: ${SKIP_REASONS.join(", ")}.` }),
    note: safeString(FIELD_BYTES.note).trim().max(500).optional(),
  })
  .refine((skip) => skip.reason !== "other" || !!skip.note, { path: ["note"], message: 'Say why, for "other".' });
export type Skip = z.infer<typeof skipSchema>;

/** What `POST /api/v1/projects/{slug}/tasks/next` answers (outputs in this labeler's order). */
export const nextTaskSchema = z.object({
  id: z.string(),
  kind: z.enum(["ranking", "demonstration"]),
  prompt: z.object({
    id: z.string(),
    text: z.string(),
    kind: z.enum(["plain", "few_shot", "user_based"]),
    // The parts of a labeler-written few-shot or user-based prompt; null for other prompts.
    structure: z.json().nullable(),
    // A conversation prompt's redacted turns, the last from the user (text is then their
    // transcript); null for a plain-text prompt.
    messages: storedMessagesSchema.nullable(),
  }),
  outputs: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
  lease_expires_at: z.iso.datetime(),
  instructions_version: z.number().int(),
  progress: z.object({ done_today: z.number().int().min(0), remaining: z.number().int() }),
});
export type NextTask = z.output<typeof nextTaskSchema>;
export const submitResultSchema = z.object({ status: z.enum(["submitted", "already_submitted"]) });
export const skipResultSchema = z.object({ status: z.literal("skipped") });
