import { z } from "zod";
import { cappedString, FIELD_BYTES, metadataSchema, safeString } from "@/lib/input/schema";
import { conversationSchema } from "@/lib/prompts/conversation";
import { USE_CASES } from "@/lib/prompts/use-cases";

// The use cases are plain constants (lib/prompts/use-cases.ts), so the label screen needs no zod.
export { USE_CASE_LABELS, USE_CASES, type UseCase } from "@/lib/prompts/use-cases";

export const useCaseSchema = z.enum(USE_CASES);

export const MAX_PROMPTS_PER_REQUEST = 1000;

// Text is any string within the byte cap here: an empty or over-long prompt, or one with
// characters that cannot be stored, is well-formed and gets a per-prompt "rejected" outcome with
// its reason, not a 422 for the whole request. A prompt is either a text or a conversation
// (`messages`, lib/prompts/conversation.ts), never both.
export const promptInputSchema = z
  .object({
    text: cappedString(FIELD_BYTES.text).optional().meta({ description: "The prompt as one text. Send `text` or `messages`, not both." }),
    messages: conversationSchema.optional().meta({
      description:
        'The prompt as a conversation, in place of `text`: {role: "system" | "user" | "assistant", content} turns, the last from the user (else 422). ' +
        "Every turn is redacted with placeholders numbered across the conversation; dedup, the token limit and search read its role-tagged transcript.",
    }),
    user_id: safeString(FIELD_BYTES.name).trim().min(1, { message: "Give the end user's ID." }).max(256),
    category: useCaseSchema.optional(),
    metadata: metadataSchema.optional(),
  })
  .superRefine((prompt, context) => {
    if (prompt.text === undefined && prompt.messages === undefined) {
      context.addIssue({ code: "custom", path: ["text"], message: 'Send the prompt as "text", or as a conversation in "messages".' });
    } else if (prompt.text !== undefined && prompt.messages !== undefined) {
      context.addIssue({ code: "custom", path: ["messages"], message: 'Send either "text" or "messages", not both.' });
    }
  });
export type PromptInput = z.infer<typeof promptInputSchema>;

export const ingestPromptsSchema = z.object({
  prompts: z
    .array(promptInputSchema)
    .min(1, { message: "Send at least one prompt." })
    .max(MAX_PROMPTS_PER_REQUEST, { message: `Send at most ${MAX_PROMPTS_PER_REQUEST} prompts per request.` }),
});
export type IngestPromptsRequest = z.infer<typeof ingestPromptsSchema>;

export const OUTCOME_STATUSES = ["accepted", "duplicate", "quota_exceeded", "rejected"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export type RedactionCount = { type: string; count: number };

export type PromptOutcome = {
  status: OutcomeStatus;
  id?: string;
  split?: "train" | "valid" | "test";
  duplicate_of?: string;
  reason?: string;
  redactions: RedactionCount[];
};

// The outcome types as zod schemas, for the API description; `satisfies` keeps them in step.
export const redactionCountSchema = z.object({ type: z.string(), count: z.number().int().min(0) }) satisfies z.ZodType<RedactionCount>;
export const promptOutcomeSchema = z.object({
  status: z.enum(OUTCOME_STATUSES),
  id: z.string().optional(),
  split: z.enum(["train", "valid", "test"]).optional(),
  duplicate_of: z.string().optional(),
  reason: z.string().optional(),
  redactions: z.array(redactionCountSchema),
}) satisfies z.ZodType<PromptOutcome>;
export const ingestPromptsResponseSchema = z.object({ results: z.array(promptOutcomeSchema) });

export const projectPromptSettingsSchema = z
  .object({
    dedupPrefixWords: z.coerce.number().int().min(3).max(500),
    promptQuota: z.coerce.number().int().min(0).max(1_000_000),
    maxPromptTokens: z.coerce.number().int().min(1).max(100_000),
    splitTrain: z.coerce.number().int().min(0).max(100),
    splitValid: z.coerce.number().int().min(0).max(100),
    splitTest: z.coerce.number().int().min(0).max(100),
    // Labeling: how many different labelers complete each task (for tasks created from now on),
    // and how long a lease holds a task before it returns to the pool.
    labelsPerTask: z.coerce.number().int().min(1).max(20),
    leaseMinutes: z.coerce.number().int().min(1).max(1440),
    // Whether model outputs are redacted before they are stored (prompts always are); a form sends "true" / "false".
    redactOutputs: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]),
    // Whether well-known public and fictional figures' names are left as they are (lib/pii/public-figures.ts).
    keepPublicFigures: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]),
  })
  .partial()
  .refine(
    (value) =>
      [value.splitTrain, value.splitValid, value.splitTest].every((part) => part === undefined) ||
      (value.splitTrain ?? 0) + (value.splitValid ?? 0) + (value.splitTest ?? 0) === 100,
    { message: "Give all three split proportions, adding up to 100.", path: ["splitTrain"] },
  );
export type ProjectPromptSettings = z.infer<typeof projectPromptSettingsSchema>;
