import { expect, test } from "@playwright/test";
import { makeUser } from "../support/factory";
import { unique, uniqueEmail } from "../support/unique";
import { newClient, signedInClient, signIn } from "./support/http";

test("an admin creates a key that works once shown, is listed without its secret, and dies when revoked", async () => {
  const admin = await makeUser("admin");
  const client = await signedInClient(admin.email, admin.password);
  const created = await client.post("/api/admin/api-keys", { data: { name: "trainer", scopes: ["export:read"] } });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()).key as { key: string; id: string };
  const { id } = (await created.json()).key as { id: string };

  const listed = JSON.stringify(await (await client.get("/api/admin/api-keys")).json());
  expect(listed).toContain(id);
  expect(listed).not.toContain(key);

  const machine = await newClient(undefined, { authorization: `Bearer ${key}` });
  expect((await machine.get("/api/v1/projects")).status()).toBe(200);
  expect((await client.delete(`/api/admin/api-keys/${id}`)).status()).toBe(204);
  expect((await machine.get("/api/v1/projects")).status()).toBe(401);
});

test("an admin creates and edits a project; the API shows it by slug", async () => {
  const admin = await makeUser("admin");
  const client = await signedInClient(admin.email, admin.password);
  const slug = unique("proj-");
  const created = await client.post("/api/admin/projects", { data: { slug, name: "Helpfulness", instructions: "# Rank" } });
  expect(created.status()).toBe(201);
  const duplicate = await client.post("/api/admin/projects", { data: { slug, name: "Again" } });
  expect(duplicate.status()).toBe(409);
  expect((await duplicate.json()).error.issues[0].path).toBe("slug");
  const edited = await client.patch(`/api/admin/projects/${slug}`, { data: { instructions: "# Rank, with ties" } });
  expect((await edited.json()).project.instructionsVersion).toBe(2);

  const keyResponse = await client.post("/api/admin/api-keys", { data: { name: "reader", scopes: ["prompts:write"] } });
  const machine = await newClient(undefined, { authorization: `Bearer ${(await keyResponse.json()).key.key}` });
  const project = await (await machine.get(`/api/v1/projects/${slug}`)).json();
  expect(project.project).toMatchObject({ slug, name: "Helpfulness", instructions_version: 2 });
  expect((await machine.get("/api/v1/projects/no-such-project")).status()).toBe(404);
  expect((await machine.get("/api/v1/projects/Not%20A%20Slug")).status()).toBe(422);
});

test("an invitation link works once, through the API the acceptance page uses", async () => {
  const admin = await makeUser("admin");
  const client = await signedInClient(admin.email, admin.password);
  const email = uniqueEmail("invited");
  const invited = await client.post("/api/admin/invitations", { data: { email, role: "labeler" } });
  expect(invited.status()).toBe(201);
  const url = new URL((await invited.json()).url as string);
  const token = url.pathname.split("/").pop()!;

  const anonymous = await newClient();
  const weak = await anonymous.post("/api/invitations/accept", { data: { token, name: "Lee", password: "short" } });
  expect(weak.status()).toBe(422);
  expect((await weak.json()).error.issues[0].path).toBe("password");
  const accepted = await anonymous.post("/api/invitations/accept", { data: { token, name: "Lee", password: "a-good-long-password" } });
  expect(accepted.status()).toBe(201);
  const again = await anonymous.post("/api/invitations/accept", { data: { token, name: "Lee", password: "a-good-long-password" } });
  expect(again.status()).toBe(410);
  expect(await signIn(await newClient(), email, "a-good-long-password")).toBe(200);
});

test("an admin changes a person's role, and cannot lock themselves out", async () => {
  const admin = await makeUser("admin");
  const labeler = await makeUser("labeler");
  const client = await signedInClient(admin.email, admin.password);
  const promoted = await client.patch(`/api/admin/users/${labeler.id}`, { data: { role: "admin" } });
  expect((await promoted.json()).user.role).toBe("admin");
  const labelerClient = await signedInClient(labeler.email, labeler.password);
  expect((await labelerClient.get("/api/admin/users")).status()).toBe(200);
  expect((await client.patch(`/api/admin/users/${admin.id}`, { data: { active: false } })).status()).toBe(422);
  expect((await client.patch(`/api/admin/users/${labeler.id}`, { data: {} })).status()).toBe(422);
});
