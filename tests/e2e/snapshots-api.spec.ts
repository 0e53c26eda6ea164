// Snapshots are stored copies: creating and deleting them takes export:write (a reading key only
// reads), and a project stores at most its snapshot_limit of them.
import { expect, test } from "@playwright/test";
import { makeApiKey, makeProject } from "../support/factory";
import { BASE_URL, newClient } from "./support/http";

test("export:read lists and downloads but cannot create snapshots; export:write creates and deletes up to snapshot_limit", async () => {
  const project = await makeProject();
  const base = `/api/v1/projects/${project.slug}/snapshots`;
  const reader = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["export:read"])).key}` });
  const writer = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["export:write"])).key}` });
  const admin = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["projects:admin"])).key}` });
  const snapshot = (name: string) => ({ name, dataset: "prompts" });

  const refused = await reader.post(base, { data: snapshot("by-reader") });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain("export:write");

  expect((await admin.patch(`/api/v1/projects/${project.slug}/settings`, { data: { snapshot_limit: 2 } })).status()).toBe(200);
  expect((await (await admin.get(`/api/v1/projects/${project.slug}/settings`)).json()).settings.snapshot_limit).toBe(2);
  expect((await writer.post(base, { data: snapshot("one") })).status()).toBe(201);
  expect((await writer.post(base, { data: snapshot("two") })).status()).toBe(201);
  const full = await writer.post(base, { data: snapshot("three") });
  expect(full.status()).toBe(409);
  expect((await full.json()).error).toEqual({ code: "conflict", message: expect.stringMatching(/at most 2 snapshots.*Delete one/) });

  // The reader still reads both, and cannot delete either.
  const listed = await (await reader.get(base)).json();
  expect(listed.snapshots.map((s: { name: string }) => s.name).sort()).toEqual(["one", "two"]);
  expect((await reader.get(`${base}/one`)).status()).toBe(200);
  expect((await reader.delete(`${base}/one`)).status()).toBe(403);

  expect((await writer.delete(`${base}/one`)).status()).toBe(204);
  expect((await writer.delete(`${base}/one`)).status()).toBe(404);
  expect((await reader.get(`${base}/one`)).status()).toBe(404);
  expect((await writer.post(base, { data: snapshot("three") })).status()).toBe(201);

  for (const client of [reader, writer, admin]) await client.dispose();
});
