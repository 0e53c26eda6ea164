import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { updateQualitySettings } from "@/lib/labeling/quality-settings";
import { leaseNextTask, skipTask, submitTask } from "@/lib/labeling/queue";
import type { NextTask } from "@/lib/labeling/schema";
import { requireProjectBySlug } from "@/lib/projects/load";
import { addProjectMember, removeProjectMember } from "@/lib/projects/member-mutations";
import { canAccessProject, listProjectMembers, listProjectsFor } from "@/lib/projects/members";
import { acceptInvitation, createInvitation, updateUser } from "@/lib/users/mutations";
import { makeProject, makeRankingTask, makeUser } from "../support/factory";
import { runCli } from "../support/run-cli";
import { uniqueEmail } from "../support/unique";

type Person = Awaited<ReturnType<typeof makeUser>>;
const asViewer = (person: Person) => ({ id: person.id, email: person.email, name: null, role: person.role });

async function membersOnlyProject(...members: Person[]): Promise<Project> {
  const project = await db.project.update({ where: { id: (await makeProject()).id }, data: { labelerAccess: "members" } });
  for (const member of members) await addProjectMember(project, { email: member.email }, {});
  return project;
}

/** The error a promise rejects with, as the API would answer it. */
async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) =>
      error instanceof AppError ? { status: error.status, message: error.message } : { status: 500, message: String(error) },
  );
}

function answerFor(task: NextTask) {
  const ids = task.outputs.map((output) => output.id);
  return {
    ratings: Object.fromEntries(ids.map((id) => [id, { likert: 4, flags: [] }])),
    ranking: ids.map((id) => [id]),
    prompt_labels: { category: "generation", flags: [] },
  };
}

