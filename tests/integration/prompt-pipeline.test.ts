import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestPrompts } from "@/lib/prompts/ingest";
import type { PromptInput } from "@/lib/prompts/schema";
import { dumpAllRows } from "../support/dump";
import { makeProject } from "../support/factory";
import { unique } from "../support/unique";

async function freshProject(settings: Partial<{ promptQuota: number; dedupPrefixWords: number; maxPromptTokens: number }> = {}) {
  const project = await makeProject();
  return db.project.update({ where: { id: project.id }, data: settings });
}

function prompt(text: string, user_id = "user-1", extra: Partial<PromptInput> = {}): PromptInput {
  return { text, user_id, ...extra };
}

describe("long-prefix dedup", () => {
  it("drops a prompt sharing its first N words with a kept one, naming the original", async () => {
    const project = await freshProject({ dedupPrefixWords: 5 });
    const [first] = await ingestPrompts({ project, source: "api", prompts: [prompt("Write a poem about the sea and its many moods")] });
    expect(first!.status).toBe("accepted");
    const [again] = await ingestPrompts({
      project,
      source: "api",
      prompts: [prompt("  WRITE a poem\nabout   the sea, in French please", "someone-else")],
    });
    expect(again).toMatchObject({ status: "duplicate", duplicate_of: first!.id });
    const [different] = await ingestPrompts({ project, source: "api", prompts: [prompt("Write a poem about a mountain")] });
    expect(different!.status).toBe("accepted");
  });

  it("treats prompts shorter than N as duplicates only when equal", async () => {
    const project = await freshProject({ dedupPrefixWords: 5 });
    const results = await ingestPrompts({
      project,
      source: "api",
      prompts: [prompt("Tell me a joke"), prompt("tell me   a JOKE"), prompt("Tell me a joke about cats")],
    });
    expect(results.map((r) => r.status)).toEqual(["accepted", "duplicate", "accepted"]);
    expect(results[1]!.duplicate_of).toBe(results[0]!.id);
  });

  it("keeps exactly one of many concurrent identical prompts", async () => {
    const project = await freshProject();
    const text = `Explain quantum tunnelling to a child ${unique()}`;
    const batches = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ingestPrompts({ project, source: "api", prompts: [prompt(text, `user-${i}`)] })),
    );
    const outcomes = batches.flat();
    const accepted = outcomes.filter((o) => o.status === "accepted");
    expect(accepted).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "duplicate")) expect(o.duplicate_of).toBe(accepted[0]!.id);
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(1);
  });
});

describe("per-user quota", () => {
  it("is exact under concurrency: 50 parallel requests at 195 of 200 give exactly 5 more", async () => {
    const project = await freshProject();
    const seed = Array.from({ length: 195 }, (_, i) => prompt(`Seed prompt number ${i} ${unique()}`, "heavy-user"));
    const seeded = await ingestPrompts({ project, source: "api", prompts: seed });
    expect(seeded.every((o) => o.status === "accepted")).toBe(true);
    const results = (
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          ingestPrompts({ project, source: "api", prompts: [prompt(`Parallel prompt ${i} ${unique()}`, "heavy-user")] }),
        ),
      )
    ).flat();
    expect(results.filter((o) => o.status === "accepted")).toHaveLength(5);
    expect(results.filter((o) => o.status === "quota_exceeded")).toHaveLength(45);
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(200);
    const user = await db.endUser.findFirstOrThrow({ where: { projectId: project.id } });
    expect(user.acceptedCount).toBe(200);
  });

  it("does not count duplicates or rejected prompts, and honours a per-user override", async () => {
    const project = await freshProject({ promptQuota: 2 });
    const results = await ingestPrompts({
      project,
      source: "api",
      prompts: [
        prompt("First distinct prompt"),
        prompt("first distinct prompt"),
        prompt("   "),
        prompt("Second distinct prompt"),
        prompt("Third distinct prompt"),
      ],
    });
    expect(results.map((r) => r.status)).toEqual(["accepted", "duplicate", "rejected", "accepted", "quota_exceeded"]);
    const user = await db.endUser.findFirstOrThrow({ where: { projectId: project.id } });
    await db.endUser.update({ where: { projectId_userRef: { projectId: project.id, userRef: user.userRef } }, data: { quotaOverride: 3 } });
    const [more] = await ingestPrompts({ project, source: "api", prompts: [prompt("Third distinct prompt")] });
    expect(more!.status).toBe("accepted");
  });
});

