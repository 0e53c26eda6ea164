import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { acceptInvitation, createInvitation, getOpenInvitation, revokeInvitation, updateUser } from "@/lib/users/mutations";
import { makeUser, TEST_PASSWORD } from "../support/factory";
import { uniqueEmail } from "../support/unique";

async function expectAppError(promise: Promise<unknown>, status: number) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
}

describe("accounts", () => {
  it("stores an argon2 hash, never the password", async () => {
    const user = await makeUser("labeler");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(await verifyPassword(row.passwordHash, "wrong-password")).toBe(false);
  });

  it("refuses a second account for the same address, whatever its case", async () => {
    const user = await makeUser("labeler");
    await expectAppError(makeUser("labeler", user.email.toUpperCase().toLowerCase()), 409);
  });

  it("keeps at least one active admin and stops admins from demoting themselves", async () => {
    const admin = await makeUser("admin");
    await expectAppError(updateUser(admin.id, { active: false }, admin.id), 422);
    await expectAppError(updateUser(admin.id, { role: "labeler" }, admin.id), 422);
    const other = await makeUser("admin");
    const updated = await updateUser(other.id, { active: false }, admin.id);
    expect(updated.active).toBe(false);
    const audit = await db.auditLog.findFirst({ where: { targetId: other.id, action: "user.update" } });
    expect(audit?.actorId).toBe(admin.id);
  });
});

describe("invitations", () => {
  it("work once: the invitee becomes a user with the invited role", async () => {
    const admin = await makeUser("admin");
    const email = uniqueEmail("invitee");
    const { token } = await createInvitation({ email, role: "labeler" }, admin.id);
    expect((await getOpenInvitation(token)).status).toBe("open");
    const user = await acceptInvitation({ token, name: "Ines", password: "a-long-enough-password" });
    expect(user).toMatchObject({ email, role: "labeler" });
    expect((await getOpenInvitation(token)).status).toBe("used");
    await expectAppError(acceptInvitation({ token, name: "Again", password: "a-long-enough-password" }), 410);
  });

  it("store only a hash of the link's token", async () => {
    const admin = await makeUser("admin");
    const { token, id } = await createInvitation({ email: uniqueEmail("hash"), role: "labeler" }, admin.id);
    const row = await db.invitation.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).not.toContain(token);
  });

  it("accepted twice at once create exactly one account", async () => {
    const admin = await makeUser("admin");
    const { token } = await createInvitation({ email: uniqueEmail("race"), role: "labeler" }, admin.id);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => acceptInvitation({ token, name: "Racer", password: "a-long-enough-password" })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("expire", async () => {
    const admin = await makeUser("admin");
    const { token, id } = await createInvitation({ email: uniqueEmail("late"), role: "labeler" }, admin.id);
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getOpenInvitation(token)).status).toBe("expired");
    await expectAppError(acceptInvitation({ token, name: "Late", password: "a-long-enough-password" }), 410);
  });

  it("can be revoked, and a new one replaces an open one", async () => {
    const admin = await makeUser("admin");
    const email = uniqueEmail("again");
    const first = await createInvitation({ email, role: "labeler" }, admin.id);
    const second = await createInvitation({ email, role: "admin" }, admin.id);
    expect((await getOpenInvitation(first.token)).status).toBe("invalid");
    await revokeInvitation(second.id, admin.id);
    expect((await getOpenInvitation(second.token)).status).toBe("invalid");
  });

  it("are refused for an address that already has an account", async () => {
    const admin = await makeUser("admin");
    const existing = await makeUser("labeler");
    await expectAppError(createInvitation({ email: existing.email, role: "labeler" }, admin.id), 409);
  });
});