describe("labeler access to a project", () => {
  it("lets every labeler in by default, and only members (and admins) once limited", async () => {
    const [member, outsider, admin] = await Promise.all([makeUser("labeler"), makeUser("labeler"), makeUser("admin")]);
    const open = await makeProject();
    await makeRankingTask(open);
    expect(await leaseNextTask(open, outsider.id)).not.toBeNull();

    const closed = await membersOnlyProject(member);
    await makeRankingTask(closed);
    await makeRankingTask(closed);
    expect(await leaseNextTask(closed, member.id)).not.toBeNull();
    expect(await leaseNextTask(closed, admin.id)).not.toBeNull();
    // The same 404 as a project that does not exist: nothing tells the outsider it is there.
    expect(await failure(leaseNextTask(closed, outsider.id))).toEqual({ status: 404, message: `No project with slug "${closed.slug}".` });
    expect(await db.labelerQuality.count({ where: { projectId: closed.id, labelerId: outsider.id } })).toBe(0);
  });

  it("answers 404 on the slug the operations and the prompt form load, for outsiders only", async () => {
    const [member, outsider, admin] = await Promise.all([makeUser("labeler"), makeUser("labeler"), makeUser("admin")]);
    const closed = await membersOnlyProject(member);
    expect((await requireProjectBySlug(closed.slug, asViewer(member))).id).toBe(closed.id);
    expect((await requireProjectBySlug(closed.slug, asViewer(admin))).id).toBe(closed.id);
    // Word for word what an unknown slug gets.
    expect(await failure(requireProjectBySlug(closed.slug, asViewer(outsider)))).toEqual({
      status: 404,
      message: `No project with slug "${closed.slug}".`,
    });
    expect(await failure(requireProjectBySlug("no-such-project-here", asViewer(outsider)))).toEqual({
      status: 404,
      message: 'No project with slug "no-such-project-here".',
    });
    // API keys are not people: their scopes decide.
    expect((await requireProjectBySlug(closed.slug)).id).toBe(closed.id);
  });

  it("lists on a labeler's home only the projects they may see", async () => {
    const [member, outsider, admin] = await Promise.all([makeUser("labeler"), makeUser("labeler"), makeUser("admin")]);
    const open = await makeProject();
    const closed = await membersOnlyProject(member);
    const slugs = async (person: Person) => (await listProjectsFor(person)).map((project) => project.slug);
    expect(await slugs(member)).toEqual(expect.arrayContaining([open.slug, closed.slug]));
    expect(await slugs(admin)).toEqual(expect.arrayContaining([open.slug, closed.slug]));
    expect(await slugs(outsider)).toContain(open.slug);
    expect(await slugs(outsider)).not.toContain(closed.slug);
  });

  it("refuses the answer and the skip of a labeler removed while holding a lease, and frees their place at once", async () => {
    const [member, other] = await Promise.all([makeUser("labeler"), makeUser("labeler")]);
    const closed = await membersOnlyProject(member, other);
    await makeRankingTask(closed);
    await makeRankingTask(closed);
    const task = (await leaseNextTask(closed, member.id))!;
    const otherTask = (await leaseNextTask(closed, other.id))!;
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).leasedCount).toBe(1);

    await removeProjectMember(closed, { email: member.email }, {});
    expect(await db.assignment.findFirstOrThrow({ where: { taskId: task.id, labelerId: member.id } })).toMatchObject({
      status: "released",
    });
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).leasedCount).toBe(0);
    const notYours = { status: 404, message: "This task is not assigned to you." };
    expect(await failure(submitTask(task.id, member.id, answerFor(task)))).toEqual(notYours);
    expect(await failure(skipTask(task.id, member.id, "intent_unclear"))).toEqual(notYours);
    expect(await db.submission.count({ where: { taskId: task.id } })).toBe(0);

    // Back in, they work again; the other member was never disturbed.
    await addProjectMember(closed, { email: member.email }, {});
    expect((await leaseNextTask(closed, member.id))!.id).toBe(task.id);
    expect(await submitTask(task.id, member.id, answerFor(task))).toEqual({ status: "submitted" });
    expect(await submitTask(otherTask.id, other.id, answerFor(otherTask))).toEqual({ status: "submitted" });
  });

  it("releases the leases of labelers who are not members when a project is limited, and keeps the members'", async () => {
    const [member, outsider] = await Promise.all([makeUser("labeler"), makeUser("labeler")]);
    const project = await makeProject();
    await makeRankingTask(project);
    await makeRankingTask(project);
    await addProjectMember(project, { email: member.email }, {});
    const memberTask = (await leaseNextTask(project, member.id))!;
    const outsiderTask = (await leaseNextTask(project, outsider.id))!;

    const limited = await updateQualitySettings(project, { labeler_access: "members" }, {});
    expect(limited.labelerAccess).toBe("members");
    const statusOf = async (taskId: string, labelerId: string) =>
      (await db.assignment.findFirstOrThrow({ where: { taskId, labelerId } })).status;
    expect(await statusOf(memberTask.id, member.id)).toBe("leased");
    expect(await statusOf(outsiderTask.id, outsider.id)).toBe("released");
    expect((await db.task.findUniqueOrThrow({ where: { id: outsiderTask.id } })).leasedCount).toBe(0);
    expect(await failure(submitTask(outsiderTask.id, outsider.id, answerFor(outsiderTask)))).toMatchObject({ status: 404 });

    // Opening it again lets them back without adding anyone.
    await updateQualitySettings(limited, { labeler_access: "all" }, {});
    expect(await canAccessProject(db, { ...limited, labelerAccess: "all" }, outsider.id)).toBe(true);
  });

  it("follows a role change at once: an admin demoted to labeler loses what only admins see", async () => {
    const [admin, boss] = await Promise.all([makeUser("admin"), makeUser("admin")]);
    const closed = await membersOnlyProject();
    expect(await canAccessProject(db, closed, admin.id)).toBe(true);
    await updateUser(admin.id, { role: "labeler" }, boss.id);
    expect(await canAccessProject(db, closed, admin.id)).toBe(false);
  });
});

