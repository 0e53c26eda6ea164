import { db } from "@/lib/db";

const publicUser = { id: true, email: true, name: true, role: true, active: true, createdAt: true, lastSignInAt: true } as const;

export function listUsers() {
  return db.user.findMany({ select: publicUser, orderBy: [{ active: "desc" }, { createdAt: "asc" }] });
}

export function listOpenInvitations() {
  return db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, projects: { select: { slug: true, name: true } } },
    orderBy: { createdAt: "desc" },
  });
}
