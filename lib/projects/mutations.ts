import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateProjectInput, UpdateProjectInput } from "@/lib/projects/schema";

function slugTaken(error: unknown, slug: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new AppError("conflict", `The slug "${slug}" is already in use.`, [{ path: "slug", message: "Already in use." }]);
  }
  throw error;
}

export async function createProject(input: CreateProjectInput, actorId: string | null) {
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({ data: input });
      await writeAudit(tx, { actorId, action: "project.create", targetType: "project", targetId: project.id });
      return project;
    });
  } catch (error) {
    slugTaken(error, input.slug);
  }
}

/** Edits a project; changing the instructions starts a new instructions version. */
export async function updateProject(target: Pick<Project, "id">, input: UpdateProjectInput, actorId: string) {
  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.project.findUnique({ where: { id: target.id } });
      if (!current) throw new AppError("not_found", "This project was deleted.");
      const instructionsChanged = input.instructions !== undefined && input.instructions !== current.instructions;
      const project = await tx.project.update({
        where: { id: current.id },
        data: { ...input, ...(instructionsChanged ? { instructionsVersion: { increment: 1 } } : {}) },
      });
      await writeAudit(tx, {
        actorId,
        action: "project.update",
        targetType: "project",
        targetId: project.id,
        details: { fields: Object.keys(input) },
      });
      return project;
    });
  } catch (error) {
    slugTaken(error, input.slug);
  }
}
