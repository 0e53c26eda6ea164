// npm run bench:labeling [-- --labelers 100 --tasks 1000 --labels 2 --instances 1]
// Closed loop (the default): labelers lease, submit and skip through the HTTP API as fast as they
// are answered; prints tasks/s and latency percentiles of `next` and `submit`, beside a trivial
// authenticated route's rate in the same run.
//
// npm run bench:labeling -- --open-loop [--labelers 1000 --interval 120 --duration 180 --speed 1 --instances 2]
// Open loop: labelers at human pace. Each submits on average once per `interval` seconds
// (exponential think times between being served a task and answering it: Poisson arrivals,
// labelers/interval answers a second in all), for `duration` seconds of simulated time after a
// warm-up of one interval (every labeler's first lease, spread over it, is not counted). `speed`
// compresses time (2: twice the pace, half the wall time); the real-pace figures are speed 1.
// Labelers are seeded in the database with session tokens minted directly (no sign-in).
//
// Both then check the queue's invariants against the database.
import { parseArgs } from "node:util";
import { BENCH_NEXTAUTH_SECRET, percentile, runPool, startBenchEnv } from "./support";

const { values } = parseArgs({
  options: {
    labelers: { type: "string" },
    tasks: { type: "string" },
    labels: { type: "string", default: "2" },
    instances: { type: "string", default: "1" },
    "open-loop": { type: "boolean", default: false },
    interval: { type: "string", default: "120" },
    duration: { type: "string", default: "180" },
    speed: { type: "string", default: "1" },
  },
});
const openLoop = values["open-loop"];
const labelerCount = Number(values.labelers ?? (openLoop ? 1000 : 100));
const labelsPerTask = Number(values.labels);
const intervalS = Number(values.interval);
const durationS = Number(values.duration);
const speed = Number(values.speed);
// Open loop: every labeler holds a lease and answers labelers/interval tasks a second, with room to spare.
const taskCount = Number(
  values.tasks ?? (openLoop ? Math.ceil((labelerCount * (2 + (1.5 * durationS) / intervalS)) / labelsPerTask) : 1000),
);
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

