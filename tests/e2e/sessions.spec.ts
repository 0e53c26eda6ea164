// Signing out ends a session on the server, not only in the browser that signed out: a copy of
// the cookie (another tab, a stolen one) stops working on every instance. Admins can sign anyone
// out everywhere.
import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";
import { makeUser } from "../support/factory";
import { BASE_URL, newClient, SECOND_BASE_URL, signedInClient, signIn } from "./support/http";

/** The same session cookie, presented to both instances. */
async function copiesOf(client: APIRequestContext) {
  const storageState = await client.storageState();
  return Promise.all([BASE_URL, SECOND_BASE_URL].map((baseURL) => request.newContext({ baseURL, storageState, maxRedirects: 0 })));
}

async function expectSignedOut(client: APIRequestContext) {
  expect((await (await client.get("/api/auth/session")).json()).user).toBeUndefined();
  const page = await client.get("/");
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/login");
}

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user-email")).toHaveText(email);
}

test("signing out ends the session on the server: a copy of its cookie no longer works", async () => {
  const labeler = await makeUser("labeler");
  const client = await signedInClient(labeler.email, labeler.password);
  const copies = await copiesOf(client);
  for (const copy of copies) expect((await copy.get("/")).status()).toBe(200);

  const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
  expect((await client.post("/api/auth/signout", { form: { csrfToken, json: "true" } })).status()).toBe(200);

  for (const copy of copies) await expectSignedOut(copy);
  const again = await signedInClient(labeler.email, labeler.password);
  expect((await again.get("/")).status()).toBe(200);
});

test("an admin signs a person out everywhere; they can sign in again", async () => {
  const admin = await makeUser("admin");
  const labeler = await makeUser("labeler");
  const adminClient = await signedInClient(admin.email, admin.password);
  const sessions = [
    await signedInClient(labeler.email, labeler.password, BASE_URL),
    await signedInClient(labeler.email, labeler.password, SECOND_BASE_URL),
  ];

  const response = await adminClient.post(`/api/admin/users/${labeler.id}/sign-out`);
  expect(response.status()).toBe(200);
  for (const session of sessions) await expectSignedOut(session);
  expect((await (await adminClient.get("/api/auth/session")).json()).user.id).toBe(admin.id);
  expect((await adminClient.post("/api/admin/users/no-such-person/sign-out")).status()).toBe(404);

  expect(await signIn(await newClient(), labeler.email, labeler.password)).toBe(200);
});

test("deactivating a person ends their sessions for good: reactivating does not revive them", async () => {
  const admin = await makeUser("admin");
  const labeler = await makeUser("labeler");
  const adminClient = await signedInClient(admin.email, admin.password);
  const session = await signedInClient(labeler.email, labeler.password);
  expect((await adminClient.patch(`/api/admin/users/${labeler.id}`, { data: { active: false } })).status()).toBe(200);
  expect((await adminClient.patch(`/api/admin/users/${labeler.id}`, { data: { active: true } })).status()).toBe(200);
  await expectSignedOut(session);
});

test("on screen: Sign out, and an admin's Sign out everywhere on the People page", async ({ browser }) => {
  const admin = await makeUser("admin");
  const labeler = await makeUser("labeler");

  const labelerContext = await browser.newContext();
  const labelerPage = await labelerContext.newPage();
  await signInThroughForm(labelerPage, labeler.email, labeler.password);
  const adminPage = await (await browser.newContext()).newPage();
  await signInThroughForm(adminPage, admin.email, admin.password);

  await adminPage.goto("/admin/people");
  const row = adminPage.locator(`[data-testid="person-row"][data-email="${labeler.email}"]`);
  await row.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(row.getByTestId("signed-out-everywhere")).toBeVisible();
  await labelerPage.goto("/");
  await expect(labelerPage).toHaveURL(/\/login/);

  // Sign out from the top bar; a second tab's copy of the cookie is out too.
  await signInThroughForm(labelerPage, labeler.email, labeler.password);
  const cookies = await labelerContext.cookies();
  await labelerPage.getByRole("button", { name: "Sign out", exact: true }).first().click();
  await expect(labelerPage).toHaveURL(/\/login/);
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const copyPage = await copy.newPage();
  await copyPage.goto("/");
  await expect(copyPage).toHaveURL(/\/login/);
});
