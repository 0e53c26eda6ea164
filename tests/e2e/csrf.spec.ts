// Cross-site request forgery: what another site can make a signed-in person's browser send (a form
// post, or fetch with a "simple" text/plain body) changes nothing. Every cookie-authenticated
// change must carry this site's Origin or Sec-Fetch-Site, and JSON routes take only JSON bodies.
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { db } from "@/lib/db";
import { makeApiKey, makeProject, makeRankingTask, makeUser } from "../support/factory";
import { unique, uniqueEmail } from "../support/unique";
import { BASE_URL, newClient, signedInClient } from "./support/http";

const EVIL = "https://evil.example";

type Attempt = { name: string; headers: Record<string, string>; data: string; status: number };

/** The ways a page on another site (or a non-browser replaying the cookie) sends a change. */
function attempts(json: string): Attempt[] {
  return [
    { name: "Origin of another site", headers: { origin: EVIL, "content-type": "application/json" }, data: json, status: 403 },
    {
      name: "Sec-Fetch-Site: cross-site",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      data: json,
      status: 403,
    },
    {
      name: "Sec-Fetch-Site: same-site (a sibling subdomain)",
      headers: { "sec-fetch-site": "same-site", "content-type": "application/json" },
      data: json,
      status: 403,
    },
    { name: "a cross-site text/plain fetch", headers: { origin: EVIL, "content-type": "text/plain" }, data: json, status: 403 },
    // Same origin, but a body type a cross-site form could send: still refused, as 415.
    { name: "text/plain from our own origin", headers: { "content-type": "text/plain" }, data: json, status: 415 },
    { name: "a form body from our own origin", headers: { "content-type": "application/x-www-form-urlencoded" }, data: "a=1", status: 415 },
  ];
}

/** The same cookies, without the Origin the test clients send by default (no browser omits both headers). */
async function withoutOrigin(client: APIRequestContext): Promise<APIRequestContext> {
  return request.newContext({ baseURL: BASE_URL, storageState: await client.storageState(), maxRedirects: 0 });
}

async function expectRefused(client: APIRequestContext, path: string, body: unknown) {
  const json = JSON.stringify(body);
  for (const attempt of attempts(json)) {
    const response = await client.post(path, { headers: attempt.headers, data: attempt.data });
    expect(response.status(), `${path}: ${attempt.name}`).toBe(attempt.status);
    const error = (await response.json()).error;
    expect(error.code, `${path}: ${attempt.name}`).toBe(attempt.status === 403 ? "forbidden" : "unsupported_media_type");
  }
  const bare = await withoutOrigin(client);
  const response = await bare.post(path, { headers: { "content-type": "application/json" }, data: json });
  expect(response.status(), `${path}: no Origin, no Sec-Fetch-Site`).toBe(403);
  await bare.dispose();
}

test("an admin's session cannot be used from another site to create a key, invite an admin or create a project", async () => {
  const admin = await makeUser("admin");
  const client = await signedInClient(admin.email, admin.password);

  const keyName = unique("csrf-key");
  await expectRefused(client, "/api/admin/api-keys", { name: keyName, scopes: ["export:read"] });
  const email = uniqueEmail("csrf-admin");
  await expectRefused(client, "/api/admin/invitations", { email, role: "admin" });
  const slug = unique("csrf");
  await expectRefused(client, "/api/admin/projects", { slug, name: "Forged" });

  expect(await db.apiKey.count({ where: { name: keyName } })).toBe(0);
  expect(await db.invitation.count({ where: { email } })).toBe(0);
  expect(await db.project.count({ where: { slug } })).toBe(0);

  // The same calls from the app's own pages go through: a browser sends Origin, Sec-Fetch-Site, or both.
  const created = await client.post("/api/admin/projects", { data: { slug, name: "Real" } });
  expect(created.status()).toBe(201);
  const fetched = await client.post("/api/admin/api-keys", {
    headers: { "sec-fetch-site": "same-origin" },
    data: { name: keyName, scopes: ["export:read"] },
  });
  expect(fetched.status()).toBe(201);
  const bare = await withoutOrigin(client);
  const invited = await bare.post("/api/admin/invitations", {
    headers: { "sec-fetch-site": "same-origin" },
    data: { email, role: "admin" },
  });
  expect(invited.status()).toBe(201);
  await bare.dispose();
});

test("a labeler's session cannot be used from another site to skip a task or add a prompt", async () => {
  const project = await makeProject();
  await makeRankingTask(project);
  const labeler = await makeUser("labeler");
  const client = await signedInClient(labeler.email, labeler.password);

  // Leasing is a change too.
  const bare = await withoutOrigin(client);
  expect((await bare.post(`/api/v1/projects/${project.slug}/tasks/next`)).status()).toBe(403);
  expect((await client.post(`/api/v1/projects/${project.slug}/tasks/next`, { headers: { origin: EVIL } })).status()).toBe(403);
  await bare.dispose();
  const leased = await client.post(`/api/v1/projects/${project.slug}/tasks/next`);
  expect(leased.status()).toBe(200);
  const task = (await leased.json()) as { id: string };

  await expectRefused(client, `/api/v1/tasks/${task.id}/skip`, { reason: "intent_unclear" });
  expect(await db.assignment.findFirstOrThrow({ where: { taskId: task.id }, select: { status: true } })).toEqual({ status: "leased" });

  const prompt = { kind: "plain", category: "generation", text: `Write a limerick about ${unique()} and tea` };
  await expectRefused(client, `/api/projects/${project.slug}/prompts`, prompt);
  expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(1);

  expect((await client.post(`/api/v1/tasks/${task.id}/skip`, { data: { reason: "intent_unclear" } })).status()).toBe(200);
  expect((await client.post(`/api/projects/${project.slug}/prompts`, { data: prompt })).status()).toBe(201);
});

test("API keys are not cookies: no Origin check, but JSON routes still take only JSON", async () => {
  const key = (await makeApiKey(["prompts:write"])).key;
  const machine = await newClient(BASE_URL, { authorization: `Bearer ${key}`, origin: EVIL });
  const redacted = await machine.post("/api/v1/redact", { data: { text: "Call me at 555-0100" } });
  expect(redacted.status()).toBe(200);
  const plain = await machine.post("/api/v1/redact", { headers: { "content-type": "text/plain" }, data: JSON.stringify({ text: "hi" }) });
  expect(plain.status()).toBe(415);
  expect((await plain.json()).error).toEqual({ code: "unsupported_media_type", message: expect.stringContaining("application/json") });
  // A charset parameter is still JSON.
  const charset = await machine.post("/api/v1/redact", {
    headers: { "content-type": "application/json; charset=utf-8" },
    data: JSON.stringify({ text: "hi" }),
  });
  expect(charset.status()).toBe(200);
  await machine.dispose();
});