/** Labelers written straight into the database (one password hash for all) with session tokens as sign-in would mint them. */
async function seedLabelers(count: number, bases: string[]): Promise<Session[]> {
  const { db } = await import("../lib/db");
  const { hashPassword } = await import("../lib/auth/password");
  const { encode } = await import("next-auth/jwt");
  const passwordHash = await hashPassword(PASSWORD);
  const stamp = Date.now();
  const users = await db.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      email: `bench-open-${stamp}-${i}@example.com`,
      passwordHash,
      role: "labeler" as const,
    })),
    select: { id: true, email: true, sessionVersion: true },
  });
  return Promise.all(
    users.map(async (user, i) => {
      const token = await encode({
        token: { sub: user.id, email: user.email, name: null, id: user.id, role: "labeler", sessionVersion: user.sessionVersion },
        secret: BENCH_NEXTAUTH_SECRET,
        maxAge: 7 * 24 * 3600,
      });
      return { cookie: `next-auth.session-token=${token}`, base: bases[i % bases.length]! };
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An exponential wait with the given mean: the gaps of a Poisson process. */
const exponential = (meanMs: number) => -Math.log(1 - Math.random()) * meanMs;

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
  // The outputs are made up and hold no personal data: redacting them would only slow the setup.
  const project = await db.project.update({ where: { id: created.id }, data: { labelsPerTask, redactOutputs: false } });
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
  const nextLatency: number[] = [];
  const submitLatency: number[] = [];
  let submitted = 0;
  let skipped = 0;
  let conflicts = 0;
  const violations: string[] = [];
  let report: string[];

  if (!openLoop) {
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

    const nextSorted = [...nextLatency].sort((a, b) => a - b);
    const submitSorted = [...submitLatency].sort((a, b) => a - b);
    const rate = (submitted + skipped) / seconds;
    report = [
      `  throughput:      ${rate.toFixed(0)} tasks/s (${seconds.toFixed(1)} s)`,
      `  next latency:    p50 ${percentile(nextSorted, 50).toFixed(0)} ms, p99 ${percentile(nextSorted, 99).toFixed(0)} ms`,
      `  submit latency:  p50 ${percentile(submitSorted, 50).toFixed(0)} ms, p99 ${percentile(submitSorted, 99).toFixed(0)} ms`,
      `  baseline:        ${baselineRate.toFixed(0)} req/s for GET /api/auth/session at the same concurrency`,
      `  ratio:           ${((rate * 2) / baselineRate).toFixed(2)} (two requests per task, next + submit, against the baseline's one)`,
    ];
  } else {
    const sessions = await seedLabelers(
      labelerCount,
      env.servers.map((server) => server.url),
    );
    const meanThinkMs = (intervalS * 1000) / speed;
    const warmupMs = meanThinkMs;
    const endMs = warmupMs + (durationS * 1000) / speed;
    const started = performance.now();
    const now = () => performance.now() - started;
    let measuredAnswers = 0;
    await Promise.all(
      sessions.map(async (session, index) => {
        const finished = new Set<string>();
        const headers = { cookie: session.cookie, origin: session.base, "content-type": "application/json" };
        // Arrivals spread over the warm-up, as if the shift had been going on for a while.
        await sleep(Math.random() * warmupMs);
        for (;;) {
          let t0 = now();
          const next = await fetch(`${session.base}/api/v1/projects/${project.slug}/tasks/next`, { method: "POST", headers });
          if (t0 >= warmupMs) nextLatency.push(now() - t0);
          if (next.status === 204) {
            violations.push(`labeler ${index} found the queue empty (too few tasks for the run)`);
            return;
          }
          if (!next.ok) throw new Error(`next answered ${next.status}: ${await next.text()}`);
          const task = (await next.json()) as { id: string; outputs: { id: string }[] };
          if (finished.has(task.id)) violations.push(`labeler ${index} was served task ${task.id} again`);
          // The shift ends for everyone at once (not after the longest of a thousand think times).
          await sleep(Math.min(exponential(meanThinkMs), Math.max(0, endMs - now())));
          if (now() >= endMs) return; // the lease stays open
          const ids = task.outputs.map((output) => output.id);
          const body = {
            ratings: Object.fromEntries(ids.map((id) => [id, { likert: 1 + Math.floor(Math.random() * 7), flags: [] }])),
            ranking: randomRanking(ids),
            prompt_labels: { category: "generation", flags: [] },
            duration_ms: Math.round(meanThinkMs),
          };
          t0 = now();
          const answer = await fetch(`${session.base}/api/v1/tasks/${task.id}/submit`, {
            method: "POST",
            headers,
            body: JSON.stringify(body),
          });
          if (t0 >= warmupMs) {
            submitLatency.push(now() - t0);
            measuredAnswers++;
          }
          if (answer.status === 409) conflicts++;
          else if (!answer.ok) throw new Error(`submit answered ${answer.status}: ${await answer.text()}`);
          else submitted++;
          await answer.arrayBuffer();
          finished.add(task.id);
        }
      }),
    );
    const nextSorted = [...nextLatency].sort((a, b) => a - b);
    const submitSorted = [...submitLatency].sort((a, b) => a - b);
    const measuredS = (endMs - warmupMs) / 1000;
    const line = (sorted: number[]) =>
      `p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (${sorted.length} requests)`;
    report = [
      `  open loop:       each labeler answers once per ${intervalS} s on average (Poisson), x${speed} time compression;`,
      `                   ${(measuredAnswers / measuredS).toFixed(1)} answers/s offered over ${measuredS.toFixed(0)} s measured after a ${(warmupMs / 1000).toFixed(0)} s warm-up`,
      `  next latency:    ${line(nextSorted)}`,
      `  submit latency:  ${line(submitSorted)}`,
    ];
  }

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

  console.log(
    `\nLabeling bench${openLoop ? " (open loop)" : ""}: ${labelerCount} labelers, ${taskCount} ranking tasks (K 4-9) x ${labelsPerTask} labels, ${env.servers.length} app instance(s)`,
  );
  console.log(
    `  finished:        ${submitted} submitted, ${skipped} skipped, ${conflicts} lease conflicts, ${leftOpen} tasks left open${openLoop ? "" : " (skips leave places)"}`,
  );
  for (const reportLine of report) console.log(reportLine);
  console.log(
    `  invariants:      ${violations.length ? `VIOLATED\n    ${violations.join("\n    ")}` : "hold (no over-labelled task, nobody served twice, no submission lost)"}`,
  );
  if (violations.length) process.exitCode = 1;
} finally {
  await env.close();
}
process.exit(process.exitCode ?? 0);
