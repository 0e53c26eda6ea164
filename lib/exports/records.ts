// Reading export records from the database in pages, in a stable order: (txid, id), where txid is
// the id of the transaction that wrote the row. Only rows written by transactions older than
// every transaction still running are read, so a later pull (from the returned cursor) can never
// find a row that belongs before it: nothing is skipped or repeated.
import { createHmac } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { type Ranking, rankOutputs, toBatchRecord, toDemonstrationRecord, toPairRecords } from "@/lib/exports/formats";
import type { ComparisonFormat, ExportDataset, ExportQuery } from "@/lib/exports/schema";
import { Prisma, type Project } from "@/lib/generated/prisma/client";

export type Position = { txid: bigint; id: string };
const START: Position = { txid: -1n, id: "" };
const PAGE = 500;

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.txid}.${position.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Position {
  if (!cursor) return START;
  const match = /^(-?\d+)\.([\w-]*)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match)
    throw new AppError("unprocessable", "`since` is not a cursor this API returned.", [{ path: "since", message: "Unknown cursor." }]);
  return { txid: BigInt(match[1]!), id: match[2]! };
}

/** A stable pseudonym for a labeler within a project: never their email or account id. */
export function labelerPseudonym(project: Pick<Project, "splitSalt">, labelerId: string): string {
  return `labeler_${createHmac("sha256", project.splitSalt).update(`labeler:${labelerId}`).digest("base64url").slice(0, 12)}`;
}

/** A stable pseudonym for an end user (their pseudonymous reference, shortened). */
export function endUserPseudonym(userRef: string): string {
  return `user_${userRef.slice(0, 16)}`;
}

type Source = { table: "Submission" | "Prompt"; kind?: "ranking" | "demonstration" };

function sourceOf(dataset: ExportDataset): Source {
  if (dataset === "comparisons") return { table: "Submission", kind: "ranking" };
  if (dataset === "demonstrations") return { table: "Submission", kind: "demonstration" };
  return { table: "Prompt" };
}

function rowFilter(project: Project, dataset: ExportDataset, query: Pick<ExportQuery, "split">) {
  const source = sourceOf(dataset);
  if (source.table === "Prompt") {
    return Prisma.sql`FROM "Prompt" r WHERE r."projectId" = ${project.id} AND r."status" = 'active'
      ${query.split ? Prisma.sql`AND r."split" = ${query.split}::"Split"` : Prisma.empty}`;
  }
  return Prisma.sql`FROM "Submission" r JOIN "Task" t ON t."id" = r."taskId" JOIN "Prompt" p ON p."id" = t."promptId"
    WHERE r."projectId" = ${project.id} AND r."kind" = ${source.kind}::"TaskKind"
    ${query.split ? Prisma.sql`AND p."split" = ${query.split}::"Split"` : Prisma.empty}`;
}

/**
 * Where an export from `since` ends: after `limit` records (rankings for comparisons), or at the
 * last settled row. Returns null when there is nothing new.
 */
export async function planExport(
  project: Project,
  dataset: ExportDataset,
  query: ExportQuery,
): Promise<{ since: Position; until: Position } | null> {
  const since = decodeCursor(query.since);
  const [horizon] = await db.$queryRaw<{ xmin: bigint }[]>`SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint AS xmin`;
  const filter = rowFilter(project, dataset, query);
  const after = Prisma.sql`AND (r."txid", r."id") > (${since.txid}, ${since.id}) AND r."txid" < ${horizon!.xmin}`;
  const [last] = query.limit
    ? await db.$queryRaw<Position[]>`SELECT r."txid", r."id" ${filter} ${after} ORDER BY r."txid", r."id" OFFSET ${query.limit - 1} LIMIT 1`
    : [];
  const [end] = last
    ? [last]
    : await db.$queryRaw<Position[]>`SELECT r."txid", r."id" ${filter} ${after} ORDER BY r."txid" DESC, r."id" DESC LIMIT 1`;
  return end ? { since, until: end } : null;
}

type RankingRow = {
  txid: bigint;
  id: string;
  taskId: string;
  labelerId: string;
  ratings: Record<string, { likert: number; flags: string[] }>;
  ranking: string[][];
  promptCategory: string | null;
  promptFlags: string[];
  note: string | null;
  durationMs: number | null;
  instructionsVersion: number;
  createdAt: Date;
  promptId: string;
  promptText: string;
  promptSplit: string;
  promptUseCase: string | null;
};

