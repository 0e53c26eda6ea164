// An admin signs in, invites a labeler; the labeler accepts and signs in; the admin deactivates
// them and they are out at their next click. Screenshots of each screen are kept in test-results/.
import { expect, type Page, test } from "@playwright/test";
import { makeUser } from "../support/factory";
import { uniqueEmail } from "../support/unique";

const shots = "test-results/screenshots";

// The invite journey signs in three times and takes ~15 s alone; on a loaded two-core machine it
// once needed 66 s, past the default 60 s budget, as the other multi-step journeys allow for too.
test.describe.configure({ timeout: 180_000 });

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin invites a labeler, who joins, and is out once deactivated", async ({ browser }) => {
  const admin = await makeUser("admin");
  const adminPage = await (await browser.newContext()).newPage();
  await signInThroughForm(adminPage, admin.email, admin.password);
  await expect(adminPage.getByTestId("current-user-email")).toHaveText(admin.email);

  await adminPage.goto("/admin/people");
  const labelerEmail = uniqueEmail("newlabeler");
  await adminPage.getByTestId("invite-email").fill(labelerEmail);
  await adminPage.getByTestId("invite-submit").click();
  const link = (await adminPage.getByTestId("invitation-link").textContent())!.trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await adminPage.screenshot({ path: `${shots}/admin-people-invited.png`, fullPage: true });

  const labelerContext = await browser.newContext();
  const labelerPage = await labelerContext.newPage();
  await labelerPage.goto(link);
  await expect(labelerPage.getByTestId("invited-email")).toHaveText(labelerEmail);
  await labelerPage.getByLabel("Name").fill("Lena Labeler");
  await labelerPage.getByLabel("Password", { exact: true }).fill("lena-has-a-long-password");
  await labelerPage.getByLabel("Confirm password").fill("lena-has-a-long-password");
  await labelerPage.screenshot({ path: `${shots}/invite-accept.png`, fullPage: true });
  await labelerPage.getByRole("button", { name: "Create account" }).click();
  await expect(labelerPage).toHaveURL(/\/$/);
  await expect(labelerPage.getByTestId("current-user-email")).toHaveText(labelerEmail);
  await labelerPage.screenshot({ path: `${shots}/labeler-home.png`, fullPage: true });

  // The link worked once.
  const reuse = await (await browser.newContext()).newPage();
  await reuse.goto(link);
  await expect(reuse.getByTestId("invitation-state")).toHaveAttribute("data-state", "used");

  // Labelers have no admin pages.
  await labelerPage.goto("/admin");
  expect((await labelerPage.request.get("/admin", { maxRedirects: 0 })).status()).toBe(403);

  await adminPage.reload();
  const row = adminPage.locator(`[data-testid="person-row"][data-email="${labelerEmail}"]`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await adminPage.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();

  await labelerPage.goto("/");
  await expect(labelerPage).toHaveURL(/\/login\?error=deactivated/);
  await expect(labelerPage.getByTestId("login-error")).toContainText(/deactivated/i);
  await labelerPage.screenshot({ path: `${shots}/login-deactivated.png`, fullPage: true });
  await signInThroughForm(labelerPage, labelerEmail, "lena-has-a-long-password");
  await expect(labelerPage.getByTestId("login-error")).toBeVisible();
  await expect(labelerPage).toHaveURL(/\/login/);
});

test("a wrong password shows an error on the sign-in screen", async ({ page }) => {
  const labeler = await makeUser("labeler");
  await signInThroughForm(page, labeler.email, "not-the-password");
  await expect(page.getByTestId("login-error")).toContainText(/wrong email or password/i);
  await page.screenshot({ path: `${shots}/login-error.png` });
});

test("the admin screens render on a phone without sideways scrolling", async ({ browser }) => {
  const admin = await makeUser("admin");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInThroughForm(page, admin.email, admin.password);
  await expect(page.getByRole("button", { name: "Open menu" })).toBeVisible();
  for (const [path, name] of [
    ["/admin", "overview"],
    ["/admin/people", "people"],
    ["/admin/projects", "projects"],
    ["/admin/api-keys", "api-keys"],
  ]) {
    await page.goto(path!);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${shots}/phone-${name}.png`, fullPage: true });
  }
});

test("signing in from a deep link returns to that page", async ({ page }) => {
  const admin = await makeUser("admin");
  await page.goto("/admin/api-keys");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/api-keys$/);
});

test("an admin creates an API key in the browser and sees it once", async ({ browser }) => {
  const admin = await makeUser("admin");
  const page = await (await browser.newContext()).newPage();
  await signInThroughForm(page, admin.email, admin.password);
  await expect(page.getByTestId("current-user-email")).toHaveText(admin.email);
  await page.goto("/admin/api-keys");

  // Nothing filled in: the form says what is missing and creates nothing.
  await page.getByTestId("key-submit").click();
  await expect(page.locator("#key-name-error")).toBeVisible();
  await expect(page.locator("#key-scopes-error")).toBeVisible();
  await expect(page.getByTestId("new-key-panel")).toHaveCount(0);

  const name = `nightly export ${Date.now()}`;
  await page.getByTestId("key-name").fill(name);
  await page.getByTestId("key-scope-export:read").check();
  await page.getByTestId("key-submit").click();
  await expect(page.getByTestId("new-key-panel")).toContainText(name);
  await expect(page.getByTestId("new-key")).toContainText(/rk_/);
  await expect(page.getByTestId("key-name")).toHaveValue("");
  await page.screenshot({ path: `${shots}/admin-api-key-created.png`, fullPage: true });

  // Revoking asks first, then the row says so and offers no second revoke.
  const row = page.locator(`[data-testid="key-row"][data-name="${name}"]`);
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
});

test("an admin revokes an open invitation, and its link stops working", async ({ browser }) => {
  const admin = await makeUser("admin");
  const page = await (await browser.newContext()).newPage();
  await signInThroughForm(page, admin.email, admin.password);
  await expect(page.getByTestId("current-user-email")).toHaveText(admin.email);
  await page.goto("/admin/people");
  const email = uniqueEmail("revoked");
  await page.getByTestId("invite-email").fill(email);
  await page.getByTestId("invite-submit").click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();

  const item = page.getByRole("listitem").filter({ hasText: email });
  await item.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(item).toHaveCount(0);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);
  await expect(visitor.getByTestId("invited-email")).toHaveCount(0);
});
