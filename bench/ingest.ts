// npm run bench:ingest [-- --prompts 100000 --batch 1000 --concurrency 4 --instances 1 --idle-seconds 40]
// Sends prompts through POST /api/v1/projects/{slug}/prompts in batches and prints prompts/s and
// batch latency percentiles, beside the rate of plain multi-row INSERTs of the same rows into the
// same table in the same run, before and after the API run (the ceiling: no redaction, dedup,
// quota or HTTP); then how long the quota's contended path takes (50 parallel requests for one user),
// and the app's resident memory: as it first answers, as the ingest ends, and idle after each.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import pg from "pg";
import { percentile, runPool, startBenchEnv } from "./support";

const { values } = parseArgs({
  options: {
    prompts: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "4" },
    instances: { type: "string", default: "1" },
    // How long the app idles before each idle memory reading (0: no readings, for quick CPU figures).
    "idle-seconds": { type: "string", default: "40" },
  },
});
const total = Number(values.prompts);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
/** Prompts sent through each instance before anything is measured (see the warm-up below). */
const WARMUP_PROMPTS = 10_000;

const topics = [
  "a birthday party",
  "quarterly taxes",
  "a sourdough starter",
  "the French Revolution",
  "a job interview",
  "Rust lifetimes",
  "a marathon plan",
  "climate policy",
];
const asks = [
  "Write a short poem about",
  "Explain to a ten-year-old",
  "Give me five ideas for",
  "Summarise the main points of",
  "Draft an email about",
  "List pros and cons of",
];

/** Realistic, distinct prompts (~150–300 characters); one in ten carries personal data. */
function makePrompt(i: number) {
  const pii = i % 10 === 0 ? ` You can reach me at user${i}@example.com or +1 415 555 ${String(1000 + (i % 9000)).padStart(4, "0")}.` : "";
  const text = `Request ${i}: ${asks[i % asks.length]} ${topics[(i >> 3) % topics.length]}, keeping it under ${100 + (i % 400)} words and mentioning detail number ${i * 7919}.${pii} Please use a friendly tone.`;
  return { text, user_id: `bench-user-${i % 1000}` };
}

