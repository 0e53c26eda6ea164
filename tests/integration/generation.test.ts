// Generators and generation jobs against the in-repo OpenAI-protocol server over real HTTP, on the
// real database. Every job of this file runs through workers the tests make (the process's own is
// stopped), one test at a time: workers take any job in the database.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openApiKey } from "@/lib/models/generators";
import { createGenerationJob, getGenerationJob } from "@/lib/models/jobs";
import type { ClientOptions } from "@/lib/models/openai-client";
import { createGeneratorSchema } from "@/lib/models/schema";
import { keyringFromEnv, sealedWith } from "@/lib/models/secret-box";
import { ensureGenerationWorker, GenerationWorker, type WorkerOptions } from "@/lib/models/worker";
import { renderTranscript } from "@/lib/prompts/conversation";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { makeApiKey, makeProject, makePrompt } from "../support/factory";
import { type OpenAiServer, type OpenAiServerOptions, startOpenAiServer } from "../support/openai-server";
import { runCli } from "../support/run-cli";
import { unique } from "../support/unique";

const KEY_A = randomBytes(32).toString("base64");
const KEY_B = randomBytes(32).toString("base64");
process.env.RANKLAB_SECRET_KEY = KEY_A;
delete process.env.RANKLAB_SECRET_KEY_PREVIOUS;

const { GET: listGeneratorsRoute, POST: createGeneratorRoute } = await import("@/app/api/v1/projects/[slug]/generators/route");
const generatorRoute = await import("@/app/api/v1/projects/[slug]/generators/[name]/route");
const { POST: createJobRoute } = await import("@/app/api/v1/projects/[slug]/generations/route");
const { GET: getJobRoute } = await import("@/app/api/v1/projects/[slug]/generations/[id]/route");
const { POST: cancelJobRoute } = await import("@/app/api/v1/projects/[slug]/generations/[id]/cancel/route");

type Project = Awaited<ReturnType<typeof makeProject>>;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const FAST_CLIENT: ClientOptions = { timeoutMs: 2000, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 1500 } };
const servers: OpenAiServer[] = [];
const workers: GenerationWorker[] = [];
let apiKey: string;

async function server(options: OpenAiServerOptions = {}) {
  const started = await startOpenAiServer(options);
  servers.push(started);
  return started;
}

function worker(options: Partial<WorkerOptions> = {}) {
  const made = new GenerationWorker({ leaseMs: 5000, renewMs: 100, pollMs: 50, slots: 8, client: FAST_CLIENT, ...options });
  workers.push(made);
  return made;
}

