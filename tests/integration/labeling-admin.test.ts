import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/api/errors";
import type { CurrentUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { getQueueFigures, listActiveLeases, listLabelerStats, listTasks, taskFiltersSchema } from "@/lib/labeling/admin-queries";
import { ingestComparisonBatch, requestDemonstrations } from "@/lib/labeling/import";
import { leaseNextTask, releaseLease, skipTask, submitTask } from "@/lib/labeling/queue";
import type { NextTask } from "@/lib/labeling/schema";
import { createDemonstrationTasks } from "@/lib/labeling/tasks";
import { makeProject, makePrompt, makeRankingTask, makeUser } from "../support/factory";

// The route handlers read the session through these guards; here they answer whoever the test says.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/guards", async () => {
  const { AppError: Err } = await import("@/lib/api/errors");
  return {
    requireApiAdmin: async () => {
      if (!session.user) throw new Err("unauthorized", "Sign in first.");
      if (session.user.role !== "admin") throw new Err("forbidden", "Only admins can do this.");
      return session.user;
    },
  };
});

const { POST: postComparisonBatch } = await import("@/app/api/admin/projects/[slug]/comparisons/batches/route");
const { POST: postDemonstrations } = await import("@/app/api/admin/projects/[slug]/demonstrations/route");

type Project = Awaited<ReturnType<typeof makeProject>>;

async function projectWith(settings: { labelsPerTask?: number; leaseMinutes?: number } = {}) {
  const project = await makeProject();
  return db.project.update({ where: { id: project.id }, data: settings });
}

function answerFor(task: NextTask, durationMs: number) {
  const ids = task.outputs.map((output) => output.id);
  return {
    ratings: Object.fromEntries(ids.map((id, i) => [id, { likert: 7 - i, flags: [] }])),
    ranking: ids.map((id) => [id]),
    prompt_labels: { category: "generation", flags: [] },
    duration_ms: durationMs,
  };
}

function call(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  project: Project,
  body: unknown,
) {
  const request = new Request(`http://localhost/api/admin/projects/${project.slug}/x`, {
    method: "POST",
    // The admin's page sends it: a cookie-authenticated change must come from this site.
    headers: { "content-type": "application/json", origin: "http://localhost" },
    body: JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve({ slug: project.slug }) });
}

function comparison(promptId: string, k = 4, extra: Record<string, unknown> = {}) {
  return {
    prompt_id: promptId,
    outputs: Array.from({ length: k }, (_, i) => ({ model: `model-${i}`, text: `Output ${i} for ${promptId}` })),
    ...extra,
  };
}

const asAdmin = async () => {
  const admin = await makeUser("admin");
  session.user = { id: admin.id, email: admin.email, name: null, role: "admin" };
  return admin;
};

beforeEach(() => {
  session.user = null;
});