describe("splits by user", () => {
  it("put every prompt of one user in the same split", async () => {
    const project = await freshProject();
    const prompts = Array.from({ length: 300 }, (_, i) => prompt(`Prompt ${i} for split test ${unique()}`, `user-${i % 60}`));
    await ingestPrompts({ project, source: "api", prompts });
    const rows = await db.prompt.groupBy({
      by: ["userRef"],
      where: { projectId: project.id },
      _count: { split: true },
      _min: { split: true },
      _max: { split: true },
    });
    expect(rows).toHaveLength(60);
    for (const row of rows) expect(row._min.split).toBe(row._max.split);
    const splits = new Set(rows.map((row) => row._min.split));
    expect(splits.has("train")).toBe(true);
  });

  it("keep a user in the split they were first given after the proportions change", async () => {
    const project = await db.project.update({
      where: { id: (await makeProject()).id },
      data: { splitTrain: 100, splitValid: 0, splitTest: 0 },
    });
    await ingestPrompts({ project, source: "api", prompts: [prompt(`Before the change ${unique()}`, "steady-user")] });
    const changed = await db.project.update({ where: { id: project.id }, data: { splitTrain: 0, splitValid: 0, splitTest: 100 } });
    const [later, newcomer] = await ingestPrompts({
      project: changed,
      source: "api",
      prompts: [prompt(`After the change ${unique()}`, "steady-user"), prompt(`A newcomer ${unique()}`, "new-user")],
    });
    expect(later).toMatchObject({ status: "accepted", split: "train" });
    expect(newcomer).toMatchObject({ status: "accepted", split: "test" });
  });
});

describe("dedup and quota together", () => {
  it("keeps no key for a prompt refused for quota, so the same text from another user is kept", async () => {
    const project = await freshProject({ promptQuota: 1 });
    await ingestPrompts({ project, source: "api", prompts: [prompt(`Filler ${unique()}`, "full-user")] });
    const shared = `A shared prompt ${unique()}`;
    const alone = `Only the full user sent this ${unique()}`;
    const [refused, keptFromOther, refusedAlone] = await ingestPrompts({
      project,
      source: "api",
      prompts: [prompt(shared, "full-user"), prompt(shared, "other-user"), prompt(alone, "full-user")],
    });
    expect(refused!.status).toBe("quota_exceeded");
    expect(keptFromOther!.status).toBe("accepted");
    expect(refusedAlone!.status).toBe("quota_exceeded");

    const [again, later] = await ingestPrompts({
      project,
      source: "api",
      prompts: [prompt(shared, "third-user"), prompt(alone, "fourth-user")],
    });
    expect(again).toMatchObject({ status: "duplicate", duplicate_of: keptFromOther!.id });
    expect(later!.status).toBe("accepted");
  });
});

describe("quota within one batch", () => {
  it("counts an existing user's earlier prompts and override when a batch could take them past the limit", async () => {
    const project = await freshProject({ promptQuota: 3 });
    await ingestPrompts({ project, source: "api", prompts: [prompt(`Earlier one ${unique()}`), prompt(`Earlier two ${unique()}`)] });
    const first = await ingestPrompts({
      project,
      source: "api",
      prompts: Array.from({ length: 3 }, (_, i) => prompt(`Batch A ${i} ${unique()}`)),
    });
    expect(first.map((r) => r.status)).toEqual(["accepted", "quota_exceeded", "quota_exceeded"]);

    const user = await db.endUser.findFirstOrThrow({ where: { projectId: project.id } });
    await db.endUser.update({
      where: { projectId_userRef: { projectId: project.id, userRef: user.userRef } },
      data: { quotaOverride: 10 },
    });
    const second = await ingestPrompts({
      project,
      source: "api",
      prompts: Array.from({ length: 8 }, (_, i) => prompt(`Batch B ${i} ${unique()}`)),
    });
    expect(second.filter((r) => r.status === "accepted")).toHaveLength(7);
    expect(second.at(-1)!.status).toBe("quota_exceeded");
    expect((await db.endUser.findFirstOrThrow({ where: { projectId: project.id } })).acceptedCount).toBe(10);
  });
});