async function call(handler: Handler, method: string, path: string, params: Record<string, string>, body?: unknown) {
  const response = await handler(
    new Request(`http://localhost${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : null };
}

async function addGenerator(project: Project, input: Record<string, unknown>) {
  const body = { api: "chat", model: "test-model", ...input };
  const response = await call(createGeneratorRoute, "POST", `/api/v1/projects/${project.slug}/generators`, { slug: project.slug }, body);
  expect(response.status, response.text).toBe(201);
  return db.generator.findFirstOrThrow({ where: { projectId: project.id, name: String(input.name) } });
}

async function prompts(project: Project, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await makePrompt(project));
  return ids;
}

async function tasksOf(jobId: string) {
  const links = await db.generationTaskLink.findMany({ where: { jobId } });
  const tasks = await db.task.findMany({
    where: { id: { in: links.map((link) => link.taskId) } },
    include: { outputs: { orderBy: { position: "asc" } } },
  });
  return { links, tasks };
}

beforeAll(async () => {
  // The process's own worker would take these tests' jobs with its default (slow) settings.
  await ensureGenerationWorker().stop();
  apiKey = (await makeApiKey(["models:write"])).key;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((made) => made.stop()));
  await Promise.all(servers.splice(0).map((started) => started.close()));
});

afterAll(async () => {
  process.env.RANKLAB_SECRET_KEY = KEY_A;
});

describe("generators API", () => {
  it("creates, lists, changes and deletes generators; the key is stored sealed and never answered", async () => {
    const project = await makeProject();
    const secret = `sk-${unique("secret")}`;
    const slug = project.slug;
    const created = await call(
      createGeneratorRoute,
      "POST",
      `/api/v1/projects/${slug}/generators`,
      { slug },
      {
        name: "gen-a",
        base_url: "http://127.0.0.1:9/v1/",
        model: "m",
        api: "chat",
        api_key: secret,
        params: { temperature: 0.7, top_p: 0.9, max_tokens: 64, stop: ["\n\n"] },
        concurrency: 3,
        requests_per_minute: 120,
      },
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "gen-a",
      base_url: "http://127.0.0.1:9/v1",
      api_key_set: true,
      concurrency: 3,
      supports_n: null,
    });
    expect(created.text).not.toContain(secret);

    const [raw] = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Generator" WHERE "projectId" = ${project.id}`;
    expect(JSON.stringify(raw)).not.toContain(secret);
    expect(String(raw!.apiKeyCiphertext)).toMatch(/^v1\./);
    const audit = await db.auditLog.findMany({ where: { action: { startsWith: "generator." }, targetId: String(raw!.id) } });
    expect(JSON.stringify(audit, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(secret);

    const duplicate = await call(
      createGeneratorRoute,
      "POST",
      `/api/v1/projects/${slug}/generators`,
      { slug },
      { name: "gen-a", base_url: "http://x/v1", model: "m", api: "chat" },
    );
    expect(duplicate.status).toBe(409);
    for (const base_url of ["ftp://x/v1", "file:///etc/passwd", "http://user:pw@x/v1"]) {
      const bad = await call(
        createGeneratorRoute,
        "POST",
        `/api/v1/projects/${slug}/generators`,
        { slug },
        { name: "gen-b", base_url, model: "m", api: "chat" },
      );
      expect(bad.status, base_url).toBe(422);
      expect(bad.json.error.code).toBe("unprocessable");
    }

    const listed = await call(listGeneratorsRoute, "GET", `/api/v1/projects/${slug}/generators`, { slug });
    expect(listed.json.generators).toHaveLength(1);
    const one = await call(generatorRoute.GET, "GET", `/api/v1/projects/${slug}/generators/gen-a`, { slug, name: "gen-a" });
    const patched = await call(
      generatorRoute.PATCH,
      "PATCH",
      `/api/v1/projects/${slug}/generators/gen-a`,
      { slug, name: "gen-a" },
      {
        name: "gen-renamed",
        params: { temperature: 0 },
        concurrency: null,
      },
    );
    expect(patched.json).toMatchObject({
      name: "gen-renamed",
      api_key_set: true,
      concurrency: null,
      params: { temperature: 0, top_p: 0.9, max_tokens: 64 },
    });
    for (const response of [listed, one, patched]) expect(response.text).not.toContain(secret);

    const cleared = await call(
      generatorRoute.PATCH,
      "PATCH",
      `/api/v1/projects/${slug}/generators/gen-renamed`,
      { slug, name: "gen-renamed" },
      { api_key: null },
    );
    expect(cleared.json.api_key_set).toBe(false);
    const deleted = await call(generatorRoute.DELETE, "DELETE", `/api/v1/projects/${slug}/generators/gen-renamed`, {
      slug,
      name: "gen-renamed",
    });
    expect(deleted.status).toBe(204);
    expect(
      (await call(generatorRoute.GET, "GET", `/api/v1/projects/${slug}/generators/gen-renamed`, { slug, name: "gen-renamed" })).status,
    ).toBe(404);
  });

  it("refuses to store a key when the server has no RANKLAB_SECRET_KEY (422, nothing stored)", async () => {
    const project = await makeProject();
    delete process.env.RANKLAB_SECRET_KEY;
    try {
      const response = await call(
        createGeneratorRoute,
        "POST",
        `/api/v1/projects/${project.slug}/generators`,
        { slug: project.slug },
        {
          name: "g",
          base_url: "http://x/v1",
          model: "m",
          api: "chat",
          api_key: "sk-1",
        },
      );
      expect(response.status).toBe(422);
      expect(await db.generator.count({ where: { projectId: project.id } })).toBe(0);
    } finally {
      process.env.RANKLAB_SECRET_KEY = KEY_A;
    }
  });

  it("re-encrypts keys under a new key with `cli secrets rotate`, and they still decrypt", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "honour" });
    const generator = await addGenerator(project, { name: "rotated", base_url: endpoint.baseUrl, api_key: "sk-rotate-me" });
    const before = generator.apiKeyCiphertext!;
    process.env.RANKLAB_SECRET_KEY = KEY_B;
    process.env.RANKLAB_SECRET_KEY_PREVIOUS = KEY_A;
    try {
      expect(openApiKey(generator)).toBe("sk-rotate-me");
      const cli = runCli(["secrets", "rotate"]);
      expect(cli.status, cli.stderr).toBe(0);
      expect(Number(cli.stdout.trim())).toBeGreaterThanOrEqual(1);
      expect(cli.stdout + cli.stderr).not.toContain("sk-rotate-me");
      const after = await db.generator.findUniqueOrThrow({ where: { id: generator.id } });
      expect(after.apiKeyCiphertext).not.toBe(before);
      expect(sealedWith(after.apiKeyCiphertext!)).toBe(keyringFromEnv().current.id);
      delete process.env.RANKLAB_SECRET_KEY_PREVIOUS;
      expect(openApiKey(after)).toBe("sk-rotate-me");

      // A job after rotation sends the key as it was given.
      await prompts(project, 1);
      const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "rotated", n: 4 }] }, {});
      await worker().drain();
      expect((await getGenerationJob(project, job.id)).status).toBe("done");
      expect(endpoint.requests.every((request) => request.authorization === "Bearer sk-rotate-me")).toBe(true);
    } finally {
      process.env.RANKLAB_SECRET_KEY = KEY_A;
      delete process.env.RANKLAB_SECRET_KEY_PREVIOUS;
    }
  });
});