describe("queue figures and labeler throughput", () => {
  it("count waiting, leased, done and skipped tasks by kind, and each labeler's submissions and times", async () => {
    const project = await projectWith({ labelsPerTask: 1 });
    for (let i = 0; i < 5; i++) await makeRankingTask(project);
    await createDemonstrationTasks(project, { prompt_ids: [await makePrompt(project)], labels: 1 });
    const [fast, skipper, slow] = [await makeUser("labeler"), await makeUser("labeler"), await makeUser("labeler")];

    // fast: three submissions, 10 s, 20 s and 60 s; the oldest one was ten days ago.
    const submitted: string[] = [];
    for (const seconds of [10, 20, 60]) {
      const task = (await leaseNextTask(project, fast.id))!;
      await submitTask(task.id, fast.id, answerFor(task, seconds * 1000));
      submitted.push(task.id);
    }
    await db.submission.updateMany({ where: { taskId: submitted[0] }, data: { createdAt: new Date(Date.now() - 10 * 86_400_000) } });
    // skipper: skips one ranking task (intent unclear), then holds the last one.
    const skipped = (await leaseNextTask(project, skipper.id))!;
    // With a note of their own words, still counted under the reason chosen.
    await skipTask(skipped.id, skipper.id, "intent_unclear", "Java or Python?");
    const held = (await leaseNextTask(project, skipper.id))!;
    // slow: is given the task the skipper passed on, and lets the lease run out.
    const lapsed = (await leaseNextTask(project, slow.id))!;
    expect(lapsed.id).toBe(skipped.id);
    await db.assignment.updateMany({
      where: { taskId: lapsed.id, labelerId: slow.id },
      data: { leaseExpiresAt: new Date(Date.now() - 1000) },
    });

    const figures = await getQueueFigures(project.id);
    expect(figures).toMatchObject({
      waiting: { ranking: 1, demonstration: 1 },
      waitingPlaces: 2,
      fullyLeased: { ranking: 1, demonstration: 0 },
      leased: { ranking: 1, demonstration: 0 },
      done: { ranking: 3, demonstration: 0 },
      skipped: { ranking: 1, demonstration: 0 },
      submissions: { ranking: 3, demonstration: 0 },
    });
    expect(figures.skipReasons).toEqual([{ reason: "intent_unclear", count: 1 }]);
    expect(figures.skipNotes).toEqual([{ taskId: skipped.id, reason: "intent_unclear", note: "Java or Python?", at: expect.any(Date) }]);

    const stats = await listLabelerStats(project.id);
    const byId = new Map(stats.map((row) => [row.labelerId, row]));
    expect(stats).toHaveLength(3);
    expect(stats[0]!.labelerId).toBe(fast.id); // busiest this week first
    expect(byId.get(fast.id)).toMatchObject({
      email: fast.email,
      today: 2,
      lastWeek: 2,
      total: 3,
      medianMs: 20_000,
      skips: 0,
      leasedNow: 0,
    });
    // percentile_cont interpolates: 0.9 of the way through [10, 20, 60] s is 20 + 0.8 × 40 = 52 s.
    expect(byId.get(fast.id)!.p90Ms).toBe(52_000);
    expect(byId.get(skipper.id)).toMatchObject({ total: 0, medianMs: null, p90Ms: null, skips: 1, leasedNow: 1 });
    expect(byId.get(slow.id)).toMatchObject({ total: 0, skips: 0, leasedNow: 0 });
    expect(byId.get(slow.id)!.lastActivity).toBeInstanceOf(Date);

    const leases = await listActiveLeases(project.id);
    expect(leases.total).toBe(1);
    expect(leases.rows[0]).toMatchObject({ taskId: held.id, labelerEmail: skipper.email, kind: "ranking" });
    expect(leases.rows[0]!.promptLine).toMatch(/^Explain /);

    // Releasing the lease puts the task back among the waiting ones.
    const admin = await makeUser("admin");
    await releaseLease(leases.rows[0]!.assignmentId, admin.id);
    expect((await listActiveLeases(project.id)).total).toBe(0);
    expect((await getQueueFigures(project.id)).waiting).toEqual({ ranking: 2, demonstration: 1 });
  });

  it("counts nothing for a project without tasks", async () => {
    const project = await projectWith();
    const figures = await getQueueFigures(project.id);
    expect(figures.waiting).toEqual({ ranking: 0, demonstration: 0 });
    expect(figures.skipReasons).toEqual([]);
    expect(await listLabelerStats(project.id)).toEqual([]);
  });
});