async function* pages<T extends Position>(
  project: Project,
  dataset: ExportDataset,
  query: ExportQuery,
  range: { since: Position; until: Position },
  columns: Prisma.Sql,
) {
  const filter = rowFilter(project, dataset, query);
  let from = range.since;
  for (;;) {
    const rows = await db.$queryRaw<T[]>`
      SELECT ${columns} ${filter}
        AND (r."txid", r."id") > (${from.txid}, ${from.id}) AND (r."txid", r."id") <= (${range.until.txid}, ${range.until.id})
      ORDER BY r."txid", r."id" LIMIT ${PAGE}`;
    if (!rows.length) return;
    yield rows;
    from = rows.at(-1)!;
  }
}

/** The records of one export between two positions, in order, a page at a time. */
export async function* exportRecords(
  project: Project,
  dataset: ExportDataset,
  query: ExportQuery,
  range: { since: Position; until: Position },
): AsyncGenerator<unknown> {
  if (dataset === "prompts") {
    const columns = Prisma.sql`r."txid", r."id", r."text", r."split", r."category", r."source", r."kind", r."userRef", r."createdAt"`;
    for await (const rows of pages<
      Position & { text: string; split: string; category: string | null; source: string; kind: string; userRef: string; createdAt: Date }
    >(project, dataset, query, range, columns)) {
      for (const row of rows) {
        yield {
          id: row.id,
          text: row.text,
          split: row.split,
          category: row.category,
          source: row.source,
          kind: row.kind,
          user: endUserPseudonym(row.userRef),
          created_at: row.createdAt.toISOString(),
        };
      }
    }
    return;
  }
  if (dataset === "demonstrations") {
    const columns = Prisma.sql`r."txid", r."id", r."labelerId", r."demonstration", r."instructionsVersion", r."createdAt", p."id" AS "promptId", p."text" AS "promptText", p."split" AS "promptSplit"`;
    for await (const rows of pages<
      Position & {
        labelerId: string;
        demonstration: string;
        instructionsVersion: number;
        createdAt: Date;
        promptId: string;
        promptText: string;
        promptSplit: string;
      }
    >(project, dataset, query, range, columns)) {
      for (const row of rows) {
        yield toDemonstrationRecord(
          {
            group_id: row.id,
            prompt: { id: row.promptId, text: row.promptText },
            text: row.demonstration,
            labeler: labelerPseudonym(project, row.labelerId),
            split: row.promptSplit,
            created_at: row.createdAt.toISOString(),
            instructions_version: row.instructionsVersion,
          },
          query.format as "sft" | "messages",
        );
      }
    }
    return;
  }
  const columns = Prisma.sql`r."txid", r."id", r."taskId", r."labelerId", r."ratings", r."ranking", r."promptCategory", r."promptFlags", r."note", r."durationMs",
    r."instructionsVersion", r."createdAt", p."id" AS "promptId", p."text" AS "promptText", p."split" AS "promptSplit", p."category" AS "promptUseCase"`;
  for await (const rows of pages<RankingRow>(project, dataset, query, range, columns)) {
    const outputs = await db.taskOutput.findMany({
      where: { taskId: { in: [...new Set(rows.map((row) => row.taskId))] } },
      select: { id: true, model: true, text: true },
    });
    const byId = new Map(outputs.map((output) => [output.id, output]));
    for (const row of rows) {
      const ranking: Ranking = {
        group_id: row.id,
        task_id: row.taskId,
        prompt: { id: row.promptId, text: row.promptText, category: row.promptUseCase },
        outputs: rankOutputs(row.ranking, byId, row.ratings),
        tie_groups: row.ranking,
        prompt_labels: { category: row.promptCategory, flags: row.promptFlags },
        labeler: labelerPseudonym(project, row.labelerId),
        instructions_version: row.instructionsVersion,
        split: row.promptSplit,
        note: row.note,
        duration_ms: row.durationMs,
        created_at: row.createdAt.toISOString(),
      };
      if (query.model && !ranking.outputs.some((output) => output.model === query.model)) continue;
      if (query.format === "batches") yield toBatchRecord(ranking);
      else
        for (const record of toPairRecords(ranking, query.format as Exclude<ComparisonFormat, "batches">, {
          includeTies: query.ties === "include",
          model: query.model,
        }))
          yield record;
    }
  }
}

/** NDJSON bytes of an export, produced page by page (memory stays flat however large it is). */
export function ndjsonStream(records: AsyncGenerator<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      // Send ~64 KB at a time rather than one write per record.
      while (chunk.length < 65_536) {
        const next = await records.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += `${JSON.stringify(next.value)}\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await records.return(undefined);
    },
  });
}