describe("generation jobs", () => {
  it("generates end to end: one task per prompt with K outputs named after their generators, through the API", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "honour" });
    await addGenerator(project, { name: "chatty", base_url: endpoint.baseUrl, api: "chat", model: "chat-model", api_key: "sk-chat" });
    await addGenerator(project, { name: "plain", base_url: endpoint.baseUrl, api: "completions", model: "completion-model" });
    const ids = await prompts(project, 3);
    const slug = project.slug;

    const tooFew = await call(
      createJobRoute,
      "POST",
      `/api/v1/projects/${slug}/generations`,
      { slug },
      { prompts: {}, samples: [{ generator: "chatty", n: 3 }] },
    );
    expect(tooFew.status).toBe(422);
    const tooMany = await call(
      createJobRoute,
      "POST",
      `/api/v1/projects/${slug}/generations`,
      { slug },
      {
        prompts: {},
        samples: [
          { generator: "chatty", n: 5 },
          { generator: "plain", n: 5 },
        ],
      },
    );
    expect(tooMany.status).toBe(422);
    const unknown = await call(
      createJobRoute,
      "POST",
      `/api/v1/projects/${slug}/generations`,
      { slug },
      { prompts: {}, samples: [{ generator: "nope", n: 4 }] },
    );
    expect(unknown.status).toBe(422);

    const started = await call(
      createJobRoute,
      "POST",
      `/api/v1/projects/${slug}/generations`,
      { slug },
      {
        prompts: { without_tasks: true },
        samples: [
          { generator: "chatty", n: 3 },
          { generator: "plain", n: 2 },
        ],
      },
    );
    expect(started.status).toBe(202);
    const jobId = started.json.job_id as string;
    const queued = await call(getJobRoute, "GET", `/api/v1/projects/${slug}/generations/${jobId}`, { slug, id: jobId });
    expect(queued.json).toMatchObject({ status: "queued", total: 3, done: 0, failed: 0, errors: [] });

    await worker().drain();
    const finished = await call(getJobRoute, "GET", `/api/v1/projects/${slug}/generations/${jobId}`, { slug, id: jobId });
    expect(finished.json).toMatchObject({ status: "done", total: 3, done: 3, failed: 0, errors: [] });
    expect(finished.text).not.toContain("sk-chat");

    const { links, tasks } = await tasksOf(jobId);
    expect(links.map((link) => link.promptId).sort()).toEqual([...ids].sort());
    for (const task of tasks) {
      expect(task.kind).toBe("ranking");
      expect(task.outputs.map((output) => output.model)).toEqual(["chatty", "chatty", "chatty", "plain", "plain"]);
      expect(new Set(task.outputs.map((output) => output.text)).size).toBe(5);
    }
    // n honoured: one request per generator and prompt; the chat key only on the chat generator's requests.
    expect(endpoint.requests).toHaveLength(6);
    expect(
      endpoint.requests.filter((r) => r.path === "/v1/chat/completions").every((r) => r.authorization === "Bearer sk-chat" && r.n === 3),
    ).toBe(true);
    expect(endpoint.requests.filter((r) => r.path === "/v1/completions").every((r) => r.authorization === null && r.n === 2)).toBe(true);
    expect((await db.generator.findMany({ where: { projectId: project.id } })).every((generator) => generator.supportsN === true)).toBe(
      true,
    );

    // Prompts that have a task are left out of a without_tasks job.
    const again = await call(
      createJobRoute,
      "POST",
      `/api/v1/projects/${slug}/generations`,
      { slug },
      {
        prompts: { without_tasks: true },
        samples: [{ generator: "chatty", n: 4 }],
      },
    );
    expect(again.status).toBe(422);
  });

  it("asks one at a time where the server ignores n, and remembers it", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "ignore" });
    const generator = await addGenerator(project, { name: "no-n", base_url: endpoint.baseUrl });
    await prompts(project, 2);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "no-n", n: 4 }] }, {});
    await worker({ slots: 1 }).drain();
    expect((await getGenerationJob(project, job.id)).done).toBe(2);
    // The first request asks for 4 and gets 1 (then 3 singles); the second prompt asks singly from the start.
    expect(endpoint.requests.map((request) => request.n)).toEqual([4, 1, 1, 1, 1, 1, 1, 1]);
    expect((await db.generator.findUniqueOrThrow({ where: { id: generator.id } })).supportsN).toBe(false);
    const { tasks } = await tasksOf(job.id);
    for (const task of tasks) expect(new Set(task.outputs.map((output) => output.text)).size).toBe(4);
  });

  it("falls back to single requests where the server refuses n", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "refuse" });
    await addGenerator(project, { name: "refuses-n", base_url: endpoint.baseUrl });
    await prompts(project, 1);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "refuses-n", n: 4 }] }, {});
    await worker().drain();
    expect((await getGenerationJob(project, job.id)).status).toBe("done");
    expect(endpoint.requests.map((request) => request.n)).toEqual([4, 1, 1, 1, 1]);
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    const project = await makeProject();
    const endpoint = await server({
      fault: (request) => (request.count === 1 ? { kind: "status", status: 429, retryAfterSeconds: 1 } : undefined),
    });
    await addGenerator(project, { name: "limited", base_url: endpoint.baseUrl });
    await prompts(project, 1);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "limited", n: 4 }] }, {});
    await worker().drain();
    expect((await getGenerationJob(project, job.id)).status).toBe("done");
    expect(endpoint.requests).toHaveLength(2);
    expect(endpoint.requests[1]!.startedAt - endpoint.requests[0]!.startedAt).toBeGreaterThanOrEqual(950);
  });

  it("retries 500s and records the failure when they persist; other prompts still get their tasks", async () => {
    const project = await makeProject();
    const endpoint = await server({
      fault: (request) => (request.prompt.includes("doomed") ? { kind: "status", status: 500 } : undefined),
    });
    await addGenerator(project, { name: "flaky", base_url: endpoint.baseUrl, api_key: "sk-never-shown" });
    const [doomed] = [await makePrompt(project, `Tell me a doomed story ${unique()}`)];
    await prompts(project, 1);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "flaky", n: 4 }] }, {});
    await worker().drain();
    const state = await getGenerationJob(project, job.id);
    expect(state).toMatchObject({ status: "done", total: 2, done: 1, failed: 1 });
    expect(state.errors).toEqual([{ prompt_id: doomed, generator: "flaky", status: 500, message: expect.stringContaining("HTTP 500") }]);
    expect(JSON.stringify(state)).not.toContain("sk-never-shown");
    // maxAttempts = 3 for the doomed prompt, 1 for the other.
    expect(endpoint.requests.filter((request) => request.prompt.includes("doomed"))).toHaveLength(3);
    expect((await tasksOf(job.id)).tasks).toHaveLength(1);
  });

  it("gives up on an endpoint slower than the timeout (retried, then recorded); a job of only failures fails", async () => {
    const project = await makeProject();
    const endpoint = await server({ fault: () => ({ kind: "slow", delayMs: 3000 }) });
    await addGenerator(project, { name: "slow", base_url: endpoint.baseUrl });
    await prompts(project, 1);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "slow", n: 4 }] }, {});
    const started = Date.now();
    await worker({ client: { ...FAST_CLIENT, timeoutMs: 200, retry: { ...FAST_CLIENT.retry, maxAttempts: 2 } } }).drain();
    expect(Date.now() - started).toBeLessThan(2500);
    const state = await getGenerationJob(project, job.id);
    expect(state).toMatchObject({ status: "failed", failed: 1 });
    expect(state.errors[0]).toMatchObject({ generator: "slow", status: null, message: expect.stringContaining("No answer within 200 ms") });
    expect(endpoint.requests).toHaveLength(2);
  });

  it("records malformed answers after retrying them", async () => {
    const project = await makeProject();
    const endpoint = await server({ fault: () => ({ kind: "malformed" }) });
    await addGenerator(project, { name: "garbled", base_url: endpoint.baseUrl });
    await prompts(project, 1);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "garbled", n: 4 }] }, {});
    await worker().drain();
    expect((await getGenerationJob(project, job.id)).errors[0]).toMatchObject({ message: "The endpoint answered malformed JSON." });
    expect(endpoint.requests).toHaveLength(3);
  });

  it("never has more requests in flight to a generator than its concurrency", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "ignore", latencyMs: 40 });
    await addGenerator(project, { name: "narrow", base_url: endpoint.baseUrl, model: "narrow-model", concurrency: 2 });
    await addGenerator(project, { name: "wide", base_url: endpoint.baseUrl, model: "wide-model", concurrency: 5 });
    await prompts(project, 6);
    await createGenerationJob(
      project,
      {
        prompts: {},
        samples: [
          { generator: "narrow", n: 2 },
          { generator: "wide", n: 2 },
        ],
      },
      {},
    );
    await worker({ slots: 6 }).drain();
    expect(endpoint.maxInFlight("narrow-model")).toBe(2);
    expect(endpoint.maxInFlight("wide-model")).toBeLessThanOrEqual(5);
    expect(endpoint.maxInFlight("wide-model")).toBeGreaterThan(2);
  });

  it("holds requests_per_minute: a second's burst, then the rate", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "ignore" });
    // 300 a minute: 5 at once, then one every 200 ms.
    await addGenerator(project, { name: "paced", base_url: endpoint.baseUrl, requests_per_minute: 300, concurrency: 16 });
    await prompts(project, 3);
    // Measured from before the first token could be taken: a request that reaches the server late
    // (a busy machine) only makes the later ones look early against it, never against this.
    const began = Date.now();
    await createGenerationJob(project, { prompts: {}, samples: [{ generator: "paced", n: 4 }] }, {});
    await worker().drain();
    const starts = endpoint.requests.map((request) => request.startedAt).sort((a, b) => a - b);
    expect(starts.length).toBeGreaterThanOrEqual(12);
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - began, `request ${i}`).toBeGreaterThanOrEqual((i - 4) * 200 - 30);
  });

  it("two workers racing on one job make each prompt's task once", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "honour", latencyMs: 5 });
    await addGenerator(project, { name: "raced", base_url: endpoint.baseUrl, concurrency: 16 });
    const ids = await prompts(project, 24);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "raced", n: 4 }] }, {});
    const [a, b] = [worker({ slots: 4 }), worker({ slots: 4 })];
    await Promise.all([a.drain(), b.drain()]);
    const { links, tasks } = await tasksOf(job.id);
    expect(links).toHaveLength(24);
    expect(new Set(tasks.map((task) => task.promptId))).toEqual(new Set(ids));
    expect(await db.task.count({ where: { promptId: { in: ids } } })).toBe(24);
    // Each prompt was asked for once: no item ran twice.
    expect(endpoint.requests).toHaveLength(24);
    expect((await getGenerationJob(project, job.id)).status).toBe("done");
  });

  it("resumes after a worker dies: its leases expire, another worker finishes without duplicates", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "honour", latencyMs: 400 });
    await addGenerator(project, { name: "resumed", base_url: endpoint.baseUrl, concurrency: 16 });
    const ids = await prompts(project, 4);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "resumed", n: 4 }] }, {});
    const doomed = worker({ leaseMs: 600, slots: 2 }).start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // A crash: the items stay claimed (status running, lease held) until the lease runs out.
    await doomed.stop({ release: false });
    const held = await db.generationItem.findMany({ where: { jobId: job.id, status: "running" } });
    expect(held.length).toBe(2);

    const heir = worker({ leaseMs: 600 });
    await heir.drain();
    // drain() leaves items whose lease is still live: wait for them and drain again.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await heir.drain();
    const items = await db.generationItem.findMany({ where: { jobId: job.id } });
    expect(items.every((item) => item.status === "done")).toBe(true);
    expect(items.filter((item) => item.attempts === 2)).toHaveLength(2);
    expect(await db.task.count({ where: { promptId: { in: ids } } })).toBe(4);
    expect((await getGenerationJob(project, job.id)).status).toBe("done");
  });

  it("refuses a second task for a prompt of a job, whoever tries (the link's key rolls the task back)", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "honour" });
    await addGenerator(project, { name: "once", base_url: endpoint.baseUrl });
    const [promptId] = await prompts(project, 1);
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "once", n: 4 }] }, {});
    await worker().drain();
    const { createComparisonTask } = await import("@/lib/labeling/tasks");
    const outputs = Array.from({ length: 4 }, (_, i) => ({ model: "once", text: `late output ${i}` }));
    await expect(
      createComparisonTask(project, { prompt_id: promptId!, outputs }, async (tx, task) => {
        await tx.generationTaskLink.create({ data: { jobId: job.id, promptId: promptId!, taskId: task.id } });
      }),
    ).rejects.toThrow();
    expect(await db.task.count({ where: { promptId } })).toBe(1);
  });

  it("cancel stops the work: no new requests or tasks after it", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "honour", latencyMs: 150 });
    await addGenerator(project, { name: "cancelled", base_url: endpoint.baseUrl, concurrency: 1 });
    await prompts(project, 10);
    const slug = project.slug;
    const job = await createGenerationJob(project, { prompts: {}, samples: [{ generator: "cancelled", n: 4 }] }, {});
    worker({ slots: 2 }).start();
    for (let i = 0; i < 100 && (await db.generationTaskLink.count({ where: { jobId: job.id } })) < 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const cancelled = await call(cancelJobRoute, "POST", `/api/v1/projects/${slug}/generations/${job.id}/cancel`, { slug, id: job.id });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe("cancelled");
    const tasksAtCancel = await db.generationTaskLink.count({ where: { jobId: job.id } });
    const requestsAtCancel = endpoint.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await db.generationTaskLink.count({ where: { jobId: job.id } })).toBe(tasksAtCancel);
    // At most the request already in flight finishes.
    expect(endpoint.requests.length).toBeLessThanOrEqual(requestsAtCancel + 1);
    const state = await getGenerationJob(project, job.id);
    expect(state).toMatchObject({ status: "cancelled", done: tasksAtCancel, cancelled: 10 - tasksAtCancel });
    const again = await call(cancelJobRoute, "POST", `/api/v1/projects/${slug}/generations/${job.id}/cancel`, { slug, id: job.id });
    expect(again.status).toBe(200);
  });

  it("validates the job's prompts: unknown ids are a 422, as is a selection with no prompt", async () => {
    const project = await makeProject();
    const endpoint = await server();
    await addGenerator(project, { name: "v", base_url: endpoint.baseUrl });
    const slug = project.slug;
    const samples = [{ generator: "v", n: 4 }];
    expect(
      (await call(createJobRoute, "POST", `/api/v1/projects/${slug}/generations`, { slug }, { prompts: { ids: ["nope"] }, samples }))
        .status,
    ).toBe(422);
    expect((await call(createJobRoute, "POST", `/api/v1/projects/${slug}/generations`, { slug }, { prompts: {}, samples })).status).toBe(
      422,
    );
    expect((await call(getJobRoute, "GET", `/api/v1/projects/${slug}/generations/nope`, { slug, id: "nope" })).status).toBe(404);
    expect(createGeneratorSchema.safeParse({ name: "x", base_url: endpoint.baseUrl, model: "m", api: "chat" }).success).toBe(true);
  });
});

