import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { endSessionsOnSignOut, signOutEverywhere } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { updateUser } from "@/lib/users/mutations";
import { makeUser } from "../support/factory";

// The session callback as next-auth calls it on every request, with the token from the cookie.
type SessionCallback = (params: { session: { expires: string }; token: Record<string, unknown> }) => Promise<{ user?: { id: string } }>;
const sessionOf = (token: Record<string, unknown>) =>
  (authOptions.callbacks!.session as unknown as SessionCallback)({ session: { expires: "2099-01-01T00:00:00.000Z" }, token });

async function tokenFor(userId: string) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { id: userId, role: "labeler", sessionVersion };
}

describe("session versions", () => {
  it("let a token in only while its version is its person's", async () => {
    const admin = await makeUser("admin");
    const labeler = await makeUser("labeler");
    const token = await tokenFor(labeler.id);
    expect((await sessionOf(token)).user?.id).toBe(labeler.id);
    await signOutEverywhere(labeler.id, admin.id);
    expect((await sessionOf(token)).user).toBeUndefined();
    expect((await sessionOf(await tokenFor(labeler.id))).user?.id).toBe(labeler.id);
    // A token from before session versions existed is refused too.
    expect((await sessionOf({ id: labeler.id, role: "labeler" })).user).toBeUndefined();
    expect(await db.auditLog.count({ where: { action: "user.sign_out_everywhere", targetId: labeler.id, actorId: admin.id } })).toBe(1);
  });

  it("end every session when one signs out, but a stale token cannot sign its owner out", async () => {
    const labeler = await makeUser("labeler");
    const first = await tokenFor(labeler.id);
    await endSessionsOnSignOut(first);
    expect((await sessionOf(first)).user).toBeUndefined();
    const second = await tokenFor(labeler.id);
    await endSessionsOnSignOut(first);
    expect((await sessionOf(second)).user?.id).toBe(labeler.id);
  });

  it("end for good on deactivation, so reactivating does not revive old cookies", async () => {
    const admin = await makeUser("admin");
    const labeler = await makeUser("labeler");
    const token = await tokenFor(labeler.id);
    await updateUser(labeler.id, { active: false }, admin.id);
    await updateUser(labeler.id, { active: true }, admin.id);
    expect((await sessionOf(token)).user).toBeUndefined();
    // A role change alone keeps the session (the role is read from the database anyway).
    const current = await tokenFor(labeler.id);
    await updateUser(labeler.id, { role: "admin" }, admin.id);
    expect((await sessionOf(current)).user?.id).toBe(labeler.id);
  });

  it("say so when an admin signs out someone who does not exist", async () => {
    const admin = await makeUser("admin");
    await expect(signOutEverywhere("no-such-person", admin.id)).rejects.toMatchObject({ status: 404 });
  });
});
