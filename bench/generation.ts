// npm run bench:generation [-- --prompts 1000 --latency 20]
// Generates K = 6 outputs (two generators, n = 3 each) for every prompt of a project against the
// in-repo OpenAI-protocol server, through two app instances, with faults injected (every 50th
// request a 429 with Retry-After: 1, every 97th a 500). Prints outputs/s, the retries, and the
// overhead: the wall time of the job beside the time the test server was answering at least one
// request (the server's own time), so what is left is Ranklab's (claims, redaction, tasks, waits).
import { parseArgs } from "node:util";
import { startOpenAiServer } from "../tests/support/openai-server";
import { startBenchEnv } from "./support";

const { values } = parseArgs({ options: { prompts: { type: "string", default: "1000" }, latency: { type: "string", default: "20" } } });
const PROMPTS = Number(values.prompts);

const endpoint = await startOpenAiServer({
  n: "honour",
  latencyMs: Number(values.latency),
  fault: (request) => {
    if (request.count % 50 === 0) return { kind: "status", status: 429, retryAfterSeconds: 1 };
    if (request.count % 97 === 0) return { kind: "status", status: 500 };
    return undefined;
  },
});
const env = await startBenchEnv(2, { RANKLAB_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") });
try {
  const { createProject } = await import("../lib/projects/mutations");
  const { createApiKey } = await import("../lib/api-keys/mutations");
  const project = await createProject({ slug: "bench-generation", name: "Bench", description: "", instructions: "" }, null);
  const { key } = await createApiKey({ name: "bench", scopes: ["prompts:write", "models:write"] }, null);
  const base = `${env.servers[0]!.url}/api/v1/projects/${project.slug}`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };

  for (let start = 0; start < PROMPTS; start += 500) {
    const batch = Array.from({ length: Math.min(500, PROMPTS - start) }, (_, i) => ({
      text: `Write a short note about topic number ${start + i} for a curious reader`,
      user_id: `bench-user-${(start + i) % 400}`,
    }));
    await post("/prompts", { prompts: batch });
  }
  for (const name of ["bench-a", "bench-b"]) {
    await post("/generators", { name, base_url: endpoint.baseUrl, model: name, api: "chat", api_key: "sk-bench", concurrency: 16 });
  }

  const started = performance.now();
  const { job_id: jobId } = (await post("/generations", {
    prompts: {},
    samples: [
      { generator: "bench-a", n: 3 },
      { generator: "bench-b", n: 3 },
    ],
  })) as { job_id: string };
  let state: { status: string; total: number; done: number; failed: number };
  for (;;) {
    const response = await fetch(`${base}/generations/${jobId}`, { headers: { authorization: `Bearer ${key}` } });
    state = await response.json();
    if (!["queued", "running"].includes(state.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const wallMs = performance.now() - started;

  // The server's own time: the union of the intervals in which it was answering something.
  const intervals = endpoint.requests
    .map((request) => [request.startedAt, request.endedAt ?? request.startedAt] as const)
    .sort((a, b) => a[0] - b[0]);
  let busyMs = 0;
  let [from, to] = intervals[0] ?? [0, 0];
  for (const [start, end] of intervals.slice(1)) {
    if (start > to) {
      busyMs += to - from;
      [from, to] = [start, end];
    } else to = Math.max(to, end);
  }
  busyMs += to - from;
  const faults = endpoint.requests.filter((request) => request.count % 50 === 0 || request.count % 97 === 0).length;
  const outputs = state.done * 6;

  console.log(`Generation: ${PROMPTS} prompts × K = 6, two generators (n = 3), two app instances, ${values.latency} ms per answer`);
  console.log(`  job            ${state.status}: ${state.done} done, ${state.failed} failed`);
  console.log(`  wall time      ${(wallMs / 1000).toFixed(2)} s`);
  console.log(`  outputs/s      ${(outputs / (wallMs / 1000)).toFixed(0)}`);
  console.log(`  requests       ${endpoint.requests.length} (${faults} faulted and retried: 429 with Retry-After 1 s, 500)`);
  console.log(`  server's time  ${(busyMs / 1000).toFixed(2)} s answering at least one request`);
  console.log(
    `  overhead       ${((wallMs - busyMs) / 1000).toFixed(2)} s (${(((wallMs - busyMs) / wallMs) * 100).toFixed(0)}% of the wall time)`,
  );
} finally {
  await env.close();
  await endpoint.close();
}
