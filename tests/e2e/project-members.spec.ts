// Project membership: the members API and labeler_access over HTTP, and the People tab an admin
// uses to limit a project, add and remove members, and invite someone straight into it.
import { expect, test } from "@playwright/test";
import { makeApiKey, makeProject, makeRankingTask, makeUser } from "../support/factory";
import { uniqueEmail } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { newClient, signedInClient } from "./support/http";

// The screen journey signs in three people and reloads at two widths: about 40 s alone, more beside
// the other worker (it ran out of the default 60 s once in the full suite).
test.describe.configure({ timeout: 180_000 });

const shots = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";

test("the members API limits a project to its members; everyone else gets 404 as if it did not exist", async () => {
  const project = await makeProject();
  await makeRankingTask(project);
  const [member, outsider] = await Promise.all([makeUser("labeler"), makeUser("labeler")]);
  const admin = await newClient(undefined, { authorization: `Bearer ${(await makeApiKey(["projects:admin"])).key}` });
  const memberClient = await signedInClient(member.email, member.password);
  const outsiderClient = await signedInClient(outsider.email, outsider.password);
  const base = `/api/v1/projects/${project.slug}`;

  expect(await (await admin.get(`${base}/members`)).json()).toEqual({ labeler_access: "all", members: [] });
  const added = await admin.post(`${base}/members`, { data: { email: member.email.toUpperCase() } });
  expect(added.status()).toBe(201);
  expect(await added.json()).toEqual({
    member: { email: member.email, name: null, role: "labeler", active: true, added_at: expect.any(String) },
  });
  expect((await admin.post(`${base}/members`, { data: { email: member.email } })).status()).toBe(200);
  const nobody = await admin.post(`${base}/members`, { data: { email: uniqueEmail("nobody") } });
  expect(nobody.status()).toBe(422);
  expect((await nobody.json()).error.issues).toEqual([{ path: "email", message: "No account with this email." }]);
  expect((await admin.post(`${base}/members`, { data: { email: "not an email" } })).status()).toBe(422);
  expect((await admin.post("/api/v1/projects/no-such-project-here/members", { data: { email: member.email } })).status()).toBe(404);

  // Open to all: membership changes nothing yet.
  const leased = await outsiderClient.post(`${base}/tasks/next`);
  expect(leased.status()).toBe(200);
  const task = await leased.json();

  const limited = await admin.patch(`${base}/settings`, { data: { labeler_access: "members" } });
  expect(limited.status()).toBe(200);
  expect((await limited.json()).settings.labeler_access).toBe("members");
  expect((await admin.patch(`${base}/settings`, { data: { labeler_access: "some" } })).status()).toBe(422);

  const unknown = await outsiderClient.post("/api/v1/projects/no-such-project-here/tasks/next");
  for (const response of [
    await outsiderClient.post(`${base}/tasks/next`),
    await outsiderClient.post(`/api/projects/${project.slug}/prompts`, { data: { kind: "plain", text: "Write a haiku about rain" } }),
  ]) {
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe((await unknown.json()).error.code);
  }
  expect((await outsiderClient.get(`/projects/${project.slug}/label`)).status()).toBe(404);
  expect(await (await outsiderClient.get("/")).text()).not.toContain(project.name);
  // Limiting the project gave the outsider's lease back to the queue: a member gets that task.
  expect((await (await memberClient.post(`${base}/tasks/next`)).json()).id).toBe(task.id);
  const refused = await outsiderClient.post(`/api/v1/tasks/${task.id}/skip`, { data: { reason: "intent_unclear" } });
  expect(refused.status()).toBe(404);
  expect(await (await memberClient.get("/")).text()).toContain(project.name);

  const members = await (await admin.get(`${base}/members`)).json();
  expect(members).toMatchObject({ labeler_access: "members", members: [{ email: member.email }] });
  expect((await admin.delete(`${base}/members`, { data: { email: member.email } })).status()).toBe(204);
  expect((await admin.delete(`${base}/members`, { data: { email: member.email } })).status()).toBe(404);
  expect((await memberClient.post(`${base}/tasks/next`)).status()).toBe(404);
});