describe("generation for conversation prompts", () => {
  it("sends chat generators the messages and completions generators the transcript; the task hangs off the conversation", async () => {
    const project = await makeProject();
    const endpoint = await server({ n: "honour" });
    await addGenerator(project, { name: "chatty", base_url: endpoint.baseUrl, api: "chat", model: "chat-model" });
    await addGenerator(project, { name: "plain", base_url: endpoint.baseUrl, api: "completions", model: "completion-model" });
    const messages = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: `Name a colour ${unique()}.` },
      { role: "assistant" as const, content: "Blue." },
      { role: "user" as const, content: "Another?" },
    ];
    const [outcome] = await ingestPrompts({ project, source: "api", prompts: [{ messages, user_id: "u" }] });
    const job = await createGenerationJob(
      project,
      {
        prompts: { ids: [outcome!.id!] },
        samples: [
          { generator: "chatty", n: 2 },
          { generator: "plain", n: 2 },
        ],
      },
      {},
    );
    await worker().drain();
    expect((await getGenerationJob(project, job.id)).status).toBe("done");
    const chat = endpoint.requests.filter((request) => request.path.endsWith("/chat/completions"));
    const completions = endpoint.requests.filter((request) => !request.path.endsWith("/chat/completions"));
    expect(chat.length).toBeGreaterThan(0);
    for (const request of chat) expect(request.body.messages).toEqual(messages);
    expect(completions.length).toBeGreaterThan(0);
    for (const request of completions) expect(request.body.prompt).toBe(`${renderTranscript(messages)}\n\nAssistant:`);
    const { tasks } = await tasksOf(job.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.promptId).toBe(outcome!.id);
    expect(tasks[0]!.outputs.map((output) => output.model).sort()).toEqual(["chatty", "chatty", "plain", "plain"]);
  });
});
