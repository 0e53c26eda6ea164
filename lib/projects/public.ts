import type { Project } from "@/lib/generated/prisma/client";

/** A project as the JSON API shows it (snake_case, like every /api/v1 body). */
export function toPublicProject(project: Project) {
  return {
    slug: project.slug,
    name: project.name,
    description: project.description,
    instructions: project.instructions,
    instructions_version: project.instructionsVersion,
    created_at: project.createdAt.toISOString(),
  };
}