test("an admin limits a project to members on its People tab, adds, invites and removes them", async ({ browser }) => {
  const project = await makeProject();
  const [admin, member, outsider] = await Promise.all([makeUser("admin"), makeUser("labeler"), makeUser("labeler")]);
  const adminPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInInBrowser(adminPage, admin.email, admin.password);

  await adminPage.goto(`/admin/projects/${project.slug}/people`);
  await expect(adminPage.getByRole("link", { name: "People", exact: true }).last()).toHaveAttribute("aria-current", "page");
  await expect(adminPage.getByTestId("no-members")).toBeVisible();
  await expect(adminPage.getByTestId("access-submit")).toBeDisabled();
  await adminPage.getByTestId("access-members").check();
  await adminPage.getByTestId("access-submit").click();
  await expect(adminPage.getByTestId("access-message")).toContainText("Nobody but admins");

  await adminPage.getByTestId("member-email").fill("nobody-here@example.com");
  await adminPage.getByTestId("member-add").click();
  await expect(adminPage.getByTestId("member-message")).toContainText("no account");
  await adminPage.getByTestId("member-email").fill(member.email);
  await adminPage.getByTestId("member-add").click();
  await expect(adminPage.getByTestId("member-message")).toContainText(`Added ${member.email}`);
  await expect(adminPage.locator(`[data-testid="member-row"][data-email="${member.email}"]`)).toBeVisible();
  await expect(adminPage.getByTestId("member-count")).toContainText("1 person");

  // Someone new, invited into the project from the People screen.
  await adminPage.goto("/admin/people");
  const invitedEmail = uniqueEmail("invited");
  await adminPage.getByTestId("invite-email").fill(invitedEmail);
  await adminPage.getByTestId("invite-projects").getByLabel(project.name).check();
  await adminPage.getByTestId("invite-submit").click();
  const link = (await adminPage.getByTestId("invitation-link").textContent())!.trim();
  await expect(adminPage.locator(`[data-testid="invitation-row"][data-email="${invitedEmail}"]`)).toContainText(`Joins ${project.name}`);
  await adminPage.screenshot({ path: `${shots}/admin-people-invite-projects.png`, fullPage: true });
  await adminPage.setViewportSize({ width: 390, height: 844 });
  await adminPage.getByTestId("invite-projects").scrollIntoViewIfNeeded();
  await adminPage.screenshot({ path: `${shots}/admin-people-invite-projects-phone.png` });
  await adminPage.setViewportSize({ width: 1440, height: 900 });

  const invitedPage = await (await browser.newContext()).newPage();
  await invitedPage.goto(link);
  await invitedPage.getByLabel("Name").fill("Ines Invited");
  await invitedPage.getByLabel("Password", { exact: true }).fill("ines-has-a-long-password");
  await invitedPage.getByLabel("Confirm password").fill("ines-has-a-long-password");
  await invitedPage.getByRole("button", { name: "Create account" }).click();
  await expect(invitedPage.getByTestId("project-card").filter({ hasText: project.name })).toBeVisible();

  // The outsider does not see it, and its pages are not found.
  const outsiderPage = await (await browser.newContext()).newPage();
  await signInInBrowser(outsiderPage, outsider.email, outsider.password);
  await expect(outsiderPage.getByTestId("project-card").filter({ hasText: project.name })).toHaveCount(0);
  expect((await outsiderPage.goto(`/projects/${project.slug}/write`))!.status()).toBe(404);

  await adminPage.goto(`/admin/projects/${project.slug}/people`);
  await expect(adminPage.getByTestId("member-row")).toHaveCount(2);
  await adminPage.screenshot({ path: `${shots}/admin-project-people.png`, fullPage: true });
  // Reloaded at phone width, so the tab strip scrolls its active tab into view as it does on a phone.
  await adminPage.setViewportSize({ width: 390, height: 844 });
  await adminPage.reload();
  await expect(adminPage.getByTestId("member-row")).toHaveCount(2);
  await adminPage.screenshot({ path: `${shots}/admin-project-people-phone.png`, fullPage: true });
  await adminPage.setViewportSize({ width: 1440, height: 900 });

  const row = adminPage.locator(`[data-testid="member-row"][data-email="${member.email}"]`);
  await row.getByRole("button", { name: `Remove ${member.email}` }).click();
  await adminPage.screenshot({ path: `${shots}/admin-project-people-remove.png` });
  await adminPage.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
  await expect(adminPage.getByTestId("member-message")).toContainText(`Removed ${member.email}`);

  const memberPage = await (await browser.newContext()).newPage();
  await signInInBrowser(memberPage, member.email, member.password);
  await expect(memberPage.getByTestId("project-card").filter({ hasText: project.name })).toHaveCount(0);
});
