// npm run bench:labeling [-- --labelers 100 --tasks 1000 --labels 2 --instances 1]
// Simulates labelers leasing, submitting and skipping through the HTTP API and prints tasks/s
// and latency percentiles of `next` and `submit`, beside a trivial authenticated route's rate in
// the same run; then checks the queue's invariants against the database.
import { parseArgs } from "node:util";
import { percentile, runPool, startBenchEnv } from "./support";

const { values } = parseArgs({
  options: {
    labelers: { type: "string", default: "100" },
    tasks: { type: "string", default: "1000" },
    labels: { type: "string", default: "2" },
    instances: { type: "string", default: "1" },
  },
});
const labelerCount = Number(values.labelers);
const taskCount = Number(values.tasks);
const labelsPerTask = Number(values.labels);
const PASSWORD = "bench-labeler-password";

type Session = { cookie: string; base: string };

async function signIn(base: string, email: string): Promise<Session> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return { cookie: session.split(";")[0]!, base };
}

function randomRanking(ids: string[]): string[][] {
  const shuffled = [...ids].sort(() => Math.random() - 0.5);
  const groups: string[][] = [];
  for (const id of shuffled) {
    // About one output in four ties with the one before, as the paper encourages.
    if (groups.length && Math.random() < 0.25) groups.at(-1)!.push(id);
    else groups.push([id]);
  }
  return groups;
}

