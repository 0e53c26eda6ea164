import { z } from "zod";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";

export const slugSchema = z
  .string()
  .trim()
  .min(2, { message: "Use at least 2 characters." })
  .max(60, { message: "Use at most 60 characters." })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "Use lowercase letters, digits and single hyphens." });

export const createProjectSchema = z.object({
  slug: slugSchema,
  name: safeString(FIELD_BYTES.name).trim().min(1, { message: "Name the project." }).max(120),
  description: safeString(FIELD_BYTES.note).trim().max(2000).default(""),
  instructions: safeString(FIELD_BYTES.text).max(100_000).default(""),
});
export type CreateProjectInput = z.infer<typeof createProjectSchema>;

export const updateProjectSchema = createProjectSchema.partial();
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;
