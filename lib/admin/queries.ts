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

/**
 * The newest audit entries, each with a readable name for its target where one can be looked up
 * (a person's email, a project's slug, a key's name, a task's project), one query per kind.
 */
export async function listRecentAuditEntries(take = 10) {
  const entries = await db.auditLog.findMany({
    take,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { id: true, at: true, action: true, targetType: true, targetId: true, apiKeyId: true, actor: { select: { email: true } } },
  });
  const idsOf = (type: string) => entries.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId!);
  const [users, projects, keys, invitations, tasks] = await Promise.all([
    db.user.findMany({ where: { id: { in: idsOf("user") } }, select: { id: true, email: true } }),
    db.project.findMany({ where: { id: { in: idsOf("project") } }, select: { id: true, slug: true } }),
    db.apiKey.findMany({ where: { id: { in: idsOf("api_key") } }, select: { id: true, name: true } }),
    db.invitation.findMany({ where: { id: { in: idsOf("invitation") } }, select: { id: true, email: true } }),
    db.task.findMany({ where: { id: { in: idsOf("task") } }, select: { id: true, project: { select: { slug: true } } } }),
  ]);
  const names = new Map<string, { name: string; href?: string }>([
    ...users.map((u) => [`user:${u.id}`, { name: u.email, href: "/admin/people" }] as const),
    ...projects.map((p) => [`project:${p.id}`, { name: p.slug, href: `/admin/projects/${p.slug}` }] as const),
    ...keys.map((k) => [`api_key:${k.id}`, { name: k.name, href: "/admin/api-keys" }] as const),
    ...invitations.map((i) => [`invitation:${i.id}`, { name: i.email, href: "/admin/people" }] as const),
    ...tasks.map(
      (t) => [`task:${t.id}`, { name: `in ${t.project.slug}`, href: `/admin/projects/${t.project.slug}/tasks/${t.id}` }] as const,
    ),
  ]);
  return entries.map((entry) => ({ ...entry, target: names.get(`${entry.targetType}:${entry.targetId}`) ?? null }));
}
