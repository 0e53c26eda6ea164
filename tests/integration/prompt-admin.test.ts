import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { dedupKey } from "@/lib/prompts/dedup";
import { rebuildDedupIndex } from "@/lib/prompts/dedup-index";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { setPromptStatus, setQuotaOverride, updatePromptSettings } from "@/lib/prompts/mutations";
import {
  countPrompts,
  getPipelineStats,
  listEndUsersByUsage,
  listPrompts,
  type PromptFilters,
  parsePromptFiltersLenient,
  promptFiltersSchema,
} from "@/lib/prompts/queries";
import { endUserRef, splitForUser } from "@/lib/prompts/split";
import { makeProject, makeUser } from "../support/factory";
import { unique } from "../support/unique";

async function adminId() {
  return (await makeUser("admin")).id;
}

async function ingestOne(project: Awaited<ReturnType<typeof makeProject>>, text: string, userId = "user-1") {
  const fresh = await db.project.findUniqueOrThrow({ where: { id: project.id } });
  const [outcome] = await ingestPrompts({ project: fresh, source: "api", prompts: [{ text, user_id: userId }] });
  return outcome!;
}

describe("prompt settings", () => {
  it("rebuilds the dedup index for a new prefix length, the oldest of a colliding group keeping the key", async () => {
    const project = await makeProject();
    const actor = await adminId();
    const stem = `Write a limerick about ${unique()}`; // five words, all prompts below share them
    const oldest = await ingestOne(project, `${stem} a cat who sails the seven seas alone`);
    const middle = await ingestOne(project, `${stem} a dog who runs the city marathon`);
    const other = await ingestOne(project, `Summarize the minutes of yesterday's meeting ${unique()}`);
    expect([oldest.status, middle.status, other.status]).toEqual(["accepted", "accepted", "accepted"]);
    // Make the order unambiguous whatever the clock's resolution.
    await db.prompt.update({ where: { id: oldest.id! }, data: { createdAt: new Date("2026-01-01T00:00:00.001Z") } });
    await db.prompt.update({ where: { id: middle.id! }, data: { createdAt: new Date("2026-01-02T00:00:00.002Z") } });

    const result = await updatePromptSettings(project, { dedupPrefixWords: 5 }, actor);
    expect(result.changed).toEqual(["dedupPrefixWords"]);
    expect(result.rebuild).toEqual({ prompts: 3, keys: 2 });

    const keys = await db.promptDedupKey.findMany({ where: { projectId: project.id } });
    expect(keys).toHaveLength(2);
    expect(keys.find((key) => Buffer.from(key.key).toString("base64") === dedupKey(stem, 5))?.promptId).toBe(oldest.id);
    expect(keys.some((key) => key.promptId === middle.id)).toBe(false);
    // Both prompts are still kept; only the index changed.
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(3);

    // New prompts are judged by the new rule, against the oldest prompt.
    const again = await ingestOne(project, `${stem} a parrot that learns to speak French`, "user-2");
    expect(again).toMatchObject({ status: "duplicate", duplicate_of: oldest.id });

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "project.prompt_settings", targetId: project.id } });
    expect(audit.actorId).toBe(actor);
    expect(audit.details).toMatchObject({ changes: { dedupPrefixWords: { from: 20, to: 5 } }, dedupRebuild: { prompts: 3, keys: 2 } });
  });

  it("walks the prompts in batches with a keyset cursor, ties on time broken by id, with the same result as one batch", async () => {
    const project = await makeProject();
    const at = new Date("2026-03-01T12:00:00.123Z");
    // 23 prompts, in 3 groups sharing a prefix; groups of 4 share a timestamp, as one batch's rows do.
    const rows = Array.from({ length: 23 }, (_, i) => ({
      id: `rb${String(i).padStart(3, "0")}${unique()}`,
      projectId: project.id,
      text: `Group ${i % 3} shares these words exactly and then differs ${i}`,
      userRef: "ref",
      split: "train" as const,
      source: "api" as const,
      createdAt: new Date(at.getTime() + Math.floor(i / 4) * 1000),
    }));
    await db.prompt.createMany({ data: rows });
    const expectedOwner = (group: number) =>
      rows.filter((_, i) => i % 3 === group).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))[0]!.id;

    const small = await db.$transaction((tx) => rebuildDedupIndex(tx, project.id, 5, 2));
    expect(small).toEqual({ prompts: 23, keys: 3 });
    const bySmall = await db.promptDedupKey.findMany({ where: { projectId: project.id }, orderBy: { key: "asc" } });
    for (const group of [0, 1, 2]) {
      expect(
        bySmall.find((key) => Buffer.from(key.key).toString("base64") === dedupKey(`Group ${group} shares these words`, 5))?.promptId,
      ).toBe(expectedOwner(group));
    }
    const large = await db.$transaction((tx) => rebuildDedupIndex(tx, project.id, 5, 5000));
    expect(large).toEqual(small);
    expect(await db.promptDedupKey.findMany({ where: { projectId: project.id }, orderBy: { key: "asc" } })).toEqual(bySmall);
    // A longer prefix tells every prompt apart again.
    expect(await db.$transaction((tx) => rebuildDedupIndex(tx, project.id, 20, 7))).toEqual({ prompts: 23, keys: 23 });
  });

  it("changes other settings without touching the index, and does nothing when nothing changed", async () => {
    const project = await makeProject();
    const actor = await adminId();
    await ingestOne(project, `A prompt to keep ${unique()}`);
    const keysBefore = await db.promptDedupKey.findMany({ where: { projectId: project.id } });
    const result = await updatePromptSettings(project, { promptQuota: 50, splitTrain: 70, splitValid: 20, splitTest: 10 }, actor);
    expect(result.rebuild).toBeNull();
    expect(result.changed.sort()).toEqual(["promptQuota", "splitTrain", "splitValid"]);
    expect(result.project).toMatchObject({ promptQuota: 50, splitTrain: 70, splitValid: 20, splitTest: 10 });
    expect(await db.promptDedupKey.findMany({ where: { projectId: project.id } })).toEqual(keysBefore);
    const same = await updatePromptSettings(project, { promptQuota: 50 }, actor);
    expect(same.changed).toEqual([]);
  });

  it("waits for a running ingestion batch (which holds the project row FOR SHARE)", async () => {
    const project = await makeProject();
    const actor = await adminId();
    let released!: () => void;
    const hold = new Promise<void>((resolve) => (released = resolve));
    let settingsDone = false;
    // A transaction standing in for an ingestion batch: it holds the shared lock until released.
    const batch = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${project.id} FOR SHARE`;
      await hold;
      return settingsDone;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const update = updatePromptSettings(project, { dedupPrefixWords: 8 }, actor).then(() => (settingsDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settingsDone).toBe(false);
    released();
    expect(await batch).toBe(false);
    await update;
    expect(settingsDone).toBe(true);
  });
});

describe("quota overrides", () => {
  it("sets a limit by the raw end-user ID before the user has sent anything, without storing or logging the ID", async () => {
    const project = await makeProject();
    const actor = await adminId();
    const rawId = `${unique("alice")}@example.com`;
    const { endUser, created } = await setQuotaOverride(project, { user_id: rawId, limit: 2 }, actor);
    const ref = endUserRef(project.splitSalt, rawId);
    expect(created).toBe(true);
    expect(endUser).toMatchObject({ userRef: ref, quotaOverride: 2, acceptedCount: 0 });
    expect(endUser.split).toBe(splitForUser(ref, { train: 80, valid: 10, test: 10 }));
    // An e-mail address is personal data: the label is its redacted form, as the pipeline makes it.
    expect(endUser.label).not.toContain(rawId);
    expect(endUser.label).toContain("<EMAIL_1>");

    const fresh = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    const outcomes = await ingestPrompts({
      project: fresh,
      source: "api",
      prompts: [1, 2, 3].map((n) => ({ text: `Prompt number ${n} from alice ${unique()}`, user_id: rawId })),
    });
    expect(outcomes.map((o) => o.status)).toEqual(["accepted", "accepted", "quota_exceeded"]);

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "end_user.quota_override_set", targetId: `${project.id}:${ref}` },
    });
    expect(audit.details).toMatchObject({ userRef: ref, from: null, to: 2, created: true });
    expect(JSON.stringify([audit.details, audit.targetId])).not.toContain(rawId.split("@")[0]);
  });

  it("changes and clears an existing user's override by reference, and refuses unknown users", async () => {
    const project = await makeProject();
    const actor = await adminId();
    await ingestOne(project, `Hello there ${unique()}`, "bob-42");
    const ref = endUserRef(project.splitSalt, "bob-42");
    const raised = await setQuotaOverride(project, { user_ref: ref, limit: 500 }, actor);
    expect(raised).toMatchObject({ created: false, endUser: { label: "bob-42", acceptedCount: 1, quotaOverride: 500 } });
    const cleared = await setQuotaOverride(project, { user_id: "bob-42", limit: null }, actor);
    expect(cleared.endUser.quotaOverride).toBeNull();
    await expect(setQuotaOverride(project, { user_ref: "unknownref", limit: 5 }, actor)).rejects.toBeInstanceOf(AppError);
    await expect(setQuotaOverride(project, { user_id: "never-seen", limit: null }, actor)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.endUser.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("lists end users by usage with a keyset cursor that skips and repeats no one", async () => {
    const project = await makeProject();
    await db.endUser.createMany({
      data: Array.from({ length: 37 }, (_, i) => ({
        projectId: project.id,
        userRef: `u${String(i).padStart(2, "0")}`,
        label: `user ${i}`,
        split: "train" as const,
        acceptedCount: i % 5,
      })),
    });
    const seen: string[] = [];
    let after: { count: number; userRef: string } | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listEndUsersByUsage(project.id, after, 8);
      seen.push(...page.rows.map((row) => row.userRef));
      if (!page.next) break;
      const [count, userRef] = page.next.split(".");
      after = { count: Number(count), userRef: userRef! };
    }
    const expected = Array.from({ length: 37 }, (_, i) => ({ ref: `u${String(i).padStart(2, "0")}`, n: i % 5 }))
      .sort((a, b) => b.n - a.n || (a.ref < b.ref ? 1 : -1))
      .map((u) => u.ref);
    expect(seen).toEqual(expected);
  });
});

describe("archiving", () => {
  it("archives and restores a prompt with audit entries, only within its project", async () => {
    const project = await makeProject();
    const elsewhere = await makeProject();
    const actor = await adminId();
    const prompt = await ingestOne(project, `Archive me later ${unique()}`);
    expect(await setPromptStatus(project, prompt.id!, "archived", actor)).toMatchObject({ status: "archived", changed: true });
    expect((await db.prompt.findUniqueOrThrow({ where: { id: prompt.id! } })).status).toBe("archived");
    expect(await setPromptStatus(project, prompt.id!, "archived", actor)).toMatchObject({ changed: false });
    expect(await setPromptStatus(project, prompt.id!, "active", actor)).toMatchObject({ status: "active", changed: true });
    const actions = await db.auditLog.findMany({ where: { targetType: "prompt", targetId: prompt.id! }, orderBy: { id: "asc" } });
    expect(actions.map((entry) => entry.action)).toEqual(["prompt.archive", "prompt.restore"]);
    await expect(setPromptStatus(elsewhere, prompt.id!, "archived", actor)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("prompt browser", () => {
  async function seedBrowser() {
    const project = await makeProject();
    const base = new Date("2026-05-01T00:00:00.000Z").getTime();
    const splits = ["train", "valid", "test"] as const;
    const sources = ["api", "import", "labeler"] as const;
    const categories = ["generation", "open_qa", null] as const;
    const rows = Array.from({ length: 67 }, (_, i) => ({
      id: `pb${String(i).padStart(3, "0")}x${unique()}`,
      projectId: project.id,
      // Groups of 5 share a timestamp, so page boundaries fall inside ties.
      createdAt: new Date(base + Math.floor(i / 5) * 60_000),
      text:
        i === 10
          ? "I am 100% sure about this"
          : i === 11
            ? "I am 1000 sure about this"
            : i === 12
              ? "snake_case names"
              : i === 13
                ? "snakeXcase names"
                : `Prompt ${i} about TOPIC ${i % 4}`,
      userRef: `ref${i % 6}`,
      split: splits[i % 3]!,
      source: sources[i % 3 === 0 ? 0 : i % 2]!,
      category: categories[i % 3],
      status: i % 10 === 0 ? ("archived" as const) : ("active" as const),
      redactions: i % 7 === 0 ? [{ type: "EMAIL", count: 2 }] : undefined,
    }));
    await db.prompt.createMany({ data: rows });
    await db.endUser.create({ data: { projectId: project.id, userRef: "ref1", label: "customer-1", split: "train" } });
    const order = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return { project, rows, order };
  }

  async function walk(projectId: string, filters: PromptFilters, pageSize: number) {
    const forward: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = await listPrompts(
        projectId,
        { ...filters, after: after ? promptFiltersSchema.shape.after.parse(after) : undefined },
        pageSize,
      );
      forward.push(...page.rows.map((row) => row.id));
      if (!page.older) break;
      cursors.push(page.older);
      after = page.older;
    }
    return { forward, cursors };
  }

  it("pages newest first with no row skipped or repeated, forwards and back", async () => {
    const { project, order } = await seedBrowser();
    const { forward } = await walk(project.id, {}, 7);
    expect(forward).toEqual(order.map((row) => row.id));

    // Back from the last page with "before" cursors reaches the first page again.
    let page = await listPrompts(project.id, { after: promptFiltersSchema.shape.after.parse(encodeFor(order.at(-8)!)) }, 7);
    expect(page.rows.map((row) => row.id)).toEqual(order.slice(-7).map((row) => row.id));
    expect(page.older).toBeNull();
    const backwards: string[][] = [page.rows.map((row) => row.id)];
    for (let guard = 0; guard < 100 && page.newer; guard++) {
      page = await listPrompts(project.id, { before: promptFiltersSchema.shape.before.parse(page.newer) }, 7);
      backwards.unshift(page.rows.map((row) => row.id));
    }
    expect(page.newer).toBeNull();
    // The pages met going back, put in order, are every row once (the top page may be short).
    expect(backwards.flat()).toEqual(order.map((row) => row.id));
    expect(backwards[0]!.length).toBe(67 % 7 || 7);
  });

  it("filters by split, source, category (and none), status, and substring search with % and _ taken literally", async () => {
    const { project, order } = await seedBrowser();
    const ids = async (filters: PromptFilters) => (await walk(project.id, filters, 9)).forward;
    const expectIds = (keep: (row: (typeof order)[number]) => boolean) => order.filter(keep).map((row) => row.id);

    expect(await ids({ split: "test" })).toEqual(expectIds((row) => row.split === "test"));
    expect(await ids({ source: "labeler" })).toEqual(expectIds((row) => row.source === "labeler"));
    expect(await ids({ category: "open_qa" })).toEqual(expectIds((row) => row.category === "open_qa"));
    expect(await ids({ category: "none" })).toEqual(expectIds((row) => row.category === null));
    expect(await ids({ status: "archived" })).toEqual(expectIds((row) => row.status === "archived"));
    expect(await ids({ split: "valid", source: "labeler", status: "active" })).toEqual(
      expectIds((row) => row.split === "valid" && row.source === "labeler" && row.status === "active"),
    );
    expect(await ids({ q: "topic 3" })).toEqual(expectIds((row) => row.text.toLowerCase().includes("topic 3")));
    expect(await ids({ q: "0% s" })).toEqual(expectIds((row) => row.text.includes("100% sure")));
    expect(await ids({ q: "snake_case" })).toEqual(expectIds((row) => row.text === "snake_case names"));
    expect(await ids({ q: "%" })).toEqual(expectIds((row) => row.text.includes("%")));

    const [first] = (await listPrompts(project.id, { q: "100%" })).rows;
    expect(first).toMatchObject({ text: "I am 100% sure about this" });
    const labelled = (await listPrompts(project.id, {}, 100)).rows.filter((row) => row.userRef === "ref1");
    expect(labelled.every((row) => row.userLabel === "customer-1")).toBe(true);
    const redacted = (await listPrompts(project.id, {}, 100)).rows.find((row) => row.redactions);
    expect(redacted?.redactions).toEqual([{ type: "EMAIL", count: 2 }]);

    expect(await countPrompts(project.id, {})).toEqual({ exact: true, count: 67 });
    expect(await countPrompts(project.id, { split: "test" })).toEqual({
      exact: true,
      count: order.filter((row) => row.split === "test").length,
    });
  });

  it("gives a conversation prompt's redacted turns, and null for a plain one", async () => {
    const project = await makeProject();
    const fresh = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    const tag = unique();
    const [outcome] = await ingestPrompts({
      project: fresh,
      source: "api",
      prompts: [
        {
          messages: [
            { role: "system", content: "Be brief." },
            { role: "user", content: "Write to sam.lee@example.com" },
            { role: "assistant", content: "Sure, what about?" },
            { role: "user", content: `The invoice ${tag}` },
          ],
          user_id: "user-1",
        },
      ],
    });
    expect(outcome).toMatchObject({ status: "accepted" });
    await ingestOne(project, `A plain prompt ${tag}`);
    const rows = (await listPrompts(project.id, {})).rows;
    const conversation = rows.find((row) => row.messages);
    expect(conversation?.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Write to <EMAIL_1>" },
      { role: "assistant", content: "Sure, what about?" },
      { role: "user", content: `The invoice ${tag}` },
    ]);
    expect(conversation?.text.startsWith("System: Be brief.")).toBe(true);
    expect(rows.find((row) => !row.messages)?.messages).toBeNull();
  });

  it("ignores bad filter values on pages and rejects them in the API schema", () => {
    expect(
      parsePromptFiltersLenient({ split: "holdout", source: "api", category: ["none", "chat"], after: "not-a-cursor", q: "  hi  " }),
    ).toEqual({
      source: "api",
      category: "none",
      q: "hi",
    });
    expect(promptFiltersSchema.safeParse({ split: "holdout" }).success).toBe(false);
    expect(promptFiltersSchema.safeParse({ after: "12.abc" }).success).toBe(true);
  });
});

describe("pipeline counters", () => {
  it("sums counters over shards, per day and in all", async () => {
    const project = await makeProject();
    const today = new Date();
    const day = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - offset));
    await db.ingestCounter.createMany({
      data: [
        { projectId: project.id, day: day(0), name: "outcome:accepted", shard: 0, count: 5 },
        { projectId: project.id, day: day(0), name: "outcome:accepted", shard: 3, count: 7 },
        { projectId: project.id, day: day(1), name: "outcome:duplicate", shard: 1, count: 2 },
        { projectId: project.id, day: day(40), name: "outcome:accepted", shard: 0, count: 100 },
        { projectId: project.id, day: day(0), name: "outcome:rejected", shard: 2, count: 3 },
        { projectId: project.id, day: day(0), name: "rejected:too_long", shard: 2, count: 2 },
        { projectId: project.id, day: day(0), name: "rejected:empty", shard: 5, count: 1 },
        { projectId: project.id, day: day(0), name: "redaction:EMAIL", shard: 0, count: 4 },
        { projectId: project.id, day: day(1), name: "redaction:EMAIL", shard: 6, count: 1 },
        { projectId: project.id, day: day(0), name: "redaction:PHONE", shard: 0, count: 9 },
      ],
    });
    const stats = await getPipelineStats(project.id, 30, today);
    expect(stats.totals).toEqual({ accepted: 112, duplicate: 2, quota_exceeded: 0, rejected: 3 });
    expect(stats.rejected).toEqual({ empty: 1, too_long: 2, unstorable: 0 });
    expect(stats.redactions).toEqual([
      { type: "PHONE", count: 9 },
      { type: "EMAIL", count: 5 },
    ]);
    expect(stats.days).toHaveLength(30);
    expect(stats.days.at(-1)!.outcomes).toEqual({ accepted: 12, duplicate: 0, quota_exceeded: 0, rejected: 3 });
    expect(stats.days.at(-2)!.outcomes.duplicate).toBe(2);
    expect(stats.days.reduce((sum, d) => sum + d.outcomes.accepted, 0)).toBe(12);
  });
});

function encodeFor(row: { createdAt: Date; id: string }) {
  return `${row.createdAt.getTime()}.${row.id}`;
}
