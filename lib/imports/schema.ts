import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/imports/records";

export const MAX_RECORDS_PER_BATCH = 1000;

export const createImportSchema = z
  .object({
    file_name: z.string().trim().min(1).max(255),
    format: z.enum(IMPORT_FORMATS),
    // A CSV file's first line, as read from the file; absent for JSONL.
    header: z.string().max(10_000).optional(),
  })
  .refine((value) => value.format !== "csv" || !!value.header?.trim(), {
    message: "A CSV import needs its header line.",
    path: ["header"],
  });
export type CreateImportInput = z.infer<typeof createImportSchema>;

export const importBatchSchema = z.object({
  // The batch's position in the file, from 0: a retried batch sends the same number.
  batch: z.number().int().min(0).max(1_000_000),
  records: z
    .array(z.object({ line: z.number().int().min(1), raw: z.string().max(1_000_000) }))
    .min(1)
    .max(MAX_RECORDS_PER_BATCH),
});
export type ImportBatchInput = z.infer<typeof importBatchSchema>;
