import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { type ConversationMessage, MESSAGE_ROLES, renderTranscript } from "@/lib/prompts/conversation";
import { useCaseSchema } from "@/lib/prompts/schema";

const promptText = safeString(FIELD_BYTES.text).trim().min(1, { message: "Write the prompt." }).max(20_000);

/** How many turns a labeler may write in one conversation. */
export const MAX_LABELER_TURNS = 100;

/**
 * The turns of a labeler-written conversation: each written (no empty turn), a system message
 * only first, the last turn the user's (the model answers it). Issues name the turn
 * (messages.N.content / messages.N.role) so the form can show them beside it.
 */
export const labelerMessagesSchema = z
  .array(
    z.object({
      role: z.enum(MESSAGE_ROLES),
      content: safeString(FIELD_BYTES.text).trim().min(1, { message: "Write this turn, or remove it." }).max(20_000),
    }),
  )
  .min(1, { message: "Write at least one turn." })
  .max(MAX_LABELER_TURNS, { message: `Write at most ${MAX_LABELER_TURNS} turns.` })
  .superRefine((messages, context) => {
    messages.forEach((message, index) => {
      if (message.role === "system" && index !== 0) {
        context.addIssue({ code: "custom", path: [index, "role"], message: "A system message can only come first." });
      }
    });
    if (!messages.some((message) => message.role === "user")) {
      context.addIssue({ code: "custom", message: "Add a user turn: the model replies to the user." });
    } else if (messages.at(-1)?.role !== "user") {
      context.addIssue({
        code: "custom",
        path: [messages.length - 1, "role"],
        message: "The last turn must be from the user: the model's reply comes after it.",
      });
    }
  });

/** A plain or user-based prompt is one text or a conversation of turns: exactly one of the two. */
function textOrMessages(prompt: { text?: string; messages?: ConversationMessage[] }, context: z.RefinementCtx) {
  if (prompt.text === undefined && prompt.messages === undefined) {
    context.addIssue({ code: "custom", path: ["text"], message: "Write the prompt." });
  } else if (prompt.text !== undefined && prompt.messages !== undefined) {
    context.addIssue({ code: "custom", path: ["messages"], message: "Send the prompt as a text or as turns, not both." });
  }
}

export const fewShotExampleSchema = z.object({
  query: safeString(FIELD_BYTES.note).trim().min(1, { message: "Write the query." }).max(5_000),
  response: safeString(FIELD_BYTES.note).trim().min(1, { message: "Write the response." }).max(5_000),
});

// The paper's three kinds of labeler-written prompts, each with its use-case category.
export const labelerPromptSchema = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("plain"), category: useCaseSchema, text: promptText.optional(), messages: labelerMessagesSchema.optional() })
    .superRefine(textOrMessages),
  z.object({
    kind: z.literal("few_shot"),
    category: useCaseSchema,
    instruction: promptText,
    examples: z.array(fewShotExampleSchema).min(2, { message: "Give at least two query/response pairs." }).max(20),
    // The query the model should answer after the examples; optional, as in the paper.
    query: safeString(FIELD_BYTES.note).trim().max(5_000).optional(),
  }),
  z
    .object({
      kind: z.literal("user_based"),
      category: useCaseSchema,
      use_case: safeString(FIELD_BYTES.note).trim().min(1, { message: "Describe the use case." }).max(2_000),
      text: promptText.optional(),
      messages: labelerMessagesSchema.optional(),
    })
    .superRefine(textOrMessages),
]);
export type LabelerPrompt = z.infer<typeof labelerPromptSchema>;

/**
 * The text a model is given for a labeler-written prompt. A few-shot prompt becomes its
 * instruction followed by Input/Output pairs, ending on an open "Output:" when it has a query; a
 * conversation, its role-tagged transcript.
 */
export function renderLabelerPrompt(prompt: LabelerPrompt): string {
  if (prompt.kind !== "few_shot") return prompt.messages ? renderTranscript(prompt.messages) : (prompt.text ?? "");
  const pairs = prompt.examples.map((example) => `Input: ${example.query}\nOutput: ${example.response}`);
  const tail = prompt.query ? [`Input: ${prompt.query}\nOutput:`] : [];
  return [prompt.instruction, ...pairs, ...tail].join("\n\n");
}

/**
 * What the pipeline takes for a labeler-written prompt: its conversation's turns, or its text.
 */
export function labelerPromptContent(prompt: LabelerPrompt): { text: string } | { messages: ConversationMessage[] } {
  if (prompt.kind !== "few_shot" && prompt.messages) return { messages: prompt.messages };
  return { text: renderLabelerPrompt(prompt) };
}

/** The parts kept beside the text so that screens can show a prompt's structure. */
export function labelerPromptStructure(prompt: LabelerPrompt): Record<string, unknown> | undefined {
  if (prompt.kind === "few_shot") return { instruction: prompt.instruction, examples: prompt.examples, query: prompt.query ?? null };
  if (prompt.kind === "user_based") return { use_case: prompt.use_case };
  return undefined;
}