describe("managing members", () => {
  it("adds once, removes members only, names missing accounts, and records who did it", async () => {
    const [labeler, admin] = await Promise.all([makeUser("labeler"), makeUser("admin")]);
    const project = await membersOnlyProject();
    const first = await addProjectMember(project, { email: labeler.email }, { userId: admin.id });
    expect(first).toMatchObject({ created: true, member: { email: labeler.email, role: "labeler", active: true } });
    expect((await addProjectMember(project, { email: labeler.email }, { userId: admin.id })).created).toBe(false);
    // Added by two at once: both answer, one row, one audit entry.
    const other = await makeUser("labeler");
    const both = await Promise.all([0, 1].map(() => addProjectMember(project, { email: other.email }, { userId: admin.id })));
    expect(both.map((result) => result.created).sort()).toEqual([false, true]);
    await removeProjectMember(project, { email: other.email }, { userId: admin.id });
    expect(await listProjectMembers(project)).toEqual([first.member]);
    expect((await db.projectMember.findFirstOrThrow({ where: { projectId: project.id } })).addedById).toBe(admin.id);

    const nobody = uniqueEmail("nobody");
    expect(await failure(addProjectMember(project, { email: nobody }, {}))).toMatchObject({ status: 422 });
    expect(await failure(removeProjectMember(project, { email: nobody }, {}))).toMatchObject({ status: 422 });
    await removeProjectMember(project, { email: labeler.email }, { userId: admin.id });
    expect(await failure(removeProjectMember(project, { email: labeler.email }, {}))).toMatchObject({ status: 404 });
    expect(await listProjectMembers(project)).toEqual([]);

    const audit = await db.auditLog.findMany({
      where: { targetId: project.id, action: { startsWith: "project.member" } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["project.member_add", admin.id],
      ["project.member_add", admin.id],
      ["project.member_remove", admin.id],
      ["project.member_remove", admin.id],
    ]);
    expect(audit[0]!.details).toEqual({ userId: labeler.id });
  });

  it("makes a labeler who accepts an invitation a member of the projects it names", async () => {
    const admin = await makeUser("admin");
    const [closed, other] = await Promise.all([membersOnlyProject(), membersOnlyProject()]);
    const email = uniqueEmail("invited");
    const invitation = await createInvitation({ email, role: "labeler", projects: [closed.slug] }, admin.id);
    const user = await acceptInvitation({ token: invitation.token, name: "Invited Labeler", password: "a long enough password" });
    expect(await canAccessProject(db, closed, user.id)).toBe(true);
    expect(await canAccessProject(db, other, user.id)).toBe(false);
    expect((await db.projectMember.findFirstOrThrow({ where: { userId: user.id } })).addedById).toBe(admin.id);

    expect(
      await failure(createInvitation({ email: uniqueEmail("x"), role: "labeler", projects: ["no-such-project-here"] }, admin.id)),
    ).toEqual({
      status: 422,
      message: 'No project with slug "no-such-project-here".',
    });
  });

  it("adds and removes members from the CLI", async () => {
    const labeler = await makeUser("labeler");
    const project = await membersOnlyProject();
    const add = runCli(["project", "add-member", "--slug", project.slug, "--email", labeler.email]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stderr).toContain(`Added ${labeler.email}`);
    expect(await canAccessProject(db, project, labeler.id)).toBe(true);
    expect(runCli(["project", "add-member", "--slug", project.slug, "--email", labeler.email]).stderr).toContain("already a member");
    const remove = runCli(["project", "remove-member", "--slug", project.slug, "--email", labeler.email]);
    expect(remove.status, remove.stderr).toBe(0);
    expect(await canAccessProject(db, project, labeler.id)).toBe(false);

    expect(runCli(["project", "add-member", "--slug", "no-such-project-here", "--email", labeler.email]).stderr).toMatch(
      /No project with slug/,
    );
    const bad = runCli(["project", "add-member", "--slug", project.slug, "--email", "not-an-email"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--email: Enter a valid email/);
  });
});
