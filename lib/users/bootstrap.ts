import { writeAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { createSetupToken } from "@/lib/users/mutations";
import { emailSchema, passwordSchema } from "@/lib/users/schema";

export type BootstrapResult = { kind: "admin-exists" } | { kind: "admin-created"; email: string } | { kind: "setup-link"; token: string };

/**
 * First start: ADMIN_EMAIL and ADMIN_PASSWORD create the first admin when that account does not
 * exist yet; with neither set and no admin at all, a one-time setup token is made for a link.
 */
export async function bootstrapFirstAdmin(env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string }): Promise<BootstrapResult> {
  if (env.ADMIN_EMAIL || env.ADMIN_PASSWORD) {
    const email = emailSchema.safeParse(env.ADMIN_EMAIL ?? "");
    const password = passwordSchema.safeParse(env.ADMIN_PASSWORD ?? "");
    if (!email.success) throw new Error("ADMIN_EMAIL must be a valid email address.");
    if (!password.success) throw new Error(`ADMIN_PASSWORD: ${password.error.issues[0]?.message}`);
    const existing = await db.user.findUnique({ where: { email: email.data } });
    if (existing) return { kind: "admin-exists" };
    const passwordHash = await hashPassword(password.data);
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: email.data, role: "admin", passwordHash } });
      await writeAudit(tx, { action: "setup.env_admin", targetType: "user", targetId: user.id });
    });
    return { kind: "admin-created", email: email.data };
  }
  if ((await db.user.count({ where: { role: "admin" } })) > 0) return { kind: "admin-exists" };
  return { kind: "setup-link", token: await createSetupToken() };
}
