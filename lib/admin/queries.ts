import "server-only";
import { db } from "@/lib/db";

// Read-only figures for the admin overview page.

export async function getAdminCounts() {
  const now = new Date();
  const [activePeople, admins, labelers, openInvitations, projects, activeApiKeys] = await Promise.all([
    db.user.count({ where: { active: true } }),
    db.user.count({ where: { active: true, role: "admin" } }),
    db.user.count({ where: { active: true, role: "labeler" } }),
    db.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    db.project.count(),
    db.apiKey.count({ where: { revokedAt: null } }),
  ]);
  return { activePeople, admins, labelers, openInvitations, projects, activeApiKeys };
}

export function listRecentAuditEntries(take = 10) {
  return db.auditLog.findMany({
    take,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { id: true, at: true, action: true, targetType: true, targetId: true, apiKeyId: true, actor: { select: { email: true } } },
  });
}