describe("task list", () => {
  it("pages newest first with keyset cursors and filters by kind and status", async () => {
    const project = await projectWith();
    const ranking = [];
    for (let i = 0; i < 3; i++) ranking.push(await makeRankingTask(project, 5));
    const [demo] = await createDemonstrationTasks(project, {
      prompt_ids: [await makePrompt(project, "Write a limerick\nabout a cat")],
      labels: 2,
    });

    const first = await listTasks(project.id, {}, 2);
    expect(first.rows.map((row) => row.id)).toEqual([demo!.id, ranking[2]!.id]);
    expect(first.rows[0]).toMatchObject({
      kind: "demonstration",
      status: "open",
      labelsNeeded: 2,
      outputs: 0,
      promptLine: "Write a limerick",
    });
    expect(first.rows[1]).toMatchObject({ kind: "ranking", outputs: 5, labelsNeeded: 1, submittedCount: 0 });
    expect(first.newer).toBeNull();
    const second = await listTasks(project.id, taskFiltersSchema.parse({ after: first.older }), 2);
    expect(second.rows.map((row) => row.id)).toEqual([ranking[1]!.id, ranking[0]!.id]);
    expect(second.older).toBeNull();
    const back = await listTasks(project.id, taskFiltersSchema.parse({ before: second.newer }), 2);
    expect(back.rows.map((row) => row.id)).toEqual([demo!.id, ranking[2]!.id]);

    expect((await listTasks(project.id, { kind: "demonstration" })).rows.map((row) => row.id)).toEqual([demo!.id]);
    expect((await listTasks(project.id, { status: "done" })).rows).toEqual([]);
    expect((await listTasks(project.id, { kind: "ranking", status: "open" })).rows).toHaveLength(3);
  });
});

describe("bulk import of comparisons", () => {
  it("creates a task per valid line and reports bad lines by number without their text", async () => {
    const project = await projectWith({ labelsPerTask: 3 });
    const admin = await makeUser("admin");
    const [promptA, promptB, archived] = [await makePrompt(project), await makePrompt(project), await makePrompt(project)];
    await db.prompt.update({ where: { id: archived }, data: { status: "archived" } });
    const secret = "SECRET-LINE-CONTENT";
    const lines = [
      JSON.stringify(comparison(promptA, 6)),
      `{"prompt_id": "${secret}", broken`,
      JSON.stringify(comparison(promptA, 3)),
      JSON.stringify(comparison(`nope-${secret}`)),
      JSON.stringify({ ...comparison(promptB), outputs: [...comparison(promptB).outputs.slice(1), { model: "m", text: "   " }] }),
      JSON.stringify(comparison(archived)),
      `["${secret}"]`,
      JSON.stringify({
        prompt_id: promptB,
        outputs: comparison(promptB, 4).outputs.map((o, i) => (i === 0 ? { ...o, text: "Mail me at jane.doe@example.com" } : o)),
      }),
    ];
    const outcomes = await ingestComparisonBatch(project, { records: lines.map((raw, i) => ({ line: i + 1, raw })) }, admin.id);

    expect(outcomes.map((o) => [o.line, o.status])).toEqual([
      [1, "created"],
      [2, "invalid"],
      [3, "invalid"],
      [4, "invalid"],
      [5, "invalid"],
      [6, "invalid"],
      [7, "invalid"],
      [8, "created"],
    ]);
    const reasons = Object.fromEntries(outcomes.flatMap((o) => (o.status === "invalid" ? [[o.line, o.reason]] : [])));
    expect(reasons[2]).toBe("Not valid JSON.");
    expect(reasons[3]).toMatch(/^outputs: .*at least 4/);
    expect(reasons[4]).toMatch(/^prompt_id: No such prompt/);
    expect(reasons[5]).toMatch(/^outputs\[3\]\.text: .*empty/);
    expect(reasons[6]).toMatch(/archived/);
    expect(reasons[7]).toBe("Not a JSON object.");
    for (const reason of Object.values(reasons)) expect(reason).not.toContain(secret);

    const created = outcomes.flatMap((o) => (o.status === "created" ? [o.task_id] : []));
    const tasks = await db.task.findMany({
      where: { id: { in: created } },
      include: { outputs: { orderBy: { position: "asc" } } },
      orderBy: { createdAt: "asc" },
    });
    expect(tasks.map((task) => [task.promptId, task.kind, task.labelsNeeded, task.outputs.length])).toEqual([
      [promptA, "ranking", 3, 6],
      [promptB, "ranking", 3, 4],
    ]);
    expect(tasks[1]!.outputs[0]!.text).not.toContain("jane.doe@example.com");
    expect(await db.auditLog.count({ where: { action: "tasks.import_comparisons", targetId: project.id } })).toBe(1);
  });

  it("answers per-line outcomes through the admin route, and refuses others and oversized batches", async () => {
    const project = await projectWith();
    const promptId = await makePrompt(project);
    const body = {
      records: [
        { line: 4, raw: JSON.stringify(comparison(promptId)) },
        { line: 9, raw: "{}" },
      ],
    };

    expect((await call(postComparisonBatch, project, body)).status).toBe(401);
    session.user = { id: (await makeUser("labeler")).id, email: "l@example.com", name: null, role: "labeler" };
    expect((await call(postComparisonBatch, project, body)).status).toBe(403);
    expect(await db.task.count({ where: { projectId: project.id } })).toBe(0);

    await asAdmin();
    const response = await call(postComparisonBatch, project, body);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      created: number;
      invalid: number;
      outcomes: Array<{ line: number; status: string; task_id?: string; reason?: string }>;
    };
    expect(answer).toMatchObject({ created: 1, invalid: 1 });
    expect(answer.outcomes[0]).toMatchObject({ line: 4, status: "created", task_id: expect.any(String) });
    expect(answer.outcomes[1]).toMatchObject({ line: 9, status: "invalid", reason: expect.stringMatching(/^prompt_id: /) });

    const tooMany = { records: Array.from({ length: 201 }, (_, i) => ({ line: i + 1, raw: "{}" })) };
    const refused = await call(postComparisonBatch, project, tooMany);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unprocessable");
    expect((await call(postComparisonBatch, { ...project, slug: "no-such-project-here" }, body)).status).toBe(404);
  });
});

