import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .min(2, { message: "Use at least 2 characters." })
  .max(60, { message: "Use at most 60 characters." })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "Use lowercase letters, digits and single hyphens." });

export const createProjectSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, { message: "Name the project." }).max(120),
  description: z.string().trim().max(2000).default(""),
  instructions: z.string().max(100_000).default(""),
});
export type CreateProjectInput = z.infer<typeof createProjectSchema>;

export const updateProjectSchema = createProjectSchema.partial();
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;
