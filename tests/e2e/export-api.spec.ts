import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { makeApiKey, makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";
import { BASE_URL, newClient, signedInClient, waitForExportedRankings } from "./support/http";

test("exports stream rankings in every format, gzip when asked, with no email or raw PII", async () => {
  const project = await makeProject();
  const key = `Bearer ${(await makeApiKey(["prompts:write", "outputs:write", "export:read"])).key}`;
  const machine = await newClient(BASE_URL, { authorization: key });
  const secretEmail = `${unique("pii")}@example.com`;
  const ingest = await (
    await machine.post(`/api/v1/projects/${project.slug}/prompts`, {
      data: { prompts: [{ text: `Reply to ${secretEmail} about the order ${unique()}`, user_id: secretEmail }] },
    })
  ).json();
  await machine.post(`/api/v1/projects/${project.slug}/comparisons`, {
    data: {
      prompt_id: ingest.results[0].id,
      outputs: Array.from({ length: 5 }, (_, i) => ({ model: `m${i}`, text: `Dear customer at ${secretEmail}, answer ${i}` })),
    },
  });
  const labeler = await makeUser("labeler");
  const client = await signedInClient(labeler.email, labeler.password);
  const task = await (await client.post(`/api/v1/projects/${project.slug}/tasks/next`)).json();
  const ids = task.outputs.map((o: { id: string }) => o.id);
  await client.post(`/api/v1/tasks/${task.id}/submit`, {
    data: {
      ratings: Object.fromEntries(ids.map((id: string) => [id, { likert: 4, flags: [] }])),
      ranking: [[ids[0]], [ids[1], ids[2]], [ids[3]], [ids[4]]],
      prompt_labels: { category: "generation", flags: [] },
    },
  });

  await waitForExportedRankings(project.slug, 1);
  const batches = await machine.get(`/api/v1/projects/${project.slug}/export/comparisons?format=batches`, {
    headers: { "accept-encoding": "identity" },
  });
  expect(batches.status()).toBe(200);
  expect(batches.headers()["content-type"]).toContain("text/x-ndjson");
  const cursor = batches.headers()["x-next-cursor"];
  expect(cursor).toBeTruthy();
  const [record] = (await batches.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(record.outputs).toHaveLength(5);
  expect(record.pairs).toHaveLength(10 - 1);
  expect(record.tied_pairs).toHaveLength(1);
  expect(record.labeler).toMatch(/^labeler_/);

  const counts: Record<string, number> = {};
  for (const format of ["pairs", "trl", "trl-conversational", "openai", "hh"]) {
    const response = await machine.get(`/api/v1/projects/${project.slug}/export/comparisons?format=${format}`, {
      headers: { "accept-encoding": "identity" },
    });
    const lines = (await response.text()).trim().split("\n");
    counts[format] = lines.length;
    for (const line of lines) expect(JSON.parse(line).group_id).toBe(record.group_id);
  }
  expect(Object.values(counts)).toEqual([9, 9, 9, 9, 9]);
  const withTies = await machine.get(`/api/v1/projects/${project.slug}/export/comparisons?format=pairs&ties=include`, {
    headers: { "accept-encoding": "identity" },
  });
  expect((await withTies.text()).trim().split("\n")).toHaveLength(10);
  // One ranking is no consensus yet; the filters at their defaults change nothing here.
  const consensus = await machine.get(`/api/v1/projects/${project.slug}/export/comparisons?format=consensus`, {
    headers: { "accept-encoding": "identity" },
  });
  expect(consensus.status()).toBe(200);
  expect(await consensus.text()).toBe("");
  const unfiltered = await machine.get(`/api/v1/projects/${project.slug}/export/comparisons?format=batches&gold=include&labelers=all`, {
    headers: { "accept-encoding": "identity" },
  });
  expect((await unfiltered.text()).trim().split("\n")).toHaveLength(1);

  // Node's http client, not Playwright's, so that the compressed bytes arrive as sent.
  const { request: httpGet } = await import("node:http");
  const gzipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
    httpGet(
      `${BASE_URL}/api/v1/projects/${project.slug}/export/comparisons?format=trl`,
      { headers: { "accept-encoding": "gzip", authorization: key } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ encoding: response.headers["content-encoding"], body: Buffer.concat(chunks) }));
      },
    )
      .on("error", reject)
      .end();
  });
  expect(gzipped.encoding).toBe("gzip");
  expect(gunzipSync(gzipped.body).toString("utf8").trim().split("\n")).toHaveLength(9);

  const prompts = await machine.get(`/api/v1/projects/${project.slug}/export/prompts`, { headers: { "accept-encoding": "identity" } });
  const promptRecord = JSON.parse((await prompts.text()).trim().split("\n")[0]!);
  expect(promptRecord.user).toMatch(/^user_/);

  const everything = (
    await Promise.all(
      ["comparisons?format=batches", "comparisons?format=pairs", "prompts", "demonstrations"].map(async (path) =>
        (await machine.get(`/api/v1/projects/${project.slug}/export/${path}`, { headers: { "accept-encoding": "identity" } })).text(),
      ),
    )
  ).join("\n");
  expect(everything).not.toContain(secretEmail);
  expect(everything).not.toContain(labeler.email);
  expect(everything).not.toContain(labeler.id);
});

test("a bad parameter is a 422 that lists the allowed values; a key without export:read is a 403", async () => {
  const project = await makeProject();
  const reader = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["export:read"])).key}` });
  const cases: [string, RegExp][] = [
    ["comparisons?format=csv", /batches, pairs, trl, trl-conversational, openai, hh, consensus/],
    ["comparisons?split=dev", /train, valid, test/],
    ["comparisons?ties=maybe", /exclude, include/],
    ["comparisons?gold=maybe", /exclude, include/],
    ["comparisons?labelers=some", /counted, all/],
    ["comparisons?limit=0", /limit/],
    ["comparisons?since=!!", /since/],
    ["ratings", /comparisons, demonstrations, prompts/],
  ];
  for (const [path, message] of cases) {
    const response = await reader.get(`/api/v1/projects/${project.slug}/export/${path}`);
    expect(response.status(), path).toBe(422);
    expect(JSON.stringify(await response.json()), path).toMatch(message);
  }
  const writer = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write"])).key}` });
  expect((await writer.get(`/api/v1/projects/${project.slug}/export/comparisons`)).status()).toBe(403);
});
