// Reads for the admin's export screen: what each dataset holds per split, and the first records
// of an export. Counts are aggregated in SQL (one pass over the project's rows on the database);
// the preview reads through the same planExport/exportRecords path as the API, so it shows
// exactly what a trainer would receive.
import { db } from "@/lib/db";
import { countedLabeler, encodeCursor, exportRecords, planExport } from "@/lib/exports/records";
import type { ExportDataset, ExportQuery, GoldFilter, LabelerFilter } from "@/lib/exports/schema";
import { Prisma, type Project } from "@/lib/generated/prisma/client";
import { SPLITS, type Split } from "@/lib/prompts/split";

export type SplitCounts = Record<Split, number>;
export type ExportCounts = {
  /** Completed rankings (one `batches` record each). */
  rankings: SplitCounts;
  /** The (better, worse) pairs those rankings yield: Σ C(K,2) minus tied pairs. */
  pairs: SplitCounts;
  /** Pairs whose two outputs share a tie group (exported only with `ties=include`). */
  tiedPairs: SplitCounts;
  /** Tasks with two or more rankings (one `consensus` record each). */
  consensus: SplitCounts;
  demonstrations: SplitCounts;
  /** Prompts that are not archived: what the `prompts` dataset exports. */
  prompts: SplitCounts;
};

const zero = (): SplitCounts => ({ train: 0, valid: 0, test: 0 });

/**
 * The size of every dataset per split. A ranking is stored as tie groups ([["a"], ["b","c"], …]):
 * K = Σ|g|, its tied pairs are Σ C(|g|,2), and its comparison pairs are C(K,2) − tied. Rankings
 * are counted under the comparison filters (by default as the exports default: no gold tasks, no
 * blocked or failed-screening labelers).
 */
export async function getExportCounts(
  projectId: string,
  filters: { gold?: GoldFilter; labelers?: LabelerFilter } = {},
): Promise<ExportCounts> {
  const counted = Prisma.sql`(s."kind" <> 'ranking' OR (TRUE
    ${filters.gold === "include" ? Prisma.empty : Prisma.sql`AND NOT t."gold"`} ${countedLabeler("s", filters)}))`;
  const [submissions, prompts, consensus] = await Promise.all([
    db.$queryRaw<{ split: Split; kind: "ranking" | "demonstration"; count: bigint; outputs2: bigint | null; tied: bigint | null }[]>`
      SELECT p."split"::text AS "split", s."kind"::text AS "kind", count(*) AS "count",
        sum(g."k" * (g."k" - 1) / 2) AS "outputs2", sum(g."tied") AS "tied"
      FROM "Submission" s
      JOIN "Task" t ON t."id" = s."taskId"
      JOIN "Prompt" p ON p."id" = t."promptId"
      LEFT JOIN LATERAL (
        SELECT sum(jsonb_array_length(e.grp))::bigint AS "k",
          sum(jsonb_array_length(e.grp) * (jsonb_array_length(e.grp) - 1) / 2)::bigint AS "tied"
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s."ranking") = 'array' THEN s."ranking" ELSE '[]'::jsonb END) AS e(grp)
      ) g ON true
      WHERE s."projectId" = ${projectId} AND ${counted}
      GROUP BY 1, 2`,
    db.$queryRaw<{ split: Split; count: bigint }[]>`
      SELECT r."split"::text AS "split", count(*) AS "count"
      FROM "Prompt" r WHERE r."projectId" = ${projectId} AND r."status" = 'active'
      GROUP BY 1`,
    db.$queryRaw<{ split: Split; count: bigint }[]>`
      SELECT p."split"::text AS "split", count(*) AS "count"
      FROM (
        SELECT s."taskId" FROM "Submission" s JOIN "Task" t ON t."id" = s."taskId"
        WHERE s."projectId" = ${projectId} AND s."kind" = 'ranking' AND ${counted}
        GROUP BY s."taskId" HAVING count(*) >= 2
      ) x
      JOIN "Task" t ON t."id" = x."taskId" JOIN "Prompt" p ON p."id" = t."promptId"
      GROUP BY 1`,
  ]);
  const counts: ExportCounts = {
    rankings: zero(),
    pairs: zero(),
    tiedPairs: zero(),
    consensus: zero(),
    demonstrations: zero(),
    prompts: zero(),
  };
  for (const row of submissions) {
    if (row.kind === "demonstration") {
      counts.demonstrations[row.split] = Number(row.count);
      continue;
    }
    const tied = Number(row.tied ?? 0);
    counts.rankings[row.split] = Number(row.count);
    counts.tiedPairs[row.split] = tied;
    counts.pairs[row.split] = Number(row.outputs2 ?? 0) - tied;
  }
  for (const row of prompts) counts.prompts[row.split] = Number(row.count);
  for (const row of consensus) counts.consensus[row.split] = Number(row.count);
  return counts;
}

/**
 * How many records an export of these counts holds in one split (or all): rankings for
 * `batches`, tasks ranked twice or more for `consensus`, pairs (plus tied ones when included) for
 * the pair formats, rows otherwise.
 */
export function recordCount(counts: ExportCounts, dataset: ExportDataset, query: Pick<ExportQuery, "format" | "split" | "ties">): number {
  const pick = (perSplit: SplitCounts) =>
    query.split ? perSplit[query.split] : SPLITS.reduce((total, split) => total + perSplit[split], 0);
  if (dataset === "prompts") return pick(counts.prompts);
  if (dataset === "demonstrations") return pick(counts.demonstrations);
  if (query.format === "batches") return pick(counts.rankings);
  if (query.format === "consensus") return pick(counts.consensus);
  return pick(counts.pairs) + (query.ties === "include" ? pick(counts.tiedPairs) : 0);
}

/**
 * The first `count` records of an export, as the API would send them. Starts with `count`
 * rankings (or rows) and reads further only when those yield fewer records (fully tied rankings
 * give no pairs; a model filter drops some), a few rounds at most.
 */
export async function getExportPreview(project: Project, dataset: ExportDataset, query: ExportQuery, count = 3): Promise<unknown[]> {
  const records: unknown[] = [];
  let since = query.since;
  let limit = count;
  for (let round = 0; round < 4 && records.length < count; round++) {
    const range = await planExport(project, dataset, { ...query, since, limit });
    if (!range) break;
    for await (const record of exportRecords(project, dataset, { ...query, since, limit }, range)) {
      records.push(record);
      if (records.length >= count) break; // `break` closes the generator, so no further page is read
    }
    since = encodeCursor(range.until);
    limit *= 10;
  }
  return records;
}
