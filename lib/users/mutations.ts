import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AcceptInvitationInput, CreateUserInput, InviteInput, SetupAdminInput, UpdateUserInput } from "@/lib/users/schema";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createUser(input: CreateUserInput, actorId: string | null = null) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name ?? null, role: input.role, passwordHash },
        select: { id: true, email: true, role: true },
      });
      await writeAudit(tx, { actorId, action: "user.create", targetType: "user", targetId: user.id, details: { role: user.role } });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `There is already an account for ${input.email}.`);
    throw error;
  }
}

/** Creates an invitation and returns its one-time token (only its hash is stored). */
export async function createInvitation(input: InviteInput, actorId: string) {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new AppError("conflict", `There is already an account for ${input.email}.`);
  const slugs = input.projects ?? [];
  const projects = await db.project.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const unknown = slugs.filter((slug) => !projects.some((project) => project.slug === slug));
  if (unknown.length) {
    throw new AppError(
      "unprocessable",
      `No project with slug "${unknown[0]}".`,
      unknown.map((slug) => ({ path: `projects.${slugs.indexOf(slug)}`, message: "No such project." })),
    );
  }
  const token = generateToken();
  const expiresAt = new Date(Date.now() + getEnv().INVITATION_TTL_HOURS * 3600_000);
  const invitation = await db.$transaction(async (tx) => {
    // A new invitation replaces any still-open one for the same address.
    await tx.invitation.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: {
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        expiresAt,
        invitedById: actorId,
        projects: { connect: projects.map((project) => ({ id: project.id })) },
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await writeAudit(tx, { actorId, action: "invitation.create", targetType: "invitation", targetId: created.id });
    return created;
  });
  return { ...invitation, token };
}

export async function revokeInvitation(invitationId: string, actorId: string) {
  const result = await db.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new AppError("not_found", "No open invitation with that id.");
  await writeAudit(db, { actorId, action: "invitation.revoke", targetType: "invitation", targetId: invitationId });
}

/** The invitation a token opens, if it is still usable. */
export async function getOpenInvitation(token: string) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invitation || invitation.revokedAt) return { status: "invalid" as const };
  if (invitation.acceptedAt) return { status: "used" as const };
  if (invitation.expiresAt.getTime() <= Date.now()) return { status: "expired" as const };
  return { status: "open" as const, invitation };
}

/**
 * Accepts an invitation: creates the account and marks the invitation used in one transaction.
 * The conditional update makes a link work exactly once even when submitted twice at once.
 */
export async function acceptInvitation(input: AcceptInvitationInput) {
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashToken(input.token);
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        data: { acceptedAt: new Date() },
      });
      if (claimed.count === 0) throw new AppError("gone", "This invitation link has expired or was already used.");
      const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash }, include: { projects: { select: { id: true } } } });
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          passwordHash,
          // The projects the invitation names, added by whoever invited them.
          memberships: { create: invitation.projects.map((project) => ({ projectId: project.id, addedById: invitation.invitedById })) },
        },
        select: { id: true, email: true, role: true },
      });
      await writeAudit(tx, { actorId: user.id, action: "invitation.accept", targetType: "invitation", targetId: invitation.id });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "There is already an account for this address.");
    throw error;
  }
}

/** Changes a person's role or active flag; an admin cannot demote or deactivate themselves. */
export async function updateUser(userId: string, input: UpdateUserInput, actorId: string) {
  if (userId === actorId && (input.role === "labeler" || input.active === false)) {
    throw new AppError("unprocessable", "You cannot demote or deactivate your own account.");
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("not_found", "No person with that id.");
    const updated = await tx.user.update({
      where: { id: userId },
      // Deactivating also ends their sessions for good, so reactivating does not revive old cookies.
      data: { role: input.role, active: input.active, ...(input.active === false ? { sessionVersion: { increment: 1 } } : {}) },
      select: { id: true, email: true, role: true, active: true },
    });
    // Never leave the instance without an active admin.
    const admins = await tx.user.count({ where: { role: "admin", active: true } });
    if (admins === 0) throw new AppError("unprocessable", "At least one active admin must remain.");
    await writeAudit(tx, { actorId, action: "user.update", targetType: "user", targetId: userId, details: input });
    return updated;
  });
}

/** Creates a one-time link for making the first admin; only its hash is stored. */
export async function createSetupToken(): Promise<string> {
  const token = generateToken();
  await db.setupToken.create({ data: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 24 * 3600_000) } });
  return token;
}

export async function isSetupTokenOpen(token: string): Promise<boolean> {
  const row = await db.setupToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return !!row && !row.usedAt && row.expiresAt.getTime() > Date.now() && (await db.user.count({ where: { role: "admin" } })) === 0;
}

/** Uses a setup link to create the first admin; it works once, and only while no admin exists. */
export async function completeSetup(input: SetupAdminInput) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const claimed = await tx.setupToken.updateMany({
      where: { tokenHash: hashToken(input.token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError("gone", "This setup link has expired or was already used.");
    if ((await tx.user.count({ where: { role: "admin" } })) > 0) {
      throw new AppError("gone", "An admin already exists; sign in instead.");
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: "admin", passwordHash },
      select: { id: true, email: true, role: true },
    });
    await writeAudit(tx, { actorId: user.id, action: "setup.complete", targetType: "user", targetId: user.id });
    return user;
  });
}
