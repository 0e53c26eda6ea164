// npm run bench:export [-- --rankings 100000 --small 10000]
// Seeds rankings (K drawn from 4–9, some with ties) straight into the database, then streams
// the pairs export over HTTP and prints records/s, MB/s and the server's peak RSS while it
// streams, beside PostgreSQL's own COPY (SELECT …) TO STDOUT of the same rows in the same run
// (the ceiling). Two sizes show whether memory stays flat as the dataset grows.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { startBenchEnv } from "./support";

const { values } = parseArgs({ options: { rankings: { type: "string", default: "100000" }, small: { type: "string", default: "10000" } } });

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
}

async function seed(client: pg.Client, projectId: string, labelerId: string, tag: string, n: number) {
  const ids = (prefix: string) => `'${tag}${prefix}' || i`;
  await client.query(
    `
    INSERT INTO "Prompt" ("id", "projectId", "text", "userRef", "split", "source")
    SELECT ${ids("p")}, $1, 'Prompt ' || i || ': write a short note about topic ' || (i % 977) || ' for a curious reader.', 'u' || (i % 5000),
           (CASE i % 10 WHEN 0 THEN 'valid' WHEN 1 THEN 'test' ELSE 'train' END)::"Split", 'api'
    FROM generate_series(1, $2) i`,
    [projectId, n],
  );
  await client.query(
    `
    INSERT INTO "Task" ("id", "projectId", "promptId", "kind", "status", "labelsNeeded", "submittedCount")
    SELECT ${ids("t")}, $1, ${ids("p")}, 'ranking', 'done', 1, 1 FROM generate_series(1, $2) i`,
    [projectId, n],
  );
  await client.query(
    `
    INSERT INTO "TaskOutput" ("id", "taskId", "model", "text", "position")
    SELECT ${ids("t")} || '-' || j, ${ids("t")}, 'model-' || j, 'Output ' || j || ' for prompt ' || i || '. ' || repeat('A sentence of plausible model output. ', 8), j
    FROM generate_series(1, $1) i, generate_series(0, 3 + i % 6) j`,
    [n],
  );
  await client.query(
    `
    INSERT INTO "Assignment" ("id", "taskId", "labelerId", "projectId", "status", "displayOrder", "leaseExpiresAt")
    SELECT ${ids("a")}, ${ids("t")}, $1, $2, 'submitted', '{}', now() FROM generate_series(1, $3) i`,
    [labelerId, projectId, n],
  );
  // Every other ranking ties its second and third outputs.
  await client.query(
    `
    INSERT INTO "Submission" ("id", "assignmentId", "taskId", "projectId", "labelerId", "kind", "ratings", "ranking", "promptCategory", "promptFlags", "displayOrder", "instructionsVersion")
    SELECT ${ids("s")}, ${ids("a")}, ${ids("t")}, $1, $2, 'ranking',
      (SELECT jsonb_object_agg(${ids("t")} || '-' || j, jsonb_build_object('likert', 1 + (i + j) % 7, 'flags', '[]'::jsonb)) FROM generate_series(0, 3 + i % 6) j),
      (SELECT jsonb_agg(g.members ORDER BY g.rank) FROM (
         SELECT CASE WHEN i % 2 = 0 AND j >= 2 THEN j - 1 ELSE j END AS rank, jsonb_agg(${ids("t")} || '-' || j ORDER BY j) AS members
         FROM generate_series(0, 3 + i % 6) j GROUP BY 1) g),
      'generation', '{}', '{}', 1
    FROM generate_series(1, $3) i`,
    [projectId, labelerId, n],
  );
}

// The server gets a small heap on purpose: if the export held the dataset in memory, the larger
// size would run out of it. Streaming keeps it bounded whatever the size.
const HEAP_MB = 256;
const env = await startBenchEnv(1, { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` });
try {
  const { createProject } = await import("../lib/projects/mutations");
  const { createUser } = await import("../lib/users/mutations");
  const { createApiKey } = await import("../lib/api-keys/mutations");
  const labeler = await createUser(
    { email: `export-bench-${Date.now()}@example.com`, password: "export-bench-password", role: "labeler" },
    null,
  );
  const { key } = await createApiKey({ name: "export bench", scopes: ["export:read"] }, null);
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  const server = env.servers[0]!;

  for (const size of [Number(values.small), Number(values.rankings)]) {
    const tag = `b${size}x`;
    const project = await createProject(
      { slug: `export-bench-${size}-${Date.now()}`, name: "Export bench", description: "", instructions: "" },
      null,
    );
    const seedStart = performance.now();
    await seed(client, project.id, labeler.id, tag, size);
    await client.query("ANALYZE");
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // The API: the pairs export, streamed, while sampling the server's memory.
    const rssBefore = rssMb(server.process.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.process.pid!))), 50);
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/projects/${project.slug}/export/comparisons?format=pairs`, {
      headers: { authorization: `Bearer ${key}`, "accept-encoding": "identity" },
    });
    let bytes = 0;
    let records = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) records++;
    }
    const apiSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    // The ceiling: PostgreSQL writes the same rankings, joined with their prompts and outputs.
    const copyStart = performance.now();
    let copyBytes = 0;
    const stream = client.query(
      copyTo(`COPY (
      SELECT s."id", p."text", p."split", s."ranking", s."ratings",
             (SELECT json_agg(json_build_object('id', o."id", 'model', o."model", 'text', o."text")) FROM "TaskOutput" o WHERE o."taskId" = s."taskId")
      FROM "Submission" s JOIN "Task" t ON t."id" = s."taskId" JOIN "Prompt" p ON p."id" = t."promptId"
      WHERE s."projectId" = '${project.id}' ORDER BY s."txid", s."id") TO STDOUT`),
    );
    for await (const chunk of stream as AsyncIterable<Buffer>) copyBytes += chunk.length;
    const copySeconds = (performance.now() - copyStart) / 1000;

    console.log(`\nExport bench: ${size} rankings (K 4–9, half with a tie), seeded in ${seedSeconds.toFixed(1)} s`);
    console.log(
      `  API pairs export: ${records} records, ${(bytes / 1e6).toFixed(1)} MB in ${apiSeconds.toFixed(1)} s = ${(records / apiSeconds).toFixed(0)} records/s, ${(bytes / 1e6 / apiSeconds).toFixed(1)} MB/s`,
    );
    console.log(
      `  server RSS:       ${rssBefore.toFixed(0)} MB before, ${rssPeak.toFixed(0)} MB peak while streaming (+${(rssPeak - rssBefore).toFixed(0)} MB; V8 heap capped at ${HEAP_MB} MB)`,
    );
    console.log(
      `  COPY ceiling:     ${size} rankings, ${(copyBytes / 1e6).toFixed(1)} MB in ${copySeconds.toFixed(1)} s = ${(size / copySeconds).toFixed(0)} rankings/s, ${(copyBytes / 1e6 / copySeconds).toFixed(1)} MB/s`,
    );
    console.log(
      `  ratio:            ${(bytes / apiSeconds / (copyBytes / copySeconds)).toFixed(2)} of the ceiling in MB/s (each ranking becomes ~19 pair records, each repeating the prompt)`,
    );
  }
  await client.end();
} finally {
  await env.close();
}
process.exit(0);
