import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { SPLITS } from "@/lib/prompts/split";

export const EXPORT_DATASETS = ["comparisons", "demonstrations", "prompts"] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export const FORMATS_BY_DATASET = {
  comparisons: ["batches", "pairs", "trl", "trl-conversational", "openai", "hh", "consensus"],
  demonstrations: ["sft", "messages"],
  prompts: ["prompts"],
} as const satisfies Record<ExportDataset, readonly string[]>;
export type ComparisonFormat = (typeof FORMATS_BY_DATASET)["comparisons"][number];
export type DemonstrationFormat = (typeof FORMATS_BY_DATASET)["demonstrations"][number];

/** Whether rankings of gold (reference) tasks are exported: they are quality checks, not training data. */
export const GOLD_FILTERS = ["exclude", "include"] as const;
export type GoldFilter = (typeof GOLD_FILTERS)[number];
/** Whose rankings are exported: `counted` leaves out labelers blocked or failed at screening in the project. */
export const LABELER_FILTERS = ["counted", "all"] as const;
export type LabelerFilter = (typeof LABELER_FILTERS)[number];
/** The standings whose rankings `labelers=counted` leaves out. */
export const UNCOUNTED_STATUSES = ["blocked", "failed_screening"] as const;

export const exportDatasetSchema = z.enum(EXPORT_DATASETS, {
  error: `Use one of: ${EXPORT_DATASETS.join(", ")}.`,
});

export const goldFilterSchema = z.enum(GOLD_FILTERS, { error: `Use one of: ${GOLD_FILTERS.join(", ")}.` }).meta({
  description: "`exclude` (default) leaves out rankings of gold tasks (quality checks with a reference ranking); `include` keeps them.",
});
export const labelerFilterSchema = z.enum(LABELER_FILTERS, { error: `Use one of: ${LABELER_FILTERS.join(", ")}.` }).meta({
  description:
    "`counted` (default) leaves out rankings by labelers whose standing in the project is now `blocked` or `failed_screening`; `all` keeps everyone's.",
});

function baseQuerySchema<const F extends readonly [string, ...string[]]>(formats: F) {
  return z.object({
    format: z.enum(formats, { error: `Use one of: ${formats.join(", ")}.` }).default(formats[0]),
    split: z.enum(SPLITS, { error: `Use one of: ${SPLITS.join(", ")}.` }).optional(),
    since: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, { message: "Use the X-Next-Cursor value of the previous export." })
      .optional(),
    model: safeString(FIELD_BYTES.name).trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1, { message: "Use a whole number from 1." }).max(1_000_000).optional(),
    ties: z.enum(["exclude", "include"], { error: "Use one of: exclude, include." }).default("exclude"),
  });
}

/**
 * The query string of an export: every bad value is a 422 that lists the allowed ones. Only
 * comparisons take the `gold` and `labelers` filters (demonstrations and prompts are not ranked).
 */
export function exportQuerySchema(dataset: ExportDataset) {
  const base = baseQuerySchema(FORMATS_BY_DATASET[dataset]);
  if (dataset !== "comparisons") return base;
  return base.extend({ gold: goldFilterSchema.default("exclude"), labelers: labelerFilterSchema.default("counted") });
}

/** A parsed export query, of any dataset: the comparison filters are absent for the others (absent means the default). */
export type ExportQuery = Omit<z.output<ReturnType<typeof baseQuerySchema>>, "format"> & {
  format: (typeof FORMATS_BY_DATASET)[ExportDataset][number];
  gold?: GoldFilter;
  labelers?: LabelerFilter;
};
