// The authorization matrix: every page and API route, called as anonymous, labeler, admin, and
// with API keys with and without each scope; in a project limited to its members, also as a member
// and as a labeler of another project. Later issues add their routes to these tables.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { revokeApiKey } from "@/lib/api-keys/mutations";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/api-keys/schema";
import { updateQualitySettings } from "@/lib/labeling/quality-settings";
import { addProjectMember } from "@/lib/projects/member-mutations";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { newClient, signedInClient } from "./support/http";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Call = { method: Method; path: string; body?: unknown };

let slug: string;
// A project open only to its members (labeler_access "members").
let closed: { slug: string; name: string };
const actors: Record<string, APIRequestContext> = {};
const keys: Partial<Record<ApiKeyScope | "all" | "revoked", string>> = {};

test.beforeAll(async () => {
  slug = (await makeProject()).slug;
  const admin = await makeUser("admin");
  const labeler = await makeUser("labeler");
  actors.anonymous = await newClient();
  actors.labeler = await signedInClient(labeler.email, labeler.password);
  actors.admin = await signedInClient(admin.email, admin.password);
  const closedProject = await makeProject();
  await updateQualitySettings(closedProject, { labeler_access: "members" }, {});
  closed = closedProject;
  const member = await makeUser("labeler");
  await addProjectMember(closedProject, { email: member.email }, {});
  actors.member = await signedInClient(member.email, member.password);
  // `labeler` works in the open project; to the closed one they are a labeler of another project.
  for (const scope of API_KEY_SCOPES) keys[scope] = (await makeApiKey([scope])).key;
  keys.all = (await makeApiKey([...API_KEY_SCOPES])).key;
  const revoked = await makeApiKey([...API_KEY_SCOPES]);
  await revokeApiKey(revoked.id, admin.id);
  keys.revoked = revoked.key;
});

async function call(client: APIRequestContext, { method, path, body }: Call, key?: string) {
  const response = await client.fetch(path.replace("{slug}", slug), {
    method,
    data: body,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    maxRedirects: 0,
  });
  return response;
}

const userPages = ["/", "/projects/{slug}/write", "/projects/{slug}/label"];
const adminPages = [
  "/admin",
  "/admin/people",
  "/admin/projects",
  "/admin/projects/new",
  "/admin/projects/{slug}",
  "/admin/projects/{slug}/import",
  "/admin/projects/{slug}/prompts",
  "/admin/projects/{slug}/quotas",
  "/admin/projects/{slug}/settings",
  "/admin/projects/{slug}/people",
  "/admin/projects/{slug}/pipeline",
  "/admin/projects/{slug}/queue",
  "/admin/projects/{slug}/tasks",
  "/admin/projects/{slug}/export",
  "/admin/projects/{slug}/quality",
  "/admin/projects/{slug}/models",
  "/admin/projects/{slug}/models?baseline=model-0&split=test",
  "/admin/projects/{slug}/generators",
  "/admin/projects/{slug}/review",
  "/admin/api-keys",
];
const publicPages = ["/login", "/setup?token=not-a-real-token", "/invite/not-a-real-token", "/docs"];

test("pages: anonymous people are sent to sign in", async () => {
  for (const path of [...userPages, ...adminPages]) {
    const response = await call(actors.anonymous!, { method: "GET", path });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location, path).toMatch(/\/login/);
  }
  for (const path of publicPages) expect((await call(actors.anonymous!, { method: "GET", path })).status(), path).toBe(200);
});

test("pages: labelers see their pages and get 403 on admin pages", async () => {
  for (const path of userPages) expect((await call(actors.labeler!, { method: "GET", path })).status(), path).toBe(200);
  for (const path of adminPages) expect((await call(actors.labeler!, { method: "GET", path })).status(), path).toBe(403);
});

test("pages: admins see every page", async () => {
  for (const path of [...userPages, ...adminPages]) {
    expect((await call(actors.admin!, { method: "GET", path })).status(), path).toBe(200);
  }
});

