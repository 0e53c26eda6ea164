import { z } from "zod";
import type { Parameter } from "@/lib/api/operation";
import { snapshotNameSchema } from "@/lib/exports/snapshots";
import { slugSchema } from "@/lib/projects/schema";

/** `{slug}`: operations that declare it receive the loaded project (404 when unknown). */
export const projectSlugParam = {
  schema: slugSchema,
  description: "The project's slug (see `GET /api/v1/projects`).",
  example: "demo",
} satisfies Parameter;

export const taskIdParam = {
  ...idParam("task ID"),
  description: "The task's id, from `tasks/next`.",
  example: "TASK_ID",
} satisfies Parameter;

export const PROJECT_NOT_FOUND = "No project with this slug.";
export const BAD_SLUG = "The slug is malformed";

export const snapshotNameParam = {
  schema: snapshotNameSchema,
  description: "The snapshot's name, unique in the project.",
  example: "rm-v1",
  label: "snapshot name",
} satisfies Parameter;

/** `{id}` of a row: the handler's lookup answers 404 for an unknown one. */
export function idParam(label: string) {
  return {
    schema: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: `Not a ${label}.` }),
    description: `The ${label}.`,
    label,
  } satisfies Parameter;
}
