// Seeds a project with synthetic prompts (and their end users and pipeline counters) so the admin
// screens can be measured at scale, then EXPLAIN ANALYZEs the queries those screens run.
//
//   DATABASE_URL=… npx tsx bench/seed-prompts.ts --count 1000000 --project bench [--users 25000]
//       [--days 60] [--explain-only] [--rebuild-dedup]
//
// The prompts are made by one INSERT … SELECT generate_series inside PostgreSQL (a million rows in
// well under a minute), not by the pipeline: they are shaped like its output (redacted text with
// placeholders, redaction counts, a split per end user) but skip redaction and dedup. Run with
// --rebuild-dedup to time the dedup-index rebuild that a new prefix length triggers.
import "dotenv/config";
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createProject } from "@/lib/projects/mutations";
import { rebuildDedupIndex } from "@/lib/prompts/dedup-index";
import { cursorSchema, encodeCursor, PROMPT_PAGE_SIZE, type PromptFilters, promptCountSql, promptPageSql } from "@/lib/prompts/queries";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    project: { type: "string", default: "bench" },
    users: { type: "string" },
    days: { type: "string", default: "60" },
    "explain-only": { type: "boolean", default: false },
    "rebuild-dedup": { type: "boolean", default: false },
  },
});
const count = Number(values.count);
const users = Number(values.users ?? Math.max(10, Math.round(count / 40)));
const days = Number(values.days);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(users) || users < 1)
  throw new Error("--count and --users must be positive integers.");

const OPENERS = [
  "Write a short story about",
  "Explain to a ten year old",
  "Summarize the following article about",
  "Brainstorm ten ideas for",
  "Rewrite this paragraph about",
  "Classify the sentiment of this review of",
  "What is the best way to learn",
  "Draft an email to my team about",
  "List the pros and cons of",
  "Give me a recipe that uses",
  "Translate into French a note about",
  "Write a haiku about",
  "Extract every date mentioned in this text about",
  "Answer the question using the passage on",
  "Create a lesson plan on",
  "Compose a product description for",
  "Help me plan a weekend trip focused on",
  "Tell me a joke about",
  "Write a cover letter mentioning",
  "Outline a blog post about",
];
const TOPICS = [
  "the history of the printing press",
  "quantum tunnelling",
  "a lighthouse keeper and her cat",
  "sourdough bread",
  "remote work",
  "electric bicycles",
  "the water cycle",
  "medieval castles",
  "machine learning in hospitals",
  "a trip to Lisbon",
  "urban gardening",
  "the stock market",
  "climate adaptation",
  "a robot that learns to paint",
  "the French revolution",
  "saving for retirement",
  "black holes",
  "ocean plastic",
  "chess openings",
  "a dragon who is afraid of heights",
  "volcanoes",
  "customer support scripts",
  "running a marathon",
  "the Roman empire",
  "vegan desserts",
  "open source licences",
  "a haunted library",
  "birdwatching",
  "job interviews",
  "solar panels",
  "the immune system",
  "jazz piano",
  "a startup pitch",
  "public transport",
  "honeybees",
  "time management",
  "ancient Egypt",
  "mountain hiking",
  "the moon landing",
  "cybersecurity basics",
];
const TAILS = [
  "Keep it under 200 words.",
  "Use a friendly tone.",
  "Make it funny.",
  "Use bullet points.",
  "Write it for a general audience.",
  "Avoid technical jargon.",
  "Include a surprising twist at the end.",
  "Answer in three sentences.",
  "Cite one example.",
  "Make it suitable for children.",
  "Format the answer as a table.",
  "End with a question for the reader.",
  "",
];
const PII_TAILS = [
  ["My email is <EMAIL_1> if you need it.", '[{"type":"EMAIL","count":1}]'],
  ["Call me on <PHONE_1> after six.", '[{"type":"PHONE","count":1}]'],
  ["Sign it from <PERSON_1> and <PERSON_2>.", '[{"type":"PERSON","count":2}]'],
  ["Send it to <EMAIL_1> and <EMAIL_2>, or call <PHONE_1>.", '[{"type":"EMAIL","count":2},{"type":"PHONE","count":1}]'],
  ["I live at <STREET_ADDRESS_1>.", '[{"type":"STREET_ADDRESS","count":1}]'],
  ["My card <CREDIT_CARD_1> was charged twice.", '[{"type":"CREDIT_CARD","count":1}]'],
] as const;