// Session routes for admins. Bodies are invalid and ids unknown on purpose: an admin gets past
// the guard (to a 2xx, 404 or 422) without changing anything.
const adminRoutes: Call[] = [
  { method: "GET", path: "/api/admin/users" },
  { method: "PATCH", path: "/api/admin/users/unknown-id", body: { active: true } },
  { method: "POST", path: "/api/admin/users/unknown-id/sign-out" },
  { method: "GET", path: "/api/admin/invitations" },
  { method: "POST", path: "/api/admin/invitations", body: { email: "not-an-email" } },
  { method: "DELETE", path: "/api/admin/invitations/unknown-id" },
  { method: "GET", path: "/api/admin/projects" },
  { method: "POST", path: "/api/admin/projects", body: { slug: "Bad Slug" } },
  { method: "GET", path: "/api/admin/projects/{slug}" },
  { method: "PATCH", path: "/api/admin/projects/{slug}", body: { slug: "Bad Slug" } },
  { method: "GET", path: "/api/admin/api-keys" },
  { method: "POST", path: "/api/admin/api-keys", body: { name: "", scopes: [] } },
  { method: "DELETE", path: "/api/admin/api-keys/unknown-id" },
  { method: "POST", path: "/api/admin/projects/{slug}/imports", body: { format: "xml" } },
  { method: "POST", path: "/api/admin/projects/{slug}/imports/unknown-id/batches", body: {} },
  { method: "POST", path: "/api/admin/projects/{slug}/imports/unknown-id/finish" },
  { method: "GET", path: "/api/admin/projects/{slug}/imports/unknown-id/report" },
  { method: "GET", path: "/api/admin/projects/{slug}/prompts?split=nope" },
  { method: "PATCH", path: "/api/admin/projects/{slug}/prompts/unknown-id", body: { status: "archived" } },
  { method: "GET", path: "/api/admin/projects/{slug}/settings" },
  { method: "PATCH", path: "/api/admin/projects/{slug}/settings", body: { splitTrain: 101 } },
  { method: "GET", path: "/api/admin/projects/{slug}/quotas" },
  { method: "PUT", path: "/api/admin/projects/{slug}/quotas", body: { limit: -1 } },
  { method: "POST", path: "/api/admin/assignments/unknown-id/release" },
  { method: "POST", path: "/api/admin/tasks/unknown-id/reopen" },
  { method: "POST", path: "/api/admin/projects/{slug}/snapshots", body: { name: "Bad Name" } },
  { method: "GET", path: "/api/admin/projects/{slug}/snapshots/no-such-snapshot/card" },
  { method: "POST", path: "/api/admin/projects/{slug}/comparisons/batches", body: { records: [] } },
  { method: "POST", path: "/api/admin/projects/{slug}/demonstrations", body: { labels: 0 } },
  { method: "PUT", path: "/api/admin/projects/{slug}/labelers/unknown-id/status", body: { status: "active" } },
  { method: "PUT", path: "/api/admin/projects/{slug}/tasks/unknown-id/gold", body: { ranking: [["a"]] } },
  { method: "DELETE", path: "/api/admin/projects/{slug}/tasks/unknown-id/gold" },
  { method: "PATCH", path: "/api/admin/projects/{slug}/quality-settings", body: { gold_rate: -1 } },
  { method: "POST", path: "/api/admin/projects/{slug}/members", body: { email: "not-an-email" } },
  { method: "DELETE", path: "/api/admin/projects/{slug}/members", body: { email: "not-an-email" } },
  { method: "POST", path: "/api/admin/projects/{slug}/generators", body: { name: "" } },
  { method: "PATCH", path: "/api/admin/projects/{slug}/generators/no-such-generator", body: {} },
  { method: "DELETE", path: "/api/admin/projects/{slug}/generators/no-such-generator" },
  { method: "GET", path: "/api/admin/projects/{slug}/generations" },
  { method: "POST", path: "/api/admin/projects/{slug}/generations", body: { samples: [] } },
  { method: "POST", path: "/api/admin/projects/{slug}/generations/no-such-job/cancel" },
];

