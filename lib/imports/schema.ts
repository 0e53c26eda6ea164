import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/imports/records";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";

export const MAX_RECORDS_PER_BATCH = 1000;

export const createImportSchema = z
  .object({
    file_name: safeString(FIELD_BYTES.name).trim().min(1).max(255),
    format: z.enum(IMPORT_FORMATS),
    // A CSV file's first line, as read from the file; absent for JSONL.
    header: safeString(FIELD_BYTES.note).max(10_000).optional(),
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