const sqlArray = (items: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join(items.map((item) => Prisma.sql`${item}`))}]::text[]`;

async function seed(projectId: string) {
  const tag = Date.now().toString(36);
  const started = performance.now();
  // h1..h4 are independent pseudo-random integers per row; u is the end user, skewed so that a
  // few users send many prompts (as in any API's traffic). Ten prompts share each timestamp, as
  // the rows of one ingestion batch do, so the (createdAt, id) keyset has ties to get right.
  const inserted = await db.$executeRaw`
    INSERT INTO "Prompt" ("id", "projectId", "text", "userRef", "split", "source", "kind", "status", "category", "redactions", "createdAt")
    SELECT
      ${`bench${tag}_`} || i,
      ${projectId},
      t.body,
      'bench' || ${tag} || '_' || u.n,
      (CASE WHEN (hashint4(u.n) & 2147483647) % 100 < 80 THEN 'train' WHEN (hashint4(u.n) & 2147483647) % 100 < 90 THEN 'valid' ELSE 'test' END)::"Split",
      (CASE WHEN h.h2 % 100 < 85 THEN 'api' WHEN h.h2 % 100 < 97 THEN 'import' ELSE 'labeler' END)::"PromptSource",
      (CASE WHEN h.h2 % 100 >= 97 THEN (ARRAY['plain','few_shot','user_based'])[1 + h.h3 % 3] ELSE 'plain' END)::"PromptKind",
      (CASE WHEN h.h4 % 1000 < 5 THEN 'archived' ELSE 'active' END)::"PromptStatus",
      (CASE
        WHEN h.h3 % 1000 < 200 THEN NULL
        ELSE (ARRAY['generation','open_qa','brainstorming','chat','rewrite','summarization','classification','other','closed_qa','extract'])[
          1 + (SELECT count(*) FROM unnest(ARRAY[456,580,692,776,842,884,919,954,980]) AS c WHERE (h.h4 % 1000) >= c)::int]
      END)::"UseCase",
      (CASE WHEN h.h1 % 100 < 12 THEN (${sqlArray(PII_TAILS.map((p) => p[1]))})[1 + h.h3 % ${PII_TAILS.length}::int]::jsonb END),
      date_trunc('milliseconds', now() - make_interval(secs => ((i - 1) / 10) * (${days}::float8 * 86400 / (${count}::float8 / 10))))
    FROM generate_series(1, ${count}::int) AS i
    CROSS JOIN LATERAL (SELECT hashint4(i) & 2147483647 AS h1, hashint4(i + 1000003) & 2147483647 AS h2, hashint4(i + 2000003) & 2147483647 AS h3, hashint4(i + 3000017) & 2147483647 AS h4) AS h
    CROSS JOIN LATERAL (SELECT floor(${users}::int * power((h.h2 % 100003) / 100003.0, 2))::int AS n) AS u
    CROSS JOIN LATERAL (SELECT concat_ws(' ',
        (${sqlArray(OPENERS)})[1 + h.h1 % ${OPENERS.length}::int],
        (${sqlArray(TOPICS)})[1 + h.h2 % ${TOPICS.length}::int] || '.',
        (${sqlArray(TAILS)})[1 + h.h3 % ${TAILS.length}::int],
        CASE WHEN h.h4 % 4 = 0 THEN E'\nContext: ' || (${sqlArray(TOPICS)})[1 + h.h4 % ${TOPICS.length}::int] || ' and ' || (${sqlArray(TOPICS)})[1 + h.h3 % ${TOPICS.length}::int] || '.' END,
        CASE WHEN h.h1 % 100 < 12 THEN (${sqlArray(PII_TAILS.map((p) => p[0]))})[1 + h.h3 % ${PII_TAILS.length}::int] END,
        '(#' || i || ')') AS body) AS t`;
  console.log(`Inserted ${inserted.toLocaleString()} prompts in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  // End users with the counts the pipeline would have kept; a few get an override.
  const endUsers = await db.$executeRaw`
    INSERT INTO "EndUser" ("projectId", "userRef", "label", "split", "acceptedCount", "quotaOverride", "firstSeenAt", "lastSeenAt")
    SELECT ${projectId}, p."userRef",
      CASE WHEN (hashtext(p."userRef") & 2147483647) % 10 = 0 THEN '<EMAIL_1> (' || substr(md5(p."userRef"), 1, 8) || ')' ELSE 'customer-' || substr(md5(p."userRef"), 1, 10) END,
      min(p."split"::text)::"Split", count(*)::int,
      CASE WHEN (hashtext(p."userRef") & 2147483647) % 50 = 0 THEN 1000 END,
      min(p."createdAt"), max(p."createdAt")
    FROM "Prompt" p WHERE p."projectId" = ${projectId} AND p."id" LIKE ${`bench${tag}_%`}
    GROUP BY p."userRef"
    ON CONFLICT ("projectId", "userRef") DO UPDATE SET "acceptedCount" = "EndUser"."acceptedCount" + EXCLUDED."acceptedCount"`;
  console.log(`Upserted ${endUsers.toLocaleString()} end users.`);

  // Pipeline counters for the days the prompts cover: accepted as seeded, the other outcomes as
  // plausible shares of it, redactions from the seeded counts.
  await db.$executeRaw`
    INSERT INTO "IngestCounter" ("projectId", "day", "name", "shard", "count")
    SELECT ${projectId}, d.day, n.name, 0, greatest(0, round(d.accepted * n.share * (0.7 + ((hashtext(d.day::text || n.name) & 2147483647) % 60) / 100.0)))::int
    FROM (SELECT "createdAt"::date AS day, count(*) AS accepted FROM "Prompt" WHERE "projectId" = ${projectId} AND "id" LIKE ${`bench${tag}_%`} GROUP BY 1) d
    CROSS JOIN (VALUES ('outcome:duplicate', 0.14), ('outcome:quota_exceeded', 0.03), ('outcome:rejected', 0.015), ('rejected:empty', 0.004), ('rejected:too_long', 0.011)) AS n(name, share)
    ON CONFLICT ("projectId", "day", "name", "shard") DO UPDATE SET "count" = "IngestCounter"."count" + EXCLUDED."count"`;
  await db.$executeRaw`
    INSERT INTO "IngestCounter" ("projectId", "day", "name", "shard", "count")
    SELECT ${projectId}, d.day, d.name, 0, d.n FROM (
      SELECT "createdAt"::date AS day, 'outcome:accepted' AS name, count(*)::int AS n FROM "Prompt" WHERE "projectId" = ${projectId} AND "id" LIKE ${`bench${tag}_%`} GROUP BY 1
      UNION ALL
      SELECT p."createdAt"::date, 'redaction:' || (r->>'type'), sum((r->>'count')::int)::int
      FROM "Prompt" p CROSS JOIN LATERAL jsonb_array_elements(p."redactions") AS r
      WHERE p."projectId" = ${projectId} AND p."id" LIKE ${`bench${tag}_%`} AND p."redactions" IS NOT NULL GROUP BY 1, 2
    ) d
    ON CONFLICT ("projectId", "day", "name", "shard") DO UPDATE SET "count" = "IngestCounter"."count" + EXCLUDED."count"`;
  await db.$executeRawUnsafe(`ANALYZE "Prompt"`);
  await db.$executeRawUnsafe(`ANALYZE "EndUser"`);
  console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s in all.`);
}

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; Plans?: PlanNode[] };

function scansOf(node: PlanNode, out: string[] = []): string[] {
  if (node["Index Name"]) out.push(`${node["Node Type"]} on ${node["Index Name"]}`);
  else if (node["Node Type"] === "Seq Scan") out.push(`Seq Scan on ${node["Relation Name"]}`);
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

async function explain(label: string, sql: Prisma.Sql) {
  const runs: number[] = [];
  let plan: { Plan: PlanNode; "Execution Time": number } | undefined;
  // The first run warms the cache; the figure is the median of the next three.
  for (let run = 0; run < 4; run++) {
    const [row] = await db.$queryRaw<Array<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }>>(
      Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
    );
    plan = row!["QUERY PLAN"][0]!;
    if (run > 0) runs.push(plan["Execution Time"]);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(46)} ${runs[1]!.toFixed(2).padStart(9)} ms   ${[...new Set(scansOf(plan!.Plan))].join(", ")}`);
}