// Session routes any signed-in person may call.
const userRoutes: Call[] = [
  { method: "POST", path: "/api/projects/{slug}/prompts", body: { kind: "plain" } },
  { method: "POST", path: "/api/v1/projects/{slug}/tasks/next" },
  { method: "POST", path: "/api/v1/tasks/unknown-id/submit", body: {} },
  { method: "POST", path: "/api/v1/tasks/unknown-id/skip", body: { reason: "intent_unclear" } },
];

test("user API: 401 for anonymous people and API keys, through for labelers and admins", async () => {
  for (const route of userRoutes) {
    const label = `${route.method} ${route.path}`;
    expect((await call(actors.anonymous!, route)).status(), label).toBe(401);
    expect((await call(actors.anonymous!, route, keys.all)).status(), `${label} with a key`).toBe(401);
    for (const actor of ["labeler", "admin"])
      expect([200, 201, 204, 404, 422], `${label} as ${actor}`).toContain((await call(actors[actor]!, route)).status());
  }
});

test("a members-only project: members and admins get through, a labeler of another project gets 404 as for an unknown slug", async () => {
  const inClosed = (path: string) => path.replace("{slug}", closed.slug);
  for (const path of userPages.filter((page) => page.includes("{slug}")).map(inClosed)) {
    for (const actor of ["member", "admin"])
      expect((await call(actors[actor]!, { method: "GET", path })).status(), `${path} as ${actor}`).toBe(200);
    expect((await call(actors.labeler!, { method: "GET", path })).status(), `${path} as another project's labeler`).toBe(404);
  }
  expect(await (await call(actors.labeler!, { method: "GET", path: "/" })).text()).not.toContain(closed.name);
  expect(await (await call(actors.member!, { method: "GET", path: "/" })).text()).toContain(closed.name);
  for (const route of userRoutes.filter((call) => call.path.includes("{slug}"))) {
    const target = { ...route, path: inClosed(route.path) };
    const label = `${target.method} ${target.path}`;
    const outsider = await call(actors.labeler!, target);
    expect(outsider.status(), label).toBe(404);
    expect(await outsider.json(), label).toEqual({ error: { code: "not_found", message: `No project with slug "${closed.slug}".` } });
    for (const actor of ["member", "admin"])
      expect([200, 201, 204, 422], `${label} as ${actor}`).toContain((await call(actors[actor]!, target)).status());
  }
});

test("admin API: 401 for anonymous and API keys, 403 for labelers, through for admins", async () => {
  for (const route of adminRoutes) {
    const label = `${route.method} ${route.path}`;
    const anonymous = await call(actors.anonymous!, route);
    expect(anonymous.status(), label).toBe(401);
    expect((await anonymous.json()).error.code, label).toBe("unauthorized");
    expect((await call(actors.anonymous!, route, keys.all)).status(), `${label} with a key`).toBe(401);
    const labeler = await call(actors.labeler!, route);
    expect(labeler.status(), label).toBe(403);
    expect((await labeler.json()).error.code, label).toBe("forbidden");
    expect([200, 404, 422], label).toContain((await call(actors.admin!, route)).status());
  }
});

