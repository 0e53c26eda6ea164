import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { type Finding, PII_TYPES } from "./types";

export const redactRequestSchema = z.object({
  text: safeString(FIELD_BYTES.text).max(200_000, { message: "Send at most 200,000 characters." }),
  keep_public_figures: z.boolean().default(false).meta({
    description: "Leave well-known public figures' names, as a project with the setting keep_public_figures does (default false).",
  }),
});
export type RedactRequest = z.infer<typeof redactRequestSchema>;

const piiTypeSchema = z.enum(PII_TYPES);

// What POST /api/v1/redact answers; `satisfies` keeps the finding shape in step with the redactor.
export const findingSchema = z.object({
  type: piiTypeSchema,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  confidence: z.number().min(0).max(1),
  placeholder: z.string(),
}) satisfies z.ZodType<Finding>;
export const redactResponseSchema = z.object({
  redacted: z.string(),
  findings: z.array(findingSchema),
  redactions: z.array(z.object({ type: piiTypeSchema, count: z.number().int().min(1) })),
});
