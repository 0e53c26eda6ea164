// Pages carry a Content-Security-Policy whose per-response nonce is on every script Next renders,
// HSTS over HTTPS only, and the app still works under the policy (no violation on the way).
import { expect, type Page, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { signInInBrowser } from "./support/browser";
import { newClient } from "./support/http";

function nonceOf(csp: string): string {
  const match = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp);
  expect(match, csp).not.toBeNull();
  return match![1]!;
}

test("every page's scripts carry the nonce of its own CSP, fresh each time; pages cannot be framed", async () => {
  const client = await newClient();
  const nonces = new Set<string>();
  for (const path of ["/login", "/login", "/docs", "/setup?token=not-a-real-token", "/no-such-page"]) {
    const response = await client.get(path);
    const csp = response.headers()["content-security-policy"];
    expect(csp, path).toBeDefined();
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp, "no script-src 'unsafe-inline'").not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = nonceOf(csp!);
    nonces.add(nonce);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["referrer-policy"]).toBe("same-origin");
    // Served over plain HTTP here: no HSTS, no upgrade of every asset to a TLS port that is not there.
    expect(response.headers()["strict-transport-security"], path).toBeUndefined();
    expect(csp).not.toContain("upgrade-insecure-requests");
  }
  expect(nonces.size).toBe(5);
  await client.dispose();
});

test("HSTS and upgrade-insecure-requests when the load balancer says the browser came over HTTPS", async () => {
  const client = await newClient();
  const response = await client.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  // Signed-out visitors are still sent to sign in first.
  const redirected = await client.get("/admin", { maxRedirects: 0 });
  expect(redirected.status()).toBe(307);
  expect(redirected.headers().location).toContain("/login");
  await client.dispose();
});

/** Collects the CSP violations Chromium reports on the console, across navigations. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("under the policy the app hydrates: an admin signs in and creates a project through its form, styles apply, no violation", async ({
  page,
}) => {
  const violations = watchViolations(page);
  const admin = await makeUser("admin");
  await signInInBrowser(page, admin.email, admin.password);
  expect(violations).toEqual([]);

  await page.goto("/admin/projects/new");
  const slug = unique("csp");
  await page.getByLabel("Name").fill("Under a strict policy");
  await page.getByLabel("Slug").fill(slug);
  await page.getByTestId("project-submit").click();
  // The form's fetch (client JavaScript) made the project, and the router moved on to it.
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}\\?created=1`));
  expect(await db.project.count({ where: { slug } })).toBe(1);
  expect(violations).toEqual([]);

  // The split bar's shares are style attributes: allowed, so the train share fills 80% of it.
  await page.goto(`/admin/projects/${slug}/settings`);
  const train = page.locator(".bg-indigo-500").first();
  await expect(train).toHaveAttribute("style", /width:\s*80%/);
  const share = await train.evaluate(
    (element) => element.getBoundingClientRect().width / element.parentElement!.getBoundingClientRect().width,
  );
  expect(share).toBeCloseTo(0.8, 2);
  await page.goto(`/admin/projects/${slug}/quality`);
  await page.goto(`/admin/projects/${slug}/models`);
  expect(violations).toEqual([]);
});
