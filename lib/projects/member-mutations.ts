import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
import { releaseLeasesOf } from "@/lib/labeling/standing";
import type { ProjectMemberInput } from "@/lib/projects/access";
import { canAccessProject, memberSelect, toMember } from "@/lib/projects/members";

type Client = Prisma.TransactionClient | typeof db;
type Actor = { userId?: string; apiKeyId?: string };

async function userByEmail(client: Client, email: string) {
  const user = await client.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) {
    throw new AppError("unprocessable", `There is no account for ${email}; invite them first.`, [
      { path: "email", message: "No account with this email." },
    ]);
  }
  return user;
}

/**
 * Adds an account to the project; adding a member again changes nothing (`created: false`). The
 * insert skips an existing row rather than failing on it, so two admins adding the same person at
 * once both succeed, and only one of them is recorded as having added them.
 */
export async function addProjectMember(project: Project, input: ProjectMemberInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const user = await userByEmail(tx, input.email);
    const { count } = await tx.projectMember.createMany({
      data: [{ projectId: project.id, userId: user.id, addedById: actor.userId ?? null }],
      skipDuplicates: true,
    });
    const row = await tx.projectMember.findUniqueOrThrow({
      where: { projectId_userId: { projectId: project.id, userId: user.id } },
      select: memberSelect,
    });
    if (count === 0) return { created: false, member: toMember(row) };
    await writeAudit(tx, {
      actorId: actor.userId ?? null,
      apiKeyId: actor.apiKeyId ?? null,
      action: "project.member_add",
      targetType: "project",
      targetId: project.id,
      details: { userId: user.id },
    });
    return { created: true, member: toMember(row) };
  });
}

/**
 * Removes an account from the project. When that takes their access away, their leases here are
 * released at once, so the places go back to the queue instead of waiting out the lease (their
 * submit would be refused anyway).
 */
export async function removeProjectMember(project: Project, input: ProjectMemberInput, actor: Actor) {
  await db.$transaction(async (tx) => {
    const user = await userByEmail(tx, input.email);
    const removed = await tx.projectMember.deleteMany({ where: { projectId: project.id, userId: user.id } });
    if (removed.count === 0) throw new AppError("not_found", `${input.email} is not a member of this project.`);
    if (!(await canAccessProject(tx, project, user.id))) await releaseLeasesOf(tx, project.id, user.id);
    await writeAudit(tx, {
      actorId: actor.userId ?? null,
      apiKeyId: actor.apiKeyId ?? null,
      action: "project.member_remove",
      targetType: "project",
      targetId: project.id,
      details: { userId: user.id },
    });
  });
}

/** After a project is limited to its members: the leases of everyone who lost access go back to the queue. */
export async function releaseOutsidersLeases(tx: Prisma.TransactionClient, project: Pick<Project, "id" | "labelerAccess">): Promise<void> {
  const holders = await tx.assignment.findMany({
    where: { projectId: project.id, status: "leased" },
    distinct: ["labelerId"],
    select: { labelerId: true },
  });
  for (const { labelerId } of holders) {
    if (!(await canAccessProject(tx, project, labelerId))) await releaseLeasesOf(tx, project.id, labelerId);
  }
}
