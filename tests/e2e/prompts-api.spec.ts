import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeApiKey, makeProject } from "../support/factory";
import { unique } from "../support/unique";
import { BASE_URL, newClient, SECOND_BASE_URL } from "./support/http";

let slug: string;
let writer: Awaited<ReturnType<typeof newClient>>;

test.beforeAll(async () => {
  slug = (await makeProject()).slug;
  writer = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write"])).key}` });
});

test("answers one outcome per prompt, in order", async () => {
  const text = `Draft a polite reminder about an unpaid invoice to ana.ruiz@example.com ${unique()}`;
  const response = await writer.post(`/api/v1/projects/${slug}/prompts`, {
    data: {
      prompts: [
        { text, user_id: "app-user-1", category: "generation", metadata: { app: "mail" } },
        { text: text.toUpperCase(), user_id: "app-user-2" },
        { text: "", user_id: "app-user-1" },
      ],
    },
  });
  expect(response.status()).toBe(200);
  const { results } = await response.json();
  expect(results).toHaveLength(3);
  expect(results[0]).toMatchObject({
    status: "accepted",
    id: expect.any(String),
    split: expect.stringMatching(/^(train|valid|test)$/),
    redactions: [{ type: "EMAIL", count: 1 }],
  });
  expect(results[1]).toMatchObject({ status: "duplicate", duplicate_of: results[0].id });
  expect(results[2]).toMatchObject({ status: "rejected", reason: "The prompt is empty." });
});

test("takes a conversation: turns redacted with placeholders numbered across it, 422 when it does not end on the user", async () => {
  const messages = [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: `Remind ana.ruiz@example.com about the invoice ${unique()}` },
    { role: "assistant", content: "Sure. Anything else for her?" },
    { role: "user", content: "Also cc ana.ruiz@example.com's manager at li.wei@example.com." },
  ];
  const response = await writer.post(`/api/v1/projects/${slug}/prompts`, { data: { prompts: [{ messages, user_id: "app-user-9" }] } });
  expect(response.status()).toBe(200);
  const { results } = await response.json();
  expect(results[0]).toMatchObject({ status: "accepted", redactions: [{ type: "EMAIL", count: 3 }] });

  const refused = await writer.post(`/api/v1/projects/${slug}/prompts`, {
    data: { prompts: [{ messages: messages.slice(0, 3), user_id: "app-user-9" }] },
  });
  expect(refused.status()).toBe(422);
  const body = await refused.json();
  expect(body.error.issues).toEqual([
    { path: "prompts.0.messages.2.role", message: expect.stringMatching(/last message must be from the user/) },
  ]);
});

test("rejects a malformed body as a whole with 422 and stores nothing", async () => {
  const cases: { body: unknown; raw?: string; expect: RegExp }[] = [
    { body: undefined, raw: "{nope", expect: /not valid JSON/ },
    { body: { prompts: "many" }, expect: /prompts/ },
    { body: { prompts: [{ text: 5, user_id: "u" }] }, expect: /prompts\.0\.text/ },
    { body: { prompts: [{ text: "ok" }] }, expect: /user_id/ },
    { body: { prompts: [{ text: "ok", user_id: "u", category: "poetry" }] }, expect: /category/ },
    { body: { prompts: Array.from({ length: 1001 }, (_, i) => ({ text: `p${i}`, user_id: "u" })) }, expect: /at most 1000/ },
  ];
  for (const testCase of cases) {
    const response = await writer.post(`/api/v1/projects/${slug}/prompts`, {
      data: testCase.raw === undefined ? testCase.body : Buffer.from(testCase.raw),
      headers: { "content-type": "application/json" },
    });
    expect(response.status()).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe("unprocessable");
    expect(JSON.stringify(body.error), JSON.stringify(testCase.body)?.slice(0, 60)).toMatch(testCase.expect);
  }
  const unknownProject = await writer.post("/api/v1/projects/no-such-project/prompts", {
    data: { prompts: [{ text: "x", user_id: "u" }] },
  });
  expect(unknownProject.status()).toBe(404);
});

