import { z } from "zod";

/**
 * Response bodies whose shape is built inline by a route or a mapper (no TypeScript type of their
 * own). `type-checks.ts` compares each with what the code returns, so a change on either side
 * fails `tsc`.
 */

export const ERROR_CODES = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "gone",
  "unprocessable",
  "payload_too_large",
  "rate_limited",
  "quality_blocked",
  "screening_failed",
  "internal",
] as const;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      // Present on validation errors: one entry per problem, `path` dotted ("prompts.3.user_id").
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ description: "Every error answers this shape, whatever its status." });

export const publicProjectSchema = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  instructions: z.string(),
  instructions_version: z.number().int(),
  created_at: z.iso.datetime(),
});
export const projectListResponseSchema = z.object({ projects: z.array(publicProjectSchema) });
export const projectResponseSchema = z.object({ project: publicProjectSchema });

export const comparisonCreatedSchema = z.object({
  task_id: z.string(),
  // In the order they were sent; ids to match rankings in the export.
  outputs: z.array(z.object({ id: z.string(), model: z.string() })),
});
export const demonstrationTasksCreatedSchema = z.object({
  tasks: z.array(z.object({ task_id: z.string(), prompt_id: z.string() })),
});

// Snapshots (lib/exports/snapshots.ts `SnapshotManifest`).
export const snapshotManifestSchema = z.object({
  name: z.string(),
  dataset: z.enum(["comparisons", "demonstrations", "prompts"]),
  format: z.string(),
  filters: z.object({
    split: z.string().nullable(),
    model: z.string().nullable(),
    ties: z.string(),
    // Comparisons only (null otherwise): whether gold tasks and blocked or screened-out labelers are in.
    gold: z.enum(["exclude", "include"]).nullable(),
    labelers: z.enum(["counted", "all"]).nullable(),
  }),
  // Where an incremental export taken after this snapshot starts (`since`); null when it was empty.
  cursor: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), split: z.string(), records: z.number().int(), bytes: z.number().int(), sha256: z.string() })),
  records_per_split: z.record(z.string(), z.number().int()),
  // The dataset card (README.md with the Hugging Face Hub's YAML header), downloaded like a file; absent from older snapshots.
  card: z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string() }).optional(),
  created_at: z.iso.datetime(),
});
export const snapshotListResponseSchema = z.object({ snapshots: z.array(snapshotManifestSchema) });
export const snapshotResponseSchema = z.object({ snapshot: snapshotManifestSchema });
