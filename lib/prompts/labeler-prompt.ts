import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { useCaseSchema } from "@/lib/prompts/schema";

const promptText = safeString(FIELD_BYTES.text).trim().min(1, { message: "Write the prompt." }).max(20_000);

export const fewShotExampleSchema = z.object({
  query: safeString(FIELD_BYTES.note).trim().min(1, { message: "Write the query." }).max(5_000),
  response: safeString(FIELD_BYTES.note).trim().min(1, { message: "Write the response." }).max(5_000),
});

// The paper's three kinds of labeler-written prompts, each with its use-case category.
export const labelerPromptSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("plain"), category: useCaseSchema, text: promptText }),
  z.object({
    kind: z.literal("few_shot"),
    category: useCaseSchema,
    instruction: promptText,
    examples: z.array(fewShotExampleSchema).min(2, { message: "Give at least two query/response pairs." }).max(20),
    // The query the model should answer after the examples; optional, as in the paper.
    query: safeString(FIELD_BYTES.note).trim().max(5_000).optional(),
  }),
  z.object({
    kind: z.literal("user_based"),
    category: useCaseSchema,
    use_case: safeString(FIELD_BYTES.note).trim().min(1, { message: "Describe the use case." }).max(2_000),
    text: promptText,
  }),
]);
export type LabelerPrompt = z.infer<typeof labelerPromptSchema>;

/**
 * The text a model is given for a labeler-written prompt. A few-shot prompt becomes its
 * instruction followed by Input/Output pairs, ending on an open "Output:" when it has a query.
 */
export function renderLabelerPrompt(prompt: LabelerPrompt): string {
  if (prompt.kind !== "few_shot") return prompt.text;
  const pairs = prompt.examples.map((example) => `Input: ${example.query}\nOutput: ${example.response}`);
  const tail = prompt.query ? [`Input: ${prompt.query}\nOutput:`] : [];
  return [prompt.instruction, ...pairs, ...tail].join("\n\n");
}

/** The parts kept beside the text so that screens can show a prompt's structure. */
export function labelerPromptStructure(prompt: LabelerPrompt): Record<string, unknown> | undefined {
  if (prompt.kind === "few_shot") return { instruction: prompt.instruction, examples: prompt.examples, query: prompt.query ?? null };
  if (prompt.kind === "user_based") return { use_case: prompt.use_case };
  return undefined;
}