test("an Idempotency-Key returns the first answer to a retry, on either instance", async () => {
  const key = unique("retry");
  const body = { prompts: [{ text: `Suggest names for a bakery ${unique()}`, user_id: "idem-user" }] };
  const first = await (await writer.post(`/api/v1/projects/${slug}/prompts`, { data: body, headers: { "idempotency-key": key } })).json();
  const other = await newClient(SECOND_BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write"])).key}` });
  const sameKeyOtherClient = await (
    await other.post(`/api/v1/projects/${slug}/prompts`, { data: body, headers: { "idempotency-key": key } })
  ).json();
  expect(sameKeyOtherClient.results[0].status).toBe("duplicate"); // keys are scoped to the API key that sent them
  const retry = await writer.fetch(`${SECOND_BASE_URL}/api/v1/projects/${slug}/prompts`, {
    method: "POST",
    data: body,
    headers: { "idempotency-key": key },
  });
  expect(await retry.json()).toEqual(first);
  const conflicting = await writer.post(`/api/v1/projects/${slug}/prompts`, {
    data: { prompts: [{ text: "something else", user_id: "idem-user" }] },
    headers: { "idempotency-key": key },
  });
  expect(conflicting.status()).toBe(422);
});

test("holds the quota exactly with 50 parallel requests across two instances", async () => {
  const project = await makeProject();
  const client = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["prompts:write"])).key}` });
  const seed = Array.from({ length: 195 }, (_, i) => ({ text: `Seeded request ${i} ${unique()}`, user_id: "busy-user" }));
  await client.post(`/api/v1/projects/${project.slug}/prompts`, { data: { prompts: seed } });
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      client.fetch(`${i % 2 ? SECOND_BASE_URL : BASE_URL}/api/v1/projects/${project.slug}/prompts`, {
        method: "POST",
        data: { prompts: [{ text: `Parallel request ${i} ${unique()}`, user_id: "busy-user" }] },
      }),
    ),
  );
  const statuses = await Promise.all(responses.map(async (response) => (await response.json()).results[0].status));
  expect(statuses.filter((status) => status === "accepted")).toHaveLength(5);
  expect(statuses.filter((status) => status === "quota_exceeded")).toHaveLength(45);
});

test("previews a redaction without storing anything", async () => {
  const reader = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["export:read"])).key}` });
  const response = await reader.post("/api/v1/redact", { data: { text: "I'm Jane Smith, card 4111 1111 1111 1111." } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.redacted).not.toContain("4111");
  expect(body.redactions).toEqual(expect.arrayContaining([{ type: "CREDIT_CARD", count: 1 }]));
  expect(body.findings[0]).toMatchObject({
    type: expect.any(String),
    start: expect.any(Number),
    end: expect.any(Number),
    confidence: expect.any(Number),
  });
});

// The production bundle must find the same word lists as the source: a bundler that rewrote their
// lookups once left the built server without its city gazetteer, redacting differently unseen.
test("the built server redacts every fixture exactly as the source does", async () => {
  const { redact } = await import("../../lib/pii");
  const { parseMarked } = await import("../../bench/pii/metrics");
  const fixtures = ["planted.txt", "pii-free.txt"].flatMap((file) =>
    readFileSync(path.join("tests/unit/pii/fixtures", file), "utf8")
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"))
      .map((line) => parseMarked(line.replace(/\\n/g, "\n")).text),
  );
  expect(fixtures.length).toBeGreaterThan(1000);
  const reader = await newClient(BASE_URL, { authorization: `Bearer ${(await makeApiKey(["export:read"])).key}` });
  const differing: string[] = [];
  for (let i = 0; i < fixtures.length; i += 25) {
    await Promise.all(
      fixtures.slice(i, i + 25).map(async (text) => {
        const response = await reader.post("/api/v1/redact", { data: { text } });
        const served = (await response.json()).redacted as string;
        if (served !== redact(text).redacted) differing.push(`${text}\n  server: ${served}\n  source: ${redact(text).redacted}`);
      }),
    );
  }
  expect(differing.slice(0, 5)).toEqual([]);
});