async function explainAll(projectId: string) {
  const page = (filters: PromptFilters) => promptPageSql(projectId, filters, PROMPT_PAGE_SIZE + 1);
  // A cursor half-way down the project, to show a deep page costs what the first one does.
  const [middle] = await db.$queryRaw<Array<{ id: string; createdAt: Date }>>`
    SELECT "id", "createdAt" FROM "Prompt" WHERE "projectId" = ${projectId}
    ORDER BY "createdAt" DESC, "id" DESC OFFSET ${Math.floor(count / 2)} LIMIT 1`;
  const deep = middle ? cursorSchema.parse(encodeCursor({ at: middle.createdAt, id: middle.id })) : undefined;
  console.log(`\nEXPLAIN ANALYZE, ${PROMPT_PAGE_SIZE + 1} rows per page (median of 3 warm runs):`);
  await explain("unfiltered, first page", page({}));
  await explain("unfiltered, page after the middle cursor", page({ after: deep }));
  await explain("unfiltered, newer than the middle cursor", page({ before: deep }));
  await explain("split=test", page({ split: "test" }));
  await explain("split=valid, page after the middle cursor", page({ split: "valid", after: deep }));
  await explain("source=labeler (3%)", page({ source: "labeler" }));
  await explain("source=import", page({ source: "import" }));
  await explain("category=extract (1.5%)", page({ category: "extract" }));
  await explain("category=none", page({ category: "none" }));
  await explain("status=archived (0.5%)", page({ status: "archived" }));
  await explain("status=active", page({ status: "active" }));
  await explain("q=lighthouse (common, ~2.5%)", page({ q: "lighthouse" }));
  await explain("q=EMAIL (12% have PII…)", page({ q: "<EMAIL_" }));
  await explain("q=#123456) (one row)", page({ q: "#123456)" }));
  await explain("q=zzzqqq (no match)", page({ q: "zzzqqq" }));
  await explain("q=he (2 letters: no trigram)", page({ q: "he" }));
  await explain("q=#999999) (the oldest row)", page({ q: "#999999)" }));
  await explain("category=extract, page after the middle", page({ category: "extract", after: deep }));
  await explain("q=lighthouse + split=test + source=import", page({ q: "lighthouse", split: "test", source: "import" }));
  await explain("split=test + category=extract + archived", page({ split: "test", category: "extract", status: "archived" }));
  console.log(`\nBounded counts (exact up to 1,000, else the planner's estimate):`);
  await explain("count: unfiltered", promptCountSql(projectId, {}));
  await explain("count: status=archived", promptCountSql(projectId, { status: "archived" }));
  await explain("count: q=lighthouse", promptCountSql(projectId, { q: "lighthouse" }));
  await explain("count: q=#123456)", promptCountSql(projectId, { q: "#123456)" }));
  await explain(
    "count: split=test + category=extract + archived",
    promptCountSql(projectId, { split: "test", category: "extract", status: "archived" }),
  );
  console.log("");
  await explain(
    "quotas: end users by usage, first page",
    Prisma.sql`SELECT "userRef" FROM "EndUser" WHERE "projectId" = ${projectId} ORDER BY "acceptedCount" DESC, "userRef" DESC LIMIT 51`,
  );
  await explain(
    "quotas: end users by usage, after (1, zzz)",
    Prisma.sql`SELECT "userRef" FROM "EndUser" WHERE "projectId" = ${projectId} AND ("acceptedCount", "userRef") < (1, 'zzz') ORDER BY "acceptedCount" DESC, "userRef" DESC LIMIT 51`,
  );
  await explain(
    "pipeline: totals by counter name",
    Prisma.sql`SELECT "name", sum("count") FROM "IngestCounter" WHERE "projectId" = ${projectId} GROUP BY "name"`,
  );
}

const project =
  (await db.project.findUnique({ where: { slug: values.project! } })) ??
  (await createProject(
    { slug: values.project!, name: `Bench ${values.project}`, description: "Synthetic prompts for benchmarks.", instructions: "" },
    null,
  ));
if (!values["explain-only"]) {
  console.log(`Seeding ${count.toLocaleString()} prompts from ${users.toLocaleString()} end users over ${days} days into ${project.slug}…`);
  await seed(project.id);
}
await explainAll(project.id);
if (values["rebuild-dedup"]) {
  const started = performance.now();
  const result = await db.$transaction((tx) => rebuildDedupIndex(tx, project.id, project.dedupPrefixWords), { timeout: 30 * 60_000 });
  console.log(
    `\nDedup index rebuilt (${project.dedupPrefixWords} words): ${result.prompts.toLocaleString()} prompts, ${result.keys.toLocaleString()} keys, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}
await db.$disconnect();