const env = await startBenchEnv(Number(values.instances));
/** Each app instance's resident memory now (VmRSS of its process, redaction threads included), in MB. */
const appRss = async () => {
  const fs = await import("node:fs");
  return env.servers.map(
    (server) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.process.pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
  );
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Idle figures: an instance warms its code and threads for a few seconds after it first answers,
// and collects once it has been idle for 5 s after a burst (lib/idle-memory.ts); an idle pool
// thread stops after 30 s.
const IDLE_SETTLE_MS = Number(values["idle-seconds"]) * 1000;
const rssAtStart = await appRss();
await sleep(IDLE_SETTLE_MS);
const rssIdleAfterStart = await appRss();
try {
  process.env.DATABASE_URL = env.databaseUrl;
  const { createProject } = await import("../lib/projects/mutations");
  const { createApiKey } = await import("../lib/api-keys/mutations");
  const project = await createProject({ slug: `bench-${Date.now()}`, name: "Ingest bench", description: "", instructions: "" }, null);
  const { key } = await createApiKey({ name: "bench", scopes: ["prompts:write"] }, null);
  const prompts = Array.from({ length: total }, (_, i) => makePrompt(i));
  const batches = Array.from({ length: Math.ceil(total / batchSize) }, (_, b) => prompts.slice(b * batchSize, (b + 1) * batchSize));

  // Warm up each instance (first request compiles routes and loads the word lists).
  for (const server of env.servers) {
    await fetch(`${server.url}/api/v1/projects/${project.slug}/prompts`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ prompts: [{ text: "warm-up prompt", user_id: "warm-up" }] }),
    });
  }

  /**
   * The ceiling: the same rows, as plain multi-row INSERTs with the same batch size and concurrency,
   * into a project of their own. Measured before and after the API run (on a smaller and on a
   * larger table), and the ratio taken against the mean of the two.
   */
  async function runCeiling() {
    await settleTables();
    const ceilingProject = await createProject(
      { slug: `bench-ceiling-${randomUUID()}`, name: "Ceiling", description: "", instructions: "" },
      null,
    );
    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: concurrency });
    // Statements are built before the clock starts, as the API run's request bodies are.
    const statements = batches.map((batch) => {
      const params: unknown[] = [];
      const rows = batch.map((prompt, i) => {
        params.push(randomUUID(), ceilingProject.id, prompt.text, prompt.user_id, "train", "api");
        const o = i * 6;
        return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}::"Split", $${o + 6}::"PromptSource")`;
      });
      return { text: `INSERT INTO "Prompt" ("id", "projectId", "text", "userRef", "split", "source") VALUES ${rows.join(", ")}`, params };
    });
    const dbCpuBefore = env.cpuSeconds().db;
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    await runPool(
      statements.map((statement) => async () => {
        await pool.query(statement.text, statement.params);
      }),
      concurrency,
    );
    const seconds = (performance.now() - started) / 1000;
    const clientCpu = cpuSecondsSince(clientBefore);
    // Read while the pool's backends still run: once it ends, a backend's CPU counts only after the
    // postmaster has reaped it, which was often after this read (28 instead of ~80 ms per 1k rows).
    const dbCpu = dbCpuBefore === null ? null : env.cpuSeconds().db! - dbCpuBefore;
    await pool.end();
    return { rate: total / seconds, seconds, clientCpu, dbCpu };
  }

  /**
   * Vacuums the tables a phase writes before the next phase starts, so that the autovacuum one
   * phase triggers (merging the trigram index's pending entries is the costly part) does not land
   * on the next phase's clock; then checkpoints, so that every phase starts just after a
   * checkpoint. (A phase writes about as much WAL as triggers one: without this, whichever phase
   * a checkpoint happened to start in paid for the full-page images that follow it.)
   */
  async function settleTables() {
    const client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
    await client.query(`VACUUM ANALYZE "Prompt", "PromptDedupKey", "EndUser"`);
    await client.query("CHECKPOINT").catch((error: Error) => console.warn(`  (no CHECKPOINT between phases: ${error.message})`));
    await client.end();
  }

  const ceilingBefore = await runCeiling();
  await settleTables();

  // Requests go through node:http with kept-alive connections, and their bodies are serialized
  // before the clock starts: the client shares the machine's cores with the server, so it should
  // cost as little as the plain-INSERT client does.
  const bodies = batches.map((batch) => JSON.stringify({ prompts: batch }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (url: string, body: string, through = agent) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(url, {
        method: "POST",
        agent: through,
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "accept-encoding": "gzip",
        },
      });
      request.on("error", reject);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        const stream = response.headers["content-encoding"] === "gzip" ? response.pipe(zlib.createGunzip()) : response;
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", reject);
        stream.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      });
      request.end(body);
    });
  // Steady state, not start-up, is what is measured: a server's redaction threads start on the
  // first big batch, and their code takes some 10,000 prompts to be compiled and tuned (the first
  // 10k cost about three times the later CPU per prompt). So WARMUP_PROMPTS go through every
  // instance first, into a project of their own, at the same concurrency.
  const warmupProject = await createProject(
    { slug: `bench-warmup-${randomUUID()}`, name: "Warm-up", description: "", instructions: "" },
    null,
  );
  const warmupBodies = Array.from({ length: Math.ceil(WARMUP_PROMPTS / batchSize) * env.servers.length }, (_, b) =>
    JSON.stringify({ prompts: Array.from({ length: batchSize }, (_, i) => makePrompt(total + b * batchSize + i)) }),
  );
  await runPool(
    warmupBodies.map((body, index) => async () => {
      const server = env.servers[index % env.servers.length]!;
      const response = await post(`${server.url}/api/v1/projects/${warmupProject.slug}/prompts`, body);
      if (response.status !== 200) throw new Error(`warm-up batch ${index} answered ${response.status}: ${response.body.slice(0, 200)}`);
    }),
    concurrency,
  );

  const latencies: number[] = [];
  const counts: Record<string, number> = {};
  let rssPeak = 0;
  const cpuBefore = env.cpuSeconds();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await runPool(
    bodies.map((body, index) => async () => {
      const server = env.servers[index % env.servers.length]!;
      const t0 = performance.now();
      const response = await post(`${server.url}/api/v1/projects/${project.slug}/prompts`, body);
      const answer = JSON.parse(response.body) as { results: { status: string }[] };
      latencies.push(performance.now() - t0);
      if (response.status !== 200) throw new Error(`batch ${index} answered ${response.status}: ${response.body.slice(0, 200)}`);
      for (const result of answer.results) counts[result.status] = (counts[result.status] ?? 0) + 1;
    }),
    concurrency,
  );
  const apiSeconds = (performance.now() - started) / 1000;
  const rssAfterIngest = await appRss();
  const apiClientCpu = cpuSecondsSince(clientBefore);
  const cpuAfter = env.cpuSeconds();
  for (const server of env.servers) {
    const status = await import("node:fs").then((fs) => fs.readFileSync(`/proc/${server.process.pid}/status`, "utf8"));
    rssPeak = Math.max(rssPeak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  }

  // The quota's slow path, which the run above never takes: 50 parallel one-prompt requests for
  // one end user at 195 of 200, five times. Exactly 5 are kept each time; most of the others are
  // decided twice, the second time with the user's row locked first.
  const raceAgent = new http.Agent({ keepAlive: true });
  const promptsUrl = `${env.servers[0]!.url}/api/v1/projects/${project.slug}/prompts`;
  const raceSeconds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const user = `race-user-${round}`;
    const seed = Array.from({ length: 195 }, (_, i) => ({ text: `Race ${round}, seed prompt ${i}`, user_id: user }));
    await post(promptsUrl, JSON.stringify({ prompts: seed }));
    const raceBodies = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ prompts: [{ text: `Race ${round}, parallel prompt ${i}`, user_id: user }] }),
    );
    const t0 = performance.now();
    const answers = await Promise.all(raceBodies.map((body) => post(promptsUrl, body, raceAgent)));
    raceSeconds.push((performance.now() - t0) / 1000);
    const kept = answers.filter(
      (answer) => (JSON.parse(answer.body) as { results: { status: string }[] }).results[0]?.status === "accepted",
    ).length;
    if (kept !== 5) throw new Error(`quota race round ${round} kept ${kept} prompts, not 5`);
  }
  raceAgent.destroy();
  agent.destroy();
  const ceilingAfter = await runCeiling();
  await sleep(IDLE_SETTLE_MS);
  const rssIdleAfterIngest = await appRss();

  const sorted = [...latencies].sort((a, b) => a - b);
  const apiRate = total / apiSeconds;
  const ceilingRate = (ceilingBefore.rate + ceilingAfter.rate) / 2;
  console.log(`\nIngest bench: ${total} prompts, batches of ${batchSize}, ${concurrency} in flight, ${env.servers.length} app instance(s)`);
  console.log(`  outcomes: ${JSON.stringify(counts)}`);
  console.log(`  API pipeline:      ${apiRate.toFixed(0).padStart(7)} prompts/s  (${apiSeconds.toFixed(1)} s)`);
  console.log(
    `  batch latency:     p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
  );
  console.log(`  app peak RSS:      ${rssPeak.toFixed(0)} MB`);
  const mb = (list: number[]) => list.map((x) => `${x.toFixed(0)} MB`).join(", ");
  console.log(`  app RSS:           ${mb(rssAtStart)} as it first answers, ${mb(rssAfterIngest)} as the ingest ends`);
  console.log(
    `  app RSS idle:      ${mb(rssIdleAfterStart)} after start, ${mb(rssIdleAfterIngest)} after the ingest (${IDLE_SETTLE_MS / 1000} s idle each; target < 300 MB)`,
  );
  // Where the time goes, in CPU milliseconds per 1,000 prompts (the machine's cores are shared).
  const perThousand = (seconds: number) => `${((seconds * 1000 * 1000) / total).toFixed(0)} ms`;
  const dbCpu = cpuAfter.db === null ? "n/a" : perThousand(cpuAfter.db - cpuBefore.db!);
  console.log(
    `  CPU per 1k prompts: app ${perThousand(cpuAfter.app - cpuBefore.app)}, database ${dbCpu}, this bench's client ${perThousand(apiClientCpu)}`,
  );
  for (const [when, ceiling] of [
    ["before", ceilingBefore],
    ["after", ceilingAfter],
  ] as const) {
    const cpu = `${ceiling.dbCpu === null ? "" : `, database CPU ${perThousand(ceiling.dbCpu)}`}, client CPU ${perThousand(ceiling.clientCpu)} per 1k rows`;
    console.log(`  plain INSERT ${when.padEnd(6)}: ${ceiling.rate.toFixed(0).padStart(7)} rows/s (${ceiling.seconds.toFixed(1)} s${cpu})`);
  }
  console.log(`  ceiling (mean):    ${ceilingRate.toFixed(0).padStart(7)} rows/s`);
  console.log(`  ratio:             ${(apiRate / ceilingRate).toFixed(2)} of the ceiling`);
  const raceSorted = [...raceSeconds].sort((a, b) => a - b);
  console.log(
    `  quota race:        50 parallel requests for one user at 195 of 200, 5 rounds: median ${raceSorted[2]!.toFixed(2)} s, max ${raceSorted[4]!.toFixed(2)} s`,
  );
} finally {
  await env.close();
}

function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1e6;
}
process.exit(0);
