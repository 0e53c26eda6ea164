import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
import { mayAccessProject } from "@/lib/projects/access";

type Client = Prisma.TransactionClient | typeof db;
type ProjectRef = Pick<Project, "id" | "labelerAccess">;

/**
 * Whether this person may see the project and work in it (the rule is `mayAccessProject`). Their
 * role and membership come from the database in one read, so a demotion or a removal counts at
 * once; the read is skipped when the project is open to every labeler.
 */
export async function canAccessProject(client: Client, project: ProjectRef, userId: string): Promise<boolean> {
  if (mayAccessProject(project, "labeler", false)) return true;
  const user = await client.user.findUnique({
    where: { id: userId },
    select: { role: true, memberships: { where: { projectId: project.id }, select: { userId: true } } },
  });
  return !!user && mayAccessProject(project, user.role, user.memberships.length > 0);
}

/** The projects this person may see, newest first (the labeler's home page). */
export async function listProjectsFor(user: { id: string; role: "admin" | "labeler" }) {
  const [projects, memberships] = await Promise.all([
    db.project.findMany({ orderBy: { createdAt: "desc" } }),
    db.projectMember.findMany({ where: { userId: user.id }, select: { projectId: true } }),
  ]);
  const memberOf = new Set(memberships.map((membership) => membership.projectId));
  return projects.filter((project) => mayAccessProject(project, user.role, memberOf.has(project.id)));
}

export const memberSelect = {
  addedAt: true,
  user: { select: { email: true, name: true, role: true, active: true } },
} as const;

export function toMember(row: Prisma.ProjectMemberGetPayload<{ select: typeof memberSelect }>) {
  return { ...row.user, added_at: row.addedAt.toISOString() };
}
export type ProjectMember = ReturnType<typeof toMember>;

export async function listProjectMembers(project: Pick<Project, "id">): Promise<ProjectMember[]> {
  const rows = await db.projectMember.findMany({
    where: { projectId: project.id },
    select: memberSelect,
    orderBy: { user: { email: "asc" } },
  });
  return rows.map(toMember);
}

/** The 404 a labeler gets for a project they may not see: the same as for one that does not exist. */
export function projectNotFound(slug: string): AppError {
  return new AppError("not_found", `No project with slug "${slug}".`);
}
