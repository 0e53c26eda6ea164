// After signing in, people go back where they came from (callbackUrl), but only to a page of this
// site: whatever the value's disguise, the browser must never leave for another host.
import { expect, test } from "@playwright/test";
import { makeUser } from "../support/factory";
import { BASE_URL, newClient, signedInClient } from "./support/http";

const disguises = [
  "/\t/evil.example",
  "/\n/evil.example",
  "//evil.example",
  "/\\evil.example",
  "/.//evil.example",
  "https://evil.example/",
  "\n/evil.example",
];

test("the sign-in form does not send the browser to another host", async ({ page }) => {
  const labeler = await makeUser("labeler");
  const leaks: string[] = [];
  // Matched on the host: the sign-in page's own address names evil.example in its query string.
  await page.route(
    (url) => url.hostname.endsWith("evil.example"),
    async (route) => {
      leaks.push(route.request().url());
      await route.abort();
    },
  );
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/\t/evil.example")}`);
  await page.getByLabel("Email").fill(labeler.email);
  await page.getByLabel("Password", { exact: true }).fill(labeler.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user-email")).toHaveText(labeler.email);
  expect(new URL(page.url()).origin).toBe(new URL(BASE_URL).origin);
  expect(leaks).toEqual([]);
});

test("a signed-in visit to the sign-in page redirects only within the site, never a 500", async () => {
  const labeler = await makeUser("labeler");
  const client = await signedInClient(labeler.email, labeler.password);
  for (const callbackUrl of disguises) {
    const response = await client.get(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    const label = JSON.stringify(callbackUrl);
    expect(response.status(), label).toBe(307);
    const target = new URL(response.headers().location!, BASE_URL);
    expect(target.origin, label).toBe(new URL(BASE_URL).origin);
    expect(target.pathname.startsWith("//"), label).toBe(false);
  }
  const kept = await client.get(`/login?callbackUrl=${encodeURIComponent("/projects/x?tab=1")}`);
  expect(kept.headers().location).toMatch(/\/projects\/x\?tab=1$/);
});

test("next-auth's own redirects stay within the site, never a 500", async () => {
  const labeler = await makeUser("labeler");
  for (const callbackUrl of disguises) {
    const label = JSON.stringify(callbackUrl);
    const client = await newClient();
    const signInPage = await client.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    expect(signInPage.status(), label).toBeLessThan(500);
    const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
    const response = await client.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: labeler.email, password: labeler.password, callbackUrl, json: "true" },
    });
    expect(response.status(), label).toBe(200);
    const target = new URL((await response.json()).url);
    expect(target.origin, label).toBe(new URL(BASE_URL).origin);
    expect(target.pathname.startsWith("//"), label).toBe(false);
    await client.dispose();
  }
});