describe("asking for demonstrations", () => {
  it("creates tasks for chosen prompts, or for the newest prompts without one", async () => {
    const project = await projectWith();
    const admin = await makeUser("admin");
    const prompts = [];
    for (let i = 0; i < 4; i++) prompts.push(await makePrompt(project));

    const chosen = await requestDemonstrations(project, { prompt_ids: [prompts[0]!, prompts[0]!], labels: 2 }, admin.id);
    expect(chosen).toHaveLength(1);
    expect(await db.task.findUniqueOrThrow({ where: { id: chosen[0]!.id } })).toMatchObject({
      kind: "demonstration",
      labelsNeeded: 2,
      promptId: prompts[0],
    });

    // The newest two without a demonstration task: prompts 3 and 2 (prompt 0 already has one).
    const newest = await requestDemonstrations(project, { newest: 2, labels: 1 }, admin.id);
    expect(newest.map((task) => task.promptId).sort()).toEqual([prompts[3]!, prompts[2]!].sort());
    const rest = await requestDemonstrations(project, { newest: 10, labels: 1 }, admin.id);
    expect(rest.map((task) => task.promptId)).toEqual([prompts[1]]);
    expect(await requestDemonstrations(project, { newest: 10, labels: 1 }, admin.id)).toEqual([]);

    await expect(requestDemonstrations(project, { prompt_ids: ["missing-prompt"], labels: 1 }, admin.id)).rejects.toBeInstanceOf(AppError);
  });

  it("validates the request at the route", async () => {
    const project = await projectWith();
    const promptId = await makePrompt(project);
    await asAdmin();
    const both = await call(postDemonstrations, project, { prompt_ids: [promptId], newest: 3, labels: 1 });
    expect(both.status).toBe(422);
    expect((await call(postDemonstrations, project, { prompt_ids: [promptId], labels: 21 })).status).toBe(422);
    expect((await call(postDemonstrations, project, { prompt_ids: ["unknown"], labels: 1 })).status).toBe(422);
    const created = await call(postDemonstrations, project, { prompt_ids: [promptId], labels: "3" });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { created: number; tasks: Array<{ id: string; prompt_id: string }> };
    expect(body).toMatchObject({ created: 1, tasks: [{ prompt_id: promptId }] });
  });
});
