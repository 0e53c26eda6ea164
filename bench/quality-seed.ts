import type pg from "pg";

/**
 * Seeds `tasks` ranking tasks (K = 4–9 outputs from 6 models) with 2–3 rankings each by `labelers`
 * labelers, straight into the database. Output j of task i comes from model (i + j) % 6; a ranking
 * puts model m's output around tie group m, with noise, so models differ and labelers mostly agree.
 */
export async function seedRankings(client: pg.Client, projectId: string, tasks: number, labelers: number) {
  await client.query(
    `INSERT INTO "User" ("id", "email", "role", "passwordHash", "updatedAt")
     SELECT 'qb-u' || i, 'quality-bench-' || i || '@example.com', 'labeler', 'x', now() FROM generate_series(0, ${labelers - 1}) i`,
  );
  await client.query(
    `INSERT INTO "Prompt" ("id", "projectId", "text", "userRef", "split", "source")
     SELECT 'qb-p' || i, $1, 'Prompt ' || i, 'u' || (i % 5000), (CASE i % 10 WHEN 0 THEN 'valid' WHEN 1 THEN 'test' ELSE 'train' END)::"Split", 'api'
     FROM generate_series(1, $2) i`,
    [projectId, tasks],
  );
  await client.query(
    `INSERT INTO "Task" ("id", "projectId", "promptId", "kind", "status", "labelsNeeded", "submittedCount")
     SELECT 'qb-t' || i, $1, 'qb-p' || i, 'ranking', 'done', 3, 3 - i % 2 FROM generate_series(1, $2) i`,
    [projectId, tasks],
  );
  // Output j of task i comes from model (i + j) % 6; K = 4 + i % 6.
  await client.query(
    `INSERT INTO "TaskOutput" ("id", "taskId", "model", "text", "position")
     SELECT 'qb-t' || i || '-' || j, 'qb-t' || i, 'model-' || ((i + j) % 6), 'Output ' || j, j
     FROM generate_series(1, $1) i, generate_series(0, 3 + i % 6) j`,
    [tasks],
  );
  // Labeler r of task i is (i * 7 + r * 67) % 200: three different people. A ranking puts the
  // output of model m around group m, with noise, so models differ and labelers mostly agree.
  await client.query(
    `INSERT INTO "Assignment" ("id", "taskId", "labelerId", "projectId", "status", "displayOrder", "leaseExpiresAt")
     SELECT 'qb-a' || i || '-' || r, 'qb-t' || i, 'qb-u' || ((i * 7 + r * 67) % ${labelers}), $1, 'submitted', '{}', now()
     FROM generate_series(1, $2) i, generate_series(0, 2) r WHERE r < 3 - i % 2`,
    [projectId, tasks],
  );
  await client.query(
    `INSERT INTO "Submission" ("id", "assignmentId", "taskId", "projectId", "labelerId", "kind", "promptFlags", "displayOrder",
                               "instructionsVersion", "ranks", "likerts", "flagMasks", "firstShown", "durationMs", "createdAt")
     SELECT 'qb-s' || i || '-' || r, 'qb-a' || i || '-' || r, 'qb-t' || i, $1, 'qb-u' || ((i * 7 + r * 67) % ${labelers}), 'ranking', '{}', '{}', 1,
            ARRAY(SELECT ((i + j) % 6 + floor(random() * 3))::int FROM generate_series(0, 3 + i % 6) j),
            ARRAY(SELECT 1 + (7 - (i + j) % 6 + floor(random() * 2)::int) % 7 FROM generate_series(0, 3 + i % 6) j),
            ARRAY(SELECT (CASE WHEN random() < 0.1 THEN 4 ELSE 0 END)::int FROM generate_series(0, 3 + i % 6) j),
            (i + r) % (4 + i % 6), 30000 + (i * 13 % 60000), now() - (i % 60) * interval '1 day'
     FROM generate_series(1, $2) i, generate_series(0, 2) r WHERE r < 3 - i % 2`,
    [projectId, tasks],
  );
}