const env = await startBenchEnv(Number(values.instances));
try {
  const { createUser } = await import("../lib/users/mutations");
  const { createProject } = await import("../lib/projects/mutations");
  const { ingestPrompts } = await import("../lib/prompts/ingest");
  const { createComparisonTask } = await import("../lib/labeling/tasks");
  const { db } = await import("../lib/db");

  const created = await createProject(
    { slug: `labeling-bench-${Date.now()}`, name: "Labeling bench", description: "", instructions: "Rank." },
    null,
  );
  const project = await db.project.update({ where: { id: created.id }, data: { labelsPerTask } });
  const outcomes = await ingestPrompts({
    project,
    source: "api",
    prompts: Array.from({ length: taskCount }, (_, i) => ({
      text: `Bench prompt ${i}: describe task number ${i * 31} in detail`,
      user_id: `u${i % 500}`,
    })),
  });
  for (const [i, outcome] of outcomes.entries()) {
    const k = 4 + (i % 6);
    await createComparisonTask(project, {
      prompt_id: outcome.id!,
      outputs: Array.from({ length: k }, (_, j) => ({ model: `m${j}`, text: `Output ${j} for prompt ${i}. `.repeat(20) })),
    });
  }
  const emails = Array.from({ length: labelerCount }, (_, i) => `bench-labeler-${Date.now()}-${i}@example.com`);
  for (const email of emails) await createUser({ email, password: PASSWORD, role: "labeler" });
  const sessions = await runPool(
    emails.map((email, i) => () => signIn(env.servers[i % env.servers.length]!.url, email)),
    10,
  );

  // Baseline: a trivial authenticated route (the session endpoint: one user read) at the same concurrency.
  const baselineRequests = 3000;
  const baselineStart = performance.now();
  await runPool(
    Array.from({ length: baselineRequests }, (_, i) => async () => {
      const session = sessions[i % sessions.length]!;
      const response = await fetch(`${session.base}/api/auth/session`, { headers: { cookie: session.cookie } });
      await response.arrayBuffer();
    }),
    labelerCount,
  );
  const baselineRate = baselineRequests / ((performance.now() - baselineStart) / 1000);

  const nextLatency: number[] = [];
  const submitLatency: number[] = [];
  let submitted = 0;
  let skipped = 0;
  let conflicts = 0;
  const violations: string[] = [];
  const started = performance.now();
  await Promise.all(
    sessions.map(async (session, index) => {
      const finished = new Set<string>();
      // The Origin a browser on the app's own pages sends; cookie-authenticated changes need it.
      const headers = { cookie: session.cookie, origin: session.base, "content-type": "application/json" };
      for (;;) {
        let t0 = performance.now();
        const next = await fetch(`${session.base}/api/v1/projects/${project.slug}/tasks/next`, { method: "POST", headers });
        nextLatency.push(performance.now() - t0);
        if (next.status === 204) return;
        if (!next.ok) throw new Error(`next answered ${next.status}: ${await next.text()}`);
        const task = (await next.json()) as { id: string; outputs: { id: string }[] };
        if (finished.has(task.id)) violations.push(`labeler ${index} was served task ${task.id} again`);
        const skip = Math.random() < 0.05;
        const ids = task.outputs.map((output) => output.id);
        const body = skip
          ? { reason: "intent_unclear" }
          : {
              ratings: Object.fromEntries(ids.map((id) => [id, { likert: 1 + Math.floor(Math.random() * 7), flags: [] }])),
              ranking: randomRanking(ids),
              prompt_labels: { category: "generation", flags: [] },
              duration_ms: 30_000,
            };
        t0 = performance.now();
        const answer = await fetch(`${session.base}/api/v1/tasks/${task.id}/${skip ? "skip" : "submit"}`, {
          method: "POST",
          headers,
          body: JSON.stringify(body),
        });
        submitLatency.push(performance.now() - t0);
        if (answer.status === 409) conflicts++;
        else if (!answer.ok) throw new Error(`${skip ? "skip" : "submit"} answered ${answer.status}: ${await answer.text()}`);
        else if (skip) skipped++;
        else submitted++;
        finished.add(task.id);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const [overfull] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT s."taskId" FROM "Submission" s JOIN "Task" t ON t."id" = s."taskId"
      WHERE t."projectId" = ${project.id} GROUP BY s."taskId", t."labelsNeeded" HAVING count(*) > t."labelsNeeded") x`;
  const stored = await db.submission.count({ where: { projectId: project.id } });
  const [twice] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Submission" WHERE "projectId" = ${project.id} GROUP BY "taskId", "labelerId" HAVING count(*) > 1) x`;
  const leftOpen = await db.task.count({ where: { projectId: project.id, status: "open" } });
  if (overfull!.n) violations.push(`${overfull!.n} tasks completed by more labelers than labels_per_task`);
  if (twice!.n) violations.push(`${twice!.n} (task, labeler) pairs submitted twice`);
  if (stored !== submitted) violations.push(`${submitted} submissions acknowledged but ${stored} stored`);

  const nextSorted = [...nextLatency].sort((a, b) => a - b);
  const submitSorted = [...submitLatency].sort((a, b) => a - b);
  const rate = (submitted + skipped) / seconds;
  console.log(
    `\nLabeling bench: ${labelerCount} labelers, ${taskCount} ranking tasks (K 4-9) x ${labelsPerTask} labels, ${env.servers.length} app instance(s)`,
  );
  console.log(
    `  finished:        ${submitted} submitted, ${skipped} skipped, ${conflicts} lease conflicts, ${leftOpen} tasks left open (skips leave places)`,
  );
  console.log(`  throughput:      ${rate.toFixed(0)} tasks/s (${seconds.toFixed(1)} s)`);
  console.log(`  next latency:    p50 ${percentile(nextSorted, 50).toFixed(0)} ms, p99 ${percentile(nextSorted, 99).toFixed(0)} ms`);
  console.log(`  submit latency:  p50 ${percentile(submitSorted, 50).toFixed(0)} ms, p99 ${percentile(submitSorted, 99).toFixed(0)} ms`);
  console.log(`  baseline:        ${baselineRate.toFixed(0)} req/s for GET /api/auth/session at the same concurrency`);
  console.log(
    `  ratio:           ${((rate * 2) / baselineRate).toFixed(2)} (two requests per task, next + submit, against the baseline's one)`,
  );
  console.log(
    `  invariants:      ${violations.length ? `VIOLATED\n    ${violations.join("\n    ")}` : "hold (no over-labelled task, nobody served twice, no submission lost)"}`,
  );
  if (violations.length) process.exitCode = 1;
} finally {
  await env.close();
}
process.exit(process.exitCode ?? 0);
