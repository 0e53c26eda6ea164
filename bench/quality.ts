// npm run bench:quality [-- --rankings 100000 --requests 10]
// (run with the react-server condition, as the script does: lib/quality/load.ts is server-only)
// Seeds a project with 100k rankings (40k tasks of K = 4–9 outputs from 6 models, 2–3 labelers of
// 200 each, ranks that mostly follow the models' order) straight into the database, then times
// GET /quality and GET /models over HTTP (cold, then p50/p99 of repeated calls), beside a trivial
// authenticated route (GET /api/v1/projects/{slug}) in the same run. Target: both reports < 1 s.
// Then a new ranking is written and both are asked again, three times: what an admin watching the
// reports sees while labelers work (the app reads only what was written since). It also times the
// loads and the figures alone on the same rankings, in this process, to show where the time goes,
// and samples the app's resident memory (RSS) while it answers.
import { readdirSync, readFileSync } from "node:fs";
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

/** Resident memory of a process and its descendants, in MB. */
function rssMb(pid: number): number {
  let kb = 0;
  const visit = (id: number) => {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${id}/task`)) {
        for (const child of readFileSync(`/proc/${id}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) visit(Number(child));
      }
    } catch {
      // The process is gone.
    }
  };
  visit(pid);
  return kb / 1024;
}

async function timeOnce(url: string, key: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: body.length };
}

