import { z } from "zod";
import { SPLITS } from "@/lib/prompts/split";

export const EXPORT_DATASETS = ["comparisons", "demonstrations", "prompts"] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export const FORMATS_BY_DATASET = {
  comparisons: ["batches", "pairs", "trl", "trl-conversational", "openai", "hh"],
  demonstrations: ["sft", "messages"],
  prompts: ["prompts"],
} as const satisfies Record<ExportDataset, readonly string[]>;
export type ComparisonFormat = (typeof FORMATS_BY_DATASET)["comparisons"][number];
export type DemonstrationFormat = (typeof FORMATS_BY_DATASET)["demonstrations"][number];

export const exportDatasetSchema = z.enum(EXPORT_DATASETS, {
  error: `Use one of: ${EXPORT_DATASETS.join(", ")}.`,
});

/** The query string of an export: every bad value is a 422 that lists the allowed ones. */
export function exportQuerySchema(dataset: ExportDataset) {
  const formats = FORMATS_BY_DATASET[dataset];
  return z.object({
    format: z.enum(formats, { error: `Use one of: ${formats.join(", ")}.` }).default(formats[0]),
    split: z.enum(SPLITS, { error: `Use one of: ${SPLITS.join(", ")}.` }).optional(),
    since: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, { message: "Use the X-Next-Cursor value of the previous export." })
      .optional(),
    model: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1, { message: "Use a whole number from 1." }).max(1_000_000).optional(),
    ties: z.enum(["exclude", "include"], { error: "Use one of: exclude, include." }).default("exclude"),
  });
}
export type ExportQuery = z.infer<ReturnType<typeof exportQuerySchema>>;
