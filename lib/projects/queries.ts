import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";

export function listProjects() {
  return db.project.findMany({ orderBy: { createdAt: "desc" } });
}

export function getProjectBySlug(slug: string) {
  return db.project.findUnique({ where: { slug } });
}

export async function requireProject(slug: string) {
  const project = await getProjectBySlug(slug);
  if (!project) throw new AppError("not_found", `No project with slug "${slug}".`);
  return project;
}
