import { AppError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";

// Session tokens are signed cookies (JWT) that the server cannot take back one by one. Each carries
// its person's session version at sign-in; lib/auth/options.ts refuses a token whose version is no
// longer the person's. Raising the version therefore ends every session signed in before.

/**
 * Signing out ends the session on the server too: a copy of the cookie kept elsewhere stops working.
 * It raises the version, so it ends the person's other sessions as well (sign out = everywhere),
 * and only while the token is still current, so an old, stolen token cannot sign its owner out.
 */
export async function endSessionsOnSignOut(token: { id?: string; sessionVersion?: number }): Promise<void> {
  if (!token.id || token.sessionVersion === undefined) return;
  await db.user.updateMany({
    where: { id: token.id, sessionVersion: token.sessionVersion },
    data: { sessionVersion: { increment: 1 } },
  });
}

/** An admin signs someone out everywhere: every session of theirs ends at its next request. */
export async function signOutEverywhere(userId: string, actorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const ended = await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    if (ended.count === 0) throw new AppError("not_found", "No person with that id.");
    await writeAudit(tx, { actorId, action: "user.sign_out_everywhere", targetType: "user", targetId: userId });
  });
}

export type SessionPerson =
  | { user: { id: string; email: string; name: string | null; role: "admin" | "labeler" } }
  | { user: null; deactivated: boolean };

/**
 * The person a decoded session token stands for, read from the database (so a role change shows
 * at once), or none: a deactivated or deleted person, or a session ended by signing out (its
 * version is no longer theirs).
 */
export async function readSessionPerson(token: { id?: string; sessionVersion?: number } | null): Promise<SessionPerson> {
  const current = token?.id
    ? await db.user.findUnique({
        where: { id: token.id },
        select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
      })
    : null;
  if (!current) return { user: null, deactivated: false };
  if (!current.active) return { user: null, deactivated: true };
  if (current.sessionVersion !== token!.sessionVersion) return { user: null, deactivated: false };
  return { user: { id: current.id, email: current.email, name: current.name, role: current.role } };
}
