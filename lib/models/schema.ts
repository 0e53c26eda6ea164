import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { MAX_OUTPUTS, MIN_OUTPUTS } from "@/lib/labeling/schema";

/** A generator's name: what its outputs' `model` is set to, and its name in URLs. */
export const generatorNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,99}$/, {
    message: "Use 1 to 100 letters, digits and . _ : @ + - (starting with a letter or digit).",
  });

// Credentials in the URL would be shown back with it; the key has its own field. (A string that is
// no URL at all has its issue from z.url already: the refinements pass it.)
const urlOrNull = (value: string) => (URL.canParse(value) ? new URL(value) : null);
const baseUrlSchema = z
  .url({ protocol: /^https?$/, message: "Give an http:// or https:// URL." })
  .max(2000)
  .refine((value) => !urlOrNull(value)?.username && !urlOrNull(value)?.password, "Put the API key in api_key, not in the URL.")
  .refine((value) => !urlOrNull(value)?.search && !urlOrNull(value)?.hash, "The base URL takes no query or fragment.")
  .transform((value) => value.replace(/\/+$/, ""))
  .meta({ description: "The endpoint's base URL, up to and including `/v1` (e.g. `http://vllm:8000/v1`)." });

// Sent as a bearer token: printable ASCII only, so it cannot break out of its header.
const apiKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,1000}$/, { message: "An API key is 1 to 1,000 printable ASCII characters, no spaces." });

const paramFields = {
  temperature: z.number().min(0).max(2),
  top_p: z.number().gt(0).max(1),
  max_tokens: z.number().int().min(1).max(131_072),
  stop: z.array(safeString(FIELD_BYTES.name).min(1).max(200)).max(4).optional(),
};

export const generationParamsSchema = z.object({
  temperature: paramFields.temperature.default(1),
  top_p: paramFields.top_p.default(1),
  max_tokens: paramFields.max_tokens.default(512),
  stop: paramFields.stop,
});
export type GenerationParams = z.infer<typeof generationParamsSchema>;

/** Concurrency when a generator sets none: polite to a small self-hosted server. */
export const DEFAULT_CONCURRENCY = 4;

const generatorFields = {
  name: generatorNameSchema,
  base_url: baseUrlSchema,
  model: safeString(FIELD_BYTES.name)
    .trim()
    .min(1)
    .max(200)
    .refine((text) => !/[\r\n]/.test(text), "Contains a line break."),
  api: z.enum(["chat", "completions"]),
  // Per instance: several app instances each hold this many at once.
  concurrency: z.number().int().min(1).max(256),
  requests_per_minute: z.number().int().min(1).max(1_000_000),
};

export const createGeneratorSchema = z.object({
  ...generatorFields,
  api_key: apiKeySchema.optional(),
  params: generationParamsSchema.default({ temperature: 1, top_p: 1, max_tokens: 512 }),
  concurrency: generatorFields.concurrency.optional(),
  requests_per_minute: generatorFields.requests_per_minute.optional(),
});
export type CreateGeneratorInput = z.infer<typeof createGeneratorSchema>;

/** A change: only what is sent changes; `null` clears the key or a limit. */
export const updateGeneratorSchema = z.object({
  name: generatorFields.name.optional(),
  base_url: generatorFields.base_url.optional(),
  model: generatorFields.model.optional(),
  api: generatorFields.api.optional(),
  api_key: apiKeySchema.nullable().optional(),
  // No defaults here: what is not sent keeps its current value.
  params: z.object(paramFields).partial().optional(),
  concurrency: generatorFields.concurrency.nullable().optional(),
  requests_per_minute: generatorFields.requests_per_minute.nullable().optional(),
});
export type UpdateGeneratorInput = z.infer<typeof updateGeneratorSchema>;

export const generatorResponseSchema = z.object({
  name: z.string(),
  base_url: z.string(),
  model: z.string(),
  api: z.enum(["chat", "completions"]),
  params: generationParamsSchema,
  concurrency: z.number().int().nullable(),
  requests_per_minute: z.number().int().nullable(),
  // The key itself never leaves the server.
  api_key_set: z.boolean(),
  supports_n: z.boolean().nullable().meta({ description: "Whether the endpoint answers `n` choices at once; null until a job finds out." }),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type GeneratorResponse = z.infer<typeof generatorResponseSchema>;

/** The most prompts one job takes. */
export const MAX_JOB_PROMPTS = 10_000;

export const createGenerationJobSchema = z.object({
  prompts: z.object({
    ids: z
      .array(
        z
          .string()
          .min(1)
          .max(100)
          .regex(/^[A-Za-z0-9_-]+$/, "Not a prompt id."),
      )
      .min(1)
      .max(MAX_JOB_PROMPTS)
      .optional(),
    split: z.enum(["train", "valid", "test"]).optional(),
    without_tasks: z.literal(true).optional().meta({ description: "Only prompts with no ranking task yet." }),
    limit: z.number().int().min(1).max(MAX_JOB_PROMPTS).optional(),
  }),
  samples: z
    .array(z.object({ generator: generatorNameSchema, n: z.number().int().min(1).max(MAX_OUTPUTS) }))
    .min(1)
    .max(MAX_OUTPUTS)
    .refine((samples) => new Set(samples.map((sample) => sample.generator)).size === samples.length, "Name each generator once.")
    .refine((samples) => {
      const k = samples.reduce((sum, sample) => sum + sample.n, 0);
      return k >= MIN_OUTPUTS && k <= MAX_OUTPUTS;
    }, `The n's must add up to ${MIN_OUTPUTS}–${MAX_OUTPUTS}: the outputs of one ranking task.`),
});
export type CreateGenerationJobInput = z.infer<typeof createGenerationJobSchema>;

export const generationErrorSchema = z.object({
  prompt_id: z.string(),
  generator: z.string().nullable(),
  status: z.number().int().nullable().meta({ description: "The endpoint's HTTP status, when it answered one." }),
  message: z.string(),
});
export type GenerationErrorRecord = z.infer<typeof generationErrorSchema>;

export const generationJobResponseSchema = z.object({
  job_id: z.string(),
  status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  errors: z.array(generationErrorSchema).meta({ description: "The failed prompts' errors (the first 100)." }),
  created_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
});
export type GenerationJobResponse = z.infer<typeof generationJobResponseSchema>;

export const generationJobCreatedSchema = z.object({ job_id: z.string() });
