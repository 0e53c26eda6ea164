import { db } from "@/lib/db";

export function listProjects() {
  return db.project.findMany({ orderBy: { createdAt: "desc" } });
}

export function getProjectBySlug(slug: string) {
  return db.project.findUnique({ where: { slug } });
}