// The machine API: `scope` undefined means any valid key may call the route.
const keyRoutes: (Call & { scope?: ApiKeyScope })[] = [
  { method: "GET", path: "/api/v1/projects" },
  { method: "GET", path: "/api/v1/projects/{slug}" },
  { method: "POST", path: "/api/v1/redact", body: { text: "Call me at 555-0100" } },
  { method: "POST", path: "/api/v1/projects/{slug}/prompts", body: { prompts: [] }, scope: "prompts:write" },
  { method: "POST", path: "/api/v1/projects/{slug}/comparisons", body: { outputs: [] }, scope: "outputs:write" },
  { method: "POST", path: "/api/v1/projects/{slug}/demonstrations", body: { prompt_ids: [] }, scope: "outputs:write" },
  { method: "GET", path: "/api/v1/projects/{slug}/export/comparisons?format=pairs", scope: "export:read" },
  { method: "GET", path: "/api/v1/projects/{slug}/export/prompts", scope: "export:read" },
  { method: "GET", path: "/api/v1/projects/{slug}/snapshots", scope: "export:read" },
  { method: "POST", path: "/api/v1/projects/{slug}/snapshots", body: { name: "Bad Name" }, scope: "export:write" },
  { method: "GET", path: "/api/v1/projects/{slug}/snapshots/no-such-snapshot", scope: "export:read" },
  { method: "DELETE", path: "/api/v1/projects/{slug}/snapshots/no-such-snapshot", scope: "export:write" },
  { method: "GET", path: "/api/v1/projects/{slug}/snapshots/no-such-snapshot/files/x.jsonl.gz", scope: "export:read" },
  { method: "GET", path: "/api/v1/projects/{slug}/settings", scope: "projects:admin" },
  { method: "GET", path: "/api/v1/projects/{slug}/members", scope: "projects:admin" },
  { method: "POST", path: "/api/v1/projects/{slug}/members", body: { email: "not-an-email" }, scope: "projects:admin" },
  { method: "DELETE", path: "/api/v1/projects/{slug}/members", body: { email: "not-an-email" }, scope: "projects:admin" },
  { method: "GET", path: "/api/v1/projects/{slug}/quality", scope: "quality:read" },
  { method: "GET", path: "/api/v1/projects/{slug}/models?split=train", scope: "quality:read" },
  { method: "PATCH", path: "/api/v1/projects/{slug}/settings", body: { gold_rate: 2 }, scope: "projects:admin" },
  { method: "GET", path: "/api/v1/projects/{slug}/generators", scope: "models:write" },
  { method: "POST", path: "/api/v1/projects/{slug}/generators", body: { name: "" }, scope: "models:write" },
  { method: "GET", path: "/api/v1/projects/{slug}/generators/no-such-generator", scope: "models:write" },
  { method: "PATCH", path: "/api/v1/projects/{slug}/generators/no-such-generator", body: {}, scope: "models:write" },
  { method: "DELETE", path: "/api/v1/projects/{slug}/generators/no-such-generator", scope: "models:write" },
  { method: "GET", path: "/api/v1/projects/{slug}/generations", scope: "models:write" },
  { method: "POST", path: "/api/v1/projects/{slug}/generations", body: { samples: [] }, scope: "models:write" },
  { method: "GET", path: "/api/v1/projects/{slug}/generations/no-such-job", scope: "models:write" },
  { method: "POST", path: "/api/v1/projects/{slug}/generations/no-such-job/cancel", scope: "models:write" },
];

test("/api/v1: 401 without a valid key (sessions do not count), 403 without the scope", async () => {
  for (const route of keyRoutes) {
    const label = `${route.method} ${route.path}`;
    for (const actor of ["anonymous", "labeler", "admin"]) {
      const response = await call(actors[actor]!, route);
      expect(response.status(), `${label} as ${actor}`).toBe(401);
      expect(await response.json(), label).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    expect((await call(actors.anonymous!, route, keys.revoked)).status(), `${label} revoked`).toBe(401);
    expect((await call(actors.anonymous!, route, "rk_thisIsNotAKeyThisIsNotAKeyThisIsNotAK")).status(), label).toBe(401);
    for (const scope of API_KEY_SCOPES) {
      const status = (await call(actors.anonymous!, route, keys[scope])).status();
      const allowed = route.scope === undefined || route.scope === scope;
      if (allowed) expect([200, 201, 204, 404, 422], `${label} with ${scope}`).toContain(status);
      else expect(status, `${label} with ${scope}`).toBe(403);
    }
  }
});

test("public routes answer without a session and validate their input", async () => {
  const anonymous = actors.anonymous!;
  expect((await call(anonymous, { method: "GET", path: "/api/health" })).status()).toBe(200);
  expect((await call(anonymous, { method: "GET", path: "/api/v1/openapi.json" })).status()).toBe(200);
  for (const path of ["/api/invitations/accept", "/api/setup"]) {
    const response = await call(anonymous, { method: "POST", path, body: { token: "x" } });
    expect(response.status(), path).toBe(422);
    expect((await response.json()).error.issues.length, path).toBeGreaterThan(0);
    const notJson = await anonymous.fetch(path, { method: "POST", data: "{not json", headers: { "content-type": "application/json" } });
    expect(notJson.status(), path).toBe(422);
  }
});