describe("end-user IDs", () => {
  it("are stored as sent, whatever characters they hold, and counted against their own quota", async () => {
    const project = await freshProject({ promptQuota: 1 });
    const ids = ['say "hi"', "back\\slash", "a,b", "{braces}", "NULL", "  spaced  out ", "émoji 🙂"];
    const results = await ingestPrompts({
      project,
      source: "api",
      prompts: [
        ...ids.map((id, i) => prompt(`First prompt ${i} ${unique()}`, id)),
        ...ids.map((id, i) => prompt(`Second prompt ${i} ${unique()}`, id)),
      ],
    });
    expect(results.map((result) => result.status)).toEqual([...ids.map(() => "accepted"), ...ids.map(() => "quota_exceeded")]);
    const users = await db.endUser.findMany({ where: { projectId: project.id }, select: { label: true, acceptedCount: true } });
    // user_id is trimmed by the schema, not by the pipeline: ingestPrompts stores what it is given.
    expect(users.map((user) => user.label).sort()).toEqual([...ids].sort());
    expect(users.every((user) => user.acceptedCount === 1)).toBe(true);
  });
});

describe("rules", () => {
  it("reject empty and over-long prompts with a reason", async () => {
    const project = await freshProject({ maxPromptTokens: 10 });
    const results = await ingestPrompts({
      project,
      source: "api",
      prompts: [prompt(""), prompt("one two three four five six seven eight nine ten eleven twelve")],
    });
    expect(results[0]).toMatchObject({ status: "rejected", reason: "The prompt is empty." });
    expect(results[1]).toMatchObject({ status: "rejected" });
    expect(results[1]!.reason).toMatch(/limit is 10/);
  });
});

describe("idempotency", () => {
  it("returns the first answer to a retried request and stores nothing twice", async () => {
    const project = await freshProject();
    const key = unique("idem");
    const body = [prompt(`Idempotent prompt ${unique()}`)];
    const [first, second] = await Promise.all([
      ingestPrompts({ project, source: "api", prompts: body, idempotency: { scope: "test", key } }),
      ingestPrompts({ project, source: "api", prompts: body, idempotency: { scope: "test", key } }),
    ]);
    expect(second).toEqual(first);
    expect(first![0]!.status).toBe("accepted");
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(1);
    await expect(
      ingestPrompts({ project, source: "api", prompts: [prompt("another body")], idempotency: { scope: "test", key } }),
    ).rejects.toThrow(/different request body/);
  });
});

describe("personal data", () => {
  it("never reaches the database: a dump after ingesting planted PII holds none of it", async () => {
    const project = await freshProject();
    const planted = {
      email: "maria.gonzalez.planted@example.org",
      phone: "+44 20 7946 0958",
      card: "4111 1111 1111 1111",
      iban: "DE89 3704 0044 0532 0130 00",
      ssn: "078-05-1120",
      ip: "203.0.113.77",
    };
    const text = `Write a letter to the bank. My email is ${planted.email}, call ${planted.phone}. Card ${planted.card}, IBAN ${planted.iban}, SSN ${planted.ssn}, from ${planted.ip}.`;
    const [outcome] = await ingestPrompts({
      project,
      source: "api",
      prompts: [prompt(text, planted.email, { metadata: { contact: planted.phone, note: `ip ${planted.ip}` } })],
    });
    expect(outcome!.status).toBe("accepted");
    expect(outcome!.redactions.map((r) => r.type)).toEqual(
      expect.arrayContaining(["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS"]),
    );
    const dump = await dumpAllRows();
    for (const value of Object.values(planted)) expect(dump).not.toContain(value);
    expect(dump).not.toContain("4111111111111111");
    const stored = await db.prompt.findUniqueOrThrow({ where: { id: outcome!.id! } });
    expect(stored.text).toContain("<EMAIL_1>");
  });
});

describe("idempotency keys", () => {
  it("are forgotten after a day for API clients, but kept for imports", async () => {
    const { deleteExpiredIdempotencyKeys } = await import("@/lib/api/idempotency");
    const old = new Date(Date.now() - 25 * 3600_000);
    const key = unique("old");
    await db.idempotencyRecord.createMany({
      data: [
        { scope: "key:test", key, requestHash: "x", createdAt: old },
        { scope: "import:test", key, requestHash: "x", createdAt: old },
        { scope: "key:test", key: `${key}-fresh`, requestHash: "x" },
      ],
    });
    await deleteExpiredIdempotencyKeys();
    const left = await db.idempotencyRecord.findMany({ where: { key: { startsWith: key } } });
    expect(left.map((row) => `${row.scope}/${row.key}`).sort()).toEqual([`import:test/${key}`, `key:test/${key}-fresh`]);
  });
});