async function timeRequests(
  url: string,
  key: string,
  afterCold = () => {},
): Promise<{ cold: number; p50: number; p99: number; bytes: number }> {
  const once = () => timeOnce(url, key);
  const cold = await once();
  afterCold();
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
  const rssBefore = rssMb(server.process.pid!);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(server.process.pid!));
  }, 25);
  // CPU time of the cold requests (app process with its threads, and PostgreSQL): the work itself,
  // which other load on the machine does not inflate as it does the wall time.
  const cpuOfCold = () => {
    const before = env.cpuSeconds();
    const spent = { app: 0, db: 0 };
    return {
      spent,
      done: () => {
        const after = env.cpuSeconds();
        spent.app = (after.app - before.app) * 1000;
        spent.db = ((after.db ?? 0) - (before.db ?? 0)) * 1000;
      },
    };
  };
  const qualityCpu = cpuOfCold();
  const quality = await timeRequests(`${base}/quality`, key, qualityCpu.done);
  const modelsCpu = cpuOfCold();
  const models = await timeRequests(`${base}/models`, key, modelsCpu.done);
  // A new ranking (of task i, by a fourth labeler) changes the data: the next call computes again.
  const addRanking = (i: number) => {
    const k = 4 + (i % 6);
    const labeler = `qb-u${(i * 7 + 3 * 67) % LABELERS}`;
    return db.$transaction([
      db.$executeRaw`INSERT INTO "Assignment" ("id", "taskId", "labelerId", "projectId", "status", "displayOrder", "leaseExpiresAt")
                     VALUES (${`qb-a${i}-3`}, ${`qb-t${i}`}, ${labeler}, ${project.id}, 'submitted', '{}', now())`,
      db.$executeRaw`INSERT INTO "Submission" ("id", "assignmentId", "taskId", "projectId", "labelerId", "kind", "promptFlags", "displayOrder",
                                               "instructionsVersion", "ranks", "likerts", "flagMasks", "firstShown", "durationMs")
                     VALUES (${`qb-s${i}-3`}, ${`qb-a${i}-3`}, ${`qb-t${i}`}, ${project.id}, ${labeler}, 'ranking', '{}', '{}', 1,
                             ${Array.from({ length: k }, (_, j) => j % 3)}, ${Array.from({ length: k }, () => 4)}, ${Array.from({ length: k }, () => 0)}, 0, 40000)`,
    ]);
  };
  const recomputed = { quality: [] as number[], models: [] as number[] };
  for (let i = 1; i <= 3; i++) {
    await addRanking(i);
    recomputed.quality.push((await timeOnce(`${base}/quality`, key)).ms);
    recomputed.models.push((await timeOnce(`${base}/models`, key)).ms);
  }
  clearInterval(sampler);
  const rssAfter = rssMb(server.process.pid!);

  // The loads and the figures alone, in this process, on the rankings as the server loads them.
  const { LiveRankings, loadProjectRankings } = await import("../lib/quality/load");
  const { qualityFigures, modelFigures } = await import("../lib/quality/report");
  const { warmBootstrapHelper } = await import("../lib/quality/parallel");
  warmBootstrapHelper();
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, performance.now() - started];
  };
  const live = new LiveRankings(project.id, RANKINGS);
  const [data, loadMs] = await timed(() => live.update({ models: true }));
  const [, agreementMs] = await timed(() => qualityFigures(project, data));
  const [, modelsMs] = await timed(() => modelFigures(data, "model-0"));
  await addRanking(4);
  const [, updateMs] = await timed(() => live.update({ models: true }));
  // The same again, now that this process has run the code once (what the app's warm-up buys).
  const [, loadWarmMs] = await timed(() => loadProjectRankings(project.id, { fields: "report", expected: RANKINGS }));
  const [, agreementWarmMs] = await timed(() => qualityFigures(project, data));
  const [, modelsWarmMs] = await timed(() => modelFigures(data, "model-0"));

  const row = (name: string, t: { cold: number; p50: number; p99: number; bytes: number }) =>
    `| ${name} | ${t.cold.toFixed(0)} | ${t.p50.toFixed(0)} | ${t.p99.toFixed(0)} | ${(t.p50 / trivial.p50).toFixed(1)} | ${t.bytes.toLocaleString("en")} |`;
  console.log(
    `\n${data.rankings.size.toLocaleString("en")} rankings, ${REQUESTS} warm requests each (ms; ratio = p50 / trivial route p50)\n`,
  );
  console.log("| Request | cold | p50 | p99 | ratio | bytes |\n|---|---|---|---|---|---|");
  console.log(row("GET /projects/{slug} (trivial, baseline)", trivial));
  console.log(row("GET /quality", quality));
  console.log(row("GET /models", models));
  const cpu = ({ spent }: ReturnType<typeof cpuOfCold>) => `${spent.app.toFixed(0)} ms app, ${spent.db.toFixed(0)} ms PostgreSQL`;
  console.log(`\nCPU time of the cold requests: GET /quality ${cpu(qualityCpu)}; GET /models ${cpu(modelsCpu)}`);
  console.log(
    `In this process (cold JIT, as the app's first call): load ${loadMs.toFixed(0)} ms (one load serves both reports); quality figures ` +
      `(pairwise, τ-b, α, per labeler, gold, 1,000 resamples) ${agreementMs.toFixed(0)} ms; model figures (win rates + Bradley–Terry, ` +
      `1,000 resamples) ${modelsMs.toFixed(0)} ms; after one new ranking, the update reads it alone: ${updateMs.toFixed(0)} ms`,
  );
  console.log(
    `Second run in this process: full load ${loadWarmMs.toFixed(0)} ms, quality figures ${agreementWarmMs.toFixed(0)} ms, model figures ${modelsWarmMs.toFixed(0)} ms`,
  );
  console.log(
    `App RSS: ${rssBefore.toFixed(0)} MB before the reports, peak ${rssPeak.toFixed(0)} MB while computing them, ${rssAfter.toFixed(0)} MB after`,
  );
  const list = (times: number[]) => times.map((ms) => ms.toFixed(0)).join(", ");
  console.log(
    `Computed again after a new ranking (3 times each): GET /quality ${list(recomputed.quality)} ms; GET /models ${list(recomputed.models)} ms`,
  );
  // Warm answers come from the per-instance cache (the data did not change); the cold ones compute.
  const cold = Math.max(quality.cold, models.cold, ...recomputed.quality, ...recomputed.models);
  console.log(
    `\nTarget < 1,000 ms computed from scratch (cold, and again after each change): ${cold < 1000 ? "met" : "NOT met"} (worst ${cold.toFixed(0)} ms)`,
  );
  const { closeBulkPool } = await import("../lib/db-bulk");
  await closeBulkPool();
} finally {
  await env.close();
}
