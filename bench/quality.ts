// npm run bench:quality [-- --rankings 100000 --requests 10]
// (run with the react-server condition, as the script does: lib/quality/load.ts is server-only)
// Seeds a project with 100k rankings (40k tasks of K = 4–9 outputs from 6 models, 2–3 labelers of
// 200 each, ranks that mostly follow the models' order) straight into the database, then times
// GET /quality and GET /models over HTTP (cold, then p50/p99 of repeated calls), beside a trivial
// authenticated route (GET /api/v1/projects/{slug}) in the same run. Target: both reports < 1 s.
// It also times the pure figures alone on the same rankings, to show where the time goes.
import { parseArgs } from "node:util";
import pg from "pg";
import { seedRankings } from "./quality-seed";
import { percentile, startBenchEnv } from "./support";

const { values } = parseArgs({ options: { rankings: { type: "string", default: "100000" }, requests: { type: "string", default: "10" } } });
const RANKINGS = Number(values.rankings);
const REQUESTS = Number(values.requests);
// 2 or 3 rankings per task: half the tasks get three, so tasks = rankings / 2.5.
const TASKS = Math.round(RANKINGS / 2.5);
const LABELERS = 200;

async function timeRequests(url: string, key: string): Promise<{ cold: number; p50: number; p99: number; bytes: number }> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
    return { ms: performance.now() - started, bytes: body.length };
  };
  const cold = await once();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push((await once()).ms);
  times.sort((a, b) => a - b);
  return { cold: cold.ms, p50: percentile(times, 50), p99: percentile(times, 99), bytes: cold.bytes };
}

const env = await startBenchEnv(1);
try {
  const { createProject } = await import("../lib/projects/mutations");
  const { createApiKey } = await import("../lib/api-keys/mutations");
  const { db } = await import("../lib/db");
  const project = await createProject(
    { slug: `quality-bench-${Date.now()}`, name: "Quality bench", description: "", instructions: "" },
    null,
  );
  await db.project.update({ where: { id: project.id }, data: { baselineModel: "model-0" } });
  const { key } = await createApiKey({ name: "quality bench", scopes: ["quality:read"] }, null);
  const client = new pg.Client({ connectionString: env.databaseUrl });
  client.on("error", () => {}); // the database stops at the end; a failure below is reported by its own throw
  await client.connect();
  const seedStart = performance.now();
  await seedRankings(client, project.id, TASKS, LABELERS);
  await client.query("VACUUM ANALYZE");
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Submission" WHERE "projectId" = $1`, [project.id]);
  console.log(
    `Seeded ${rows[0].n.toLocaleString("en")} rankings on ${TASKS.toLocaleString("en")} tasks in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  await client.end();

  const server = env.servers[0]!;
  const base = `${server.url}/api/v1/projects/${project.slug}`;
  const trivial = await timeRequests(base, key);
  const quality = await timeRequests(`${base}/quality`, key);
  const models = await timeRequests(`${base}/models`, key);

  // The pure figures alone, in this process, on the rankings as the server loads them.
  const { loadProjectRankings } = await import("../lib/quality/load");
  const { agreementReport } = await import("../lib/quality/agreement");
  const { modelReport } = await import("../lib/quality/models");
  let started = performance.now();
  const data = await loadProjectRankings(project.id);
  const loadMs = performance.now() - started;
  started = performance.now();
  agreementReport(data.records);
  const agreementMs = performance.now() - started;
  started = performance.now();
  modelReport(data.records, data.modelsByTask, { baseline: data.models.indexOf("model-0") });
  const modelsMs = performance.now() - started;

  const row = (name: string, t: { cold: number; p50: number; p99: number; bytes: number }) =>
    `| ${name} | ${t.cold.toFixed(0)} | ${t.p50.toFixed(0)} | ${t.p99.toFixed(0)} | ${(t.p50 / trivial.p50).toFixed(1)} | ${t.bytes.toLocaleString("en")} |`;
  console.log(
    `\n${data.records.length.toLocaleString("en")} rankings, ${REQUESTS} warm requests each (ms; ratio = p50 / trivial route p50)\n`,
  );
  console.log("| Request | cold | p50 | p99 | ratio | bytes |\n|---|---|---|---|---|---|");
  console.log(row("GET /projects/{slug} (trivial, baseline)", trivial));
  console.log(row("GET /quality", quality));
  console.log(row("GET /models", models));
  console.log(
    `\nIn process: load ${loadMs.toFixed(0)} ms, agreement figures (pairwise, τ-b, α, per labeler, 1,000 resamples) ${agreementMs.toFixed(0)} ms, ` +
      `win rates + Bradley–Terry (1,000 resamples) ${modelsMs.toFixed(0)} ms`,
  );
  // Warm answers come from the per-instance cache (the data did not change); the cold ones compute.
  const cold = Math.max(quality.cold, models.cold);
  console.log(`\nTarget < 1,000 ms computed from scratch (cold): ${cold < 1000 ? "met" : "NOT met"} (worst cold ${cold.toFixed(0)} ms)`);
  const { closeBulkPool } = await import("../lib/db-bulk");
  await closeBulkPool();
} finally {
  await env.close();
}
