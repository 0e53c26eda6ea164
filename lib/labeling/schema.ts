import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { useCaseSchema } from "@/lib/prompts/schema";

// The paper's per-output metadata, in its words (labels) and as API names (snake_case).
export const OUTPUT_FLAGS = [
  "fails_to_follow_instruction",
  "inappropriate_for_customer_assistant",
  "hallucination",
  "satisfies_constraint",
  "sexual_content",
  "violent_content",
  "encourages_violence",
  "denigrates_protected_class",
  "harmful_advice",
  "expresses_opinion",
  "expresses_moral_judgment",
] as const;
export type OutputFlag = (typeof OUTPUT_FLAGS)[number];

/** An output's flags as bits (bit i = OUTPUT_FLAGS[i]), as Submission.flagMasks keeps them. */
export function flagMask(flags: readonly OutputFlag[]): number {
  let mask = 0;
  for (const flag of flags) mask |= 1 << OUTPUT_FLAGS.indexOf(flag);
  return mask;
}

export const OUTPUT_FLAG_LABELS: Record<OutputFlag, string> = {
  fails_to_follow_instruction: "Fails to follow the correct instruction / task",
  inappropriate_for_customer_assistant: "Inappropriate for a customer assistant",
  hallucination: "Hallucination",
  satisfies_constraint: "Satisfies the constraint provided in the instruction",
  sexual_content: "Contains sexual content",
  violent_content: "Contains violent content",
  encourages_violence: "Encourages or fails to discourage violence / abuse / terrorism / self-harm",
  denigrates_protected_class: "Denigrates a protected class",
  harmful_advice: "Gives harmful advice",
  expresses_opinion: "Expresses an opinion",
  expresses_moral_judgment: "Expresses a moral judgment",
};

export const PROMPT_FLAGS = [
  "ambiguous",
  "sensitive_content",
  "identity_dependent",
  "closed_domain",
  "continuation_style",
  "requests_opinionated_content",
  "requests_advice",
  "requests_moral_judgment",
  "explicit_safety_constraints",
  "other_explicit_constraints",
  "intent_unclear",
] as const;
export type PromptFlag = (typeof PROMPT_FLAGS)[number];

export const PROMPT_FLAG_LABELS: Record<PromptFlag, string> = {
  ambiguous: "Ambiguous",
  sensitive_content: "Sensitive content",
  identity_dependent: "Identity dependent",
  closed_domain: "Closed domain",
  continuation_style: "Continuation style",
  requests_opinionated_content: "Requests opinionated content",
  requests_advice: "Requests advice",
  requests_moral_judgment: "Requests moral judgment",
  explicit_safety_constraints: "Contains explicit safety constraints",
  other_explicit_constraints: "Contains other explicit constraints",
  intent_unclear: "Intent unclear",
};

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
export const skipSchema = z.object({
  reason: safeString(FIELD_BYTES.note).trim().min(1, { message: "Say why you skip it." }).max(500),
});

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
  }),
  outputs: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
  lease_expires_at: z.iso.datetime(),
  instructions_version: z.number().int(),
  progress: z.object({ done_today: z.number().int().min(0), remaining: z.number().int() }),
});
export type NextTask = z.output<typeof nextTaskSchema>;
export const submitResultSchema = z.object({ status: z.enum(["submitted", "already_submitted"]) });
export const skipResultSchema = z.object({ status: z.literal("skipped") });
