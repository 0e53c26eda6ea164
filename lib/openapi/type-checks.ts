/**
 * Compile-time only: each response schema in the API description must describe exactly what the
 * code returns. `satisfies z.ZodType<T>` next to a schema checks one direction; these check both,
 * so a field added to either side breaks `tsc`.
 */
import type { z } from "zod";
import type { ErrorCode, ErrorIssue } from "@/lib/api/errors";
import type { SnapshotManifest } from "@/lib/exports/snapshots";
import type { SubmitResult } from "@/lib/labeling/queue";
import type { NextTask, nextTaskSchema, submitResultSchema } from "@/lib/labeling/schema";
import type { createComparisonTask, createDemonstrationTasks } from "@/lib/labeling/tasks";
import type { RedactResult, summarizeFindings } from "@/lib/pii";
import type { redactResponseSchema } from "@/lib/pii/schema";
import type { toPublicProject } from "@/lib/projects/public";
import type { PromptOutcome, promptOutcomeSchema } from "@/lib/prompts/schema";
import type {
  comparisonCreatedSchema,
  demonstrationTasksCreatedSchema,
  errorBodySchema,
  publicProjectSchema,
  snapshotManifestSchema,
} from "./responses";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// Mutual assignability: looser than Equal, for types whose optional keys differ only in spelling.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

type Out<S extends z.ZodType> = z.output<S>;

export type Checks = [
  Assert<Same<Out<typeof promptOutcomeSchema>, PromptOutcome>>,
  Assert<
    Same<
      Out<typeof nextTaskSchema>,
      Omit<NextTask, "prompt"> & {
        prompt: Omit<NextTask["prompt"], "structure"> & { structure: Out<typeof nextTaskSchema>["prompt"]["structure"] };
      }
    >
  >,
  Assert<Same<Out<typeof submitResultSchema>, SubmitResult>>,
  Assert<Same<Out<typeof publicProjectSchema>, ReturnType<typeof toPublicProject>>>,
  Assert<Same<Out<typeof redactResponseSchema>, Omit<RedactResult, never> & { redactions: ReturnType<typeof summarizeFindings> }>>,
  Assert<Equal<Out<typeof errorBodySchema>["error"]["code"], ErrorCode | "internal">>,
  Assert<Same<NonNullable<Out<typeof errorBodySchema>["error"]["issues"]>[number], ErrorIssue>>,
  Assert<Same<Out<typeof comparisonCreatedSchema>["outputs"], Awaited<ReturnType<typeof createComparisonTask>>["outputs"]>>,
  Assert<
    Same<
      Out<typeof demonstrationTasksCreatedSchema>["tasks"][number]["prompt_id"],
      Awaited<ReturnType<typeof createDemonstrationTasks>>[number]["promptId"]
    >
  >,
  Assert<Same<Out<typeof snapshotManifestSchema>, SnapshotManifest>>,
];
