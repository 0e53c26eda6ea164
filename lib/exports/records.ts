// Reading export records from the database in pages, in a stable order: (txid, id), where txid is
// the id of the transaction that wrote the row. Only rows written by transactions older than
// every transaction still running are read, so a later pull (from the returned cursor) can never
// find a row that belongs before it: nothing is skipped or repeated.
import { createHmac } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { toConsensusRecord } from "@/lib/exports/consensus";
import { type Ranking, rankOutputs, toBatchRecord, toDemonstrationRecord, toPairRecords } from "@/lib/exports/formats";
import { type ComparisonFormat, type ExportDataset, type ExportQuery, UNCOUNTED_STATUSES } from "@/lib/exports/schema";
import { Prisma, type Project } from "@/lib/generated/prisma/client";
import { ranksByPosition } from "@/lib/labeling/gold";
import { type ConversationMessage, readMessages } from "@/lib/prompts/conversation";

export type Position = { txid: bigint; id: string };
const START: Position = { txid: -1n, id: "" };
const MAX_TXID = 2n ** 63n - 1n;
const PAGE = 500;

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.txid}.${position.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Position {
  if (!cursor) return START;
  const match = /^(-?\d{1,19})\.([\w-]*)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const txid = match ? BigInt(match[1]!) : null;
  // The txid is compared with a bigint column: past its range PostgreSQL fails the query.
  if (txid === null || txid < START.txid || txid > MAX_TXID)
    throw new AppError("unprocessable", "`since` is not a cursor this API returned.", [{ path: "since", message: "Unknown cursor." }]);
  return { txid, id: match![2]! };
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

/**
 * `labelers=counted`: the submission (alias `r` or `s`) is not by a labeler whose standing in the
 * project is now blocked or failed at screening. A labeler with no standing row counts. Read at
 * export time, like Task.gold: a later change of standing does not recall records already pulled.
 */
export function countedLabeler(alias: "r" | "s", query: Pick<ExportQuery, "labelers">) {
  if (query.labelers === "all") return Prisma.empty;
  const r = Prisma.raw(`"${alias}"`);
  return Prisma.sql`AND NOT EXISTS (
    SELECT 1 FROM "LabelerQuality" q WHERE q."projectId" = ${r}."projectId" AND q."labelerId" = ${r}."labelerId"
      AND q."status"::text IN (${Prisma.join(UNCOUNTED_STATUSES)}))`;
}

// The rows an export reads. The comparison filters are plain conditions on each row, so the
// keyset paging by (txid, id) is unchanged: a row filtered out is simply never read, and a cursor
// (the position of the last row read) stays a position in the full sequence of rows.
function rowFilter(project: Project, dataset: ExportDataset, query: Pick<ExportQuery, "split" | "gold" | "labelers">) {
  const source = sourceOf(dataset);
  if (source.table === "Prompt") {
    return Prisma.sql`FROM "Prompt" r WHERE r."projectId" = ${project.id} AND r."status" = 'active'
      ${query.split ? Prisma.sql`AND r."split" = ${query.split}::"Split"` : Prisma.empty}`;
  }
  const comparisons = dataset === "comparisons";
  return Prisma.sql`FROM "Submission" r JOIN "Task" t ON t."id" = r."taskId" JOIN "Prompt" p ON p."id" = t."promptId"
    WHERE r."projectId" = ${project.id} AND r."kind" = ${source.kind}::"TaskKind"
    ${query.split ? Prisma.sql`AND p."split" = ${query.split}::"Split"` : Prisma.empty}
    ${comparisons && query.gold !== "include" ? Prisma.sql`AND NOT t."gold"` : Prisma.empty}
    ${comparisons ? countedLabeler("r", query) : Prisma.empty}`;
}

/**
 * Where an export from `since` ends: after `limit` records (rankings for comparisons, tasks for
 * `consensus`), or at the last settled row. Returns null when there is nothing new.
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
  const consensus = dataset === "comparisons" && query.format === "consensus";
  const [last] = !query.limit
    ? []
    : consensus
      ? await consensusLimit(project, query, since, horizon!.xmin, query.limit)
      : await db.$queryRaw<
          Position[]
        >`SELECT r."txid", r."id" ${filter} ${after} ORDER BY r."txid", r."id" OFFSET ${query.limit - 1} LIMIT 1`;
  const [end] = last
    ? [last]
    : await db.$queryRaw<Position[]>`SELECT r."txid", r."id" ${filter} ${after} ORDER BY r."txid" DESC, r."id" DESC LIMIT 1`;
  return end ? { since, until: end } : null;
}

/*
 * Consensus records and cursors. A consensus record stands for a task, not a row, so it needs a
 * position of its own. The choice: an export over (since, until] emits every task that has a
 * counted ranking in (since, until] and at least two counted rankings at or below `until`, built
 * from exactly those rankings (its state as of `until`), at the position of its latest counted
 * ranking at or below `until`, in (txid, id) order. Hence:
 * - the records of one export are a function of the rows at or below `until` only, so the same
 *   request answers the same bytes while no new data arrives, and a page boundary inside the
 *   stream is an ordinary keyset boundary (the latest-ranking positions are distinct rows);
 * - consecutive pulls split the rankings between them: every counted ranking is in the record of
 *   the pull whose range holds it (or, for a task's first ranking, of the pull that brings its
 *   second), so nothing is skipped; a task comes again only in a pull that brings it a new
 *   ranking, with its count one or more higher, so no state is repeated. A trainer keeps the last
 *   record per `group_id`; the record in a full export is the same as the last one from any chain
 *   of incremental pulls.
 */

/**
 * With `limit`, the position of the `limit`-th task a consensus export from `since` emits. A task
 * enters at its first counted ranking after `since` that is at least its second counted ranking
 * overall (row_number ≥ 2): an export ending there is the first to hold it with two rankings.
 */
async function consensusLimit(project: Project, query: ExportQuery, since: Position, horizon: bigint, limit: number) {
  const filter = rowFilter(project, "comparisons", query);
  return db.$queryRaw<Position[]>`
    WITH counted AS (
      SELECT r."taskId", r."txid", r."id", row_number() OVER (PARTITION BY r."taskId" ORDER BY r."txid", r."id") AS n
      ${filter} AND r."txid" < ${horizon}
        AND r."taskId" IN (
          SELECT s."taskId" FROM "Submission" s
          WHERE s."projectId" = ${project.id} AND s."kind" = 'ranking'
            AND (s."txid", s."id") > (${since.txid}, ${since.id}) AND s."txid" < ${horizon} ${countedLabeler("s", query)})
    ), entry AS (
      SELECT DISTINCT ON ("taskId") "txid", "id" FROM counted
      WHERE n >= 2 AND ("txid", "id") > (${since.txid}, ${since.id})
      ORDER BY "taskId", "txid", "id"
    )
    SELECT "txid", "id" FROM entry ORDER BY "txid", "id" OFFSET ${limit - 1} LIMIT 1`;
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
  promptMessages: unknown;
};

/** A prompt's `messages` key for an export record: its turns when it is a conversation, nothing otherwise. */
function messagesOf(value: unknown): { messages?: ConversationMessage[] } {
  const messages = readMessages(value);
  return messages ? { messages } : {};
}

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
    const columns = Prisma.sql`r."txid", r."id", r."text", r."messages", r."split", r."category", r."source", r."kind", r."userRef", r."createdAt"`;
    for await (const rows of pages<
      Position & {
        text: string;
        messages: unknown;
        split: string;
        category: string | null;
        source: string;
        kind: string;
        userRef: string;
        createdAt: Date;
      }
    >(project, dataset, query, range, columns)) {
      for (const row of rows) {
        yield {
          id: row.id,
          text: row.text,
          ...messagesOf(row.messages),
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
    const columns = Prisma.sql`r."txid", r."id", r."labelerId", r."demonstration", r."instructionsVersion", r."createdAt", p."id" AS "promptId", p."text" AS "promptText", p."messages" AS "promptMessages", p."split" AS "promptSplit"`;
    for await (const rows of pages<
      Position & {
        labelerId: string;
        demonstration: string;
        instructionsVersion: number;
        createdAt: Date;
        promptId: string;
        promptText: string;
        promptMessages: unknown;
        promptSplit: string;
      }
    >(project, dataset, query, range, columns)) {
      for (const row of rows) {
        yield toDemonstrationRecord(
          {
            group_id: row.id,
            prompt: { id: row.promptId, text: row.promptText, ...messagesOf(row.promptMessages) },
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
  if (query.format === "consensus") {
    yield* consensusRecords(project, query, range);
    return;
  }
  const columns = Prisma.sql`r."txid", r."id", r."taskId", r."labelerId", r."ratings", r."ranking", r."promptCategory", r."promptFlags", r."note", r."durationMs",
    r."instructionsVersion", r."createdAt", p."id" AS "promptId", p."text" AS "promptText", p."split" AS "promptSplit", p."category" AS "promptUseCase", p."messages" AS "promptMessages"`;
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
        prompt: { id: row.promptId, text: row.promptText, category: row.promptUseCase, ...messagesOf(row.promptMessages) },
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

// Map.groupBy is not in Node 20.
function byTask<T extends { taskId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.taskId);
    if (list) list.push(row);
    else map.set(row.taskId, [row]);
  }
  return map;
}

type ConsensusKey = Position & { taskId: string; promptId: string; promptText: string; promptSplit: string; promptMessages: unknown };

/**
 * The `consensus` records between two positions (see "Consensus records and cursors" above): the
 * key rows are the counted rankings in (since, until] that no later counted ranking of the same
 * task at or below `until` follows, paged by (txid, id) like any other rows; each key's task is
 * then built from all its counted rankings at or below `until`, and left out below two.
 */
async function* consensusRecords(project: Project, query: ExportQuery, range: { since: Position; until: Position }) {
  const filter = rowFilter(project, "comparisons", query);
  const { until } = range;
  let from = range.since;
  for (;;) {
    const keys = await db.$queryRaw<ConsensusKey[]>`
      SELECT r."txid", r."id", r."taskId", p."id" AS "promptId", p."text" AS "promptText", p."split"::text AS "promptSplit", p."messages" AS "promptMessages" ${filter}
        AND (r."txid", r."id") > (${from.txid}, ${from.id}) AND (r."txid", r."id") <= (${until.txid}, ${until.id})
        AND NOT EXISTS (
          SELECT 1 FROM "Submission" s
          WHERE s."taskId" = r."taskId" AND s."kind" = 'ranking'
            AND (s."txid", s."id") > (r."txid", r."id") AND (s."txid", s."id") <= (${until.txid}, ${until.id})
            ${countedLabeler("s", query)})
      ORDER BY r."txid", r."id" LIMIT ${PAGE}`;
    if (!keys.length) return;
    // One key per task by construction (only a task's latest ranking is a key).
    const taskIds = keys.map((key) => key.taskId);
    const [submissions, outputs] = await Promise.all([
      db.$queryRaw<{ taskId: string; ranks: number[] | null; ranking: string[][] }[]>`
        SELECT s."taskId", s."ranks", s."ranking" FROM "Submission" s
        WHERE s."taskId" IN (${Prisma.join(taskIds)}) AND s."kind" = 'ranking'
          AND (s."txid", s."id") <= (${until.txid}, ${until.id}) ${countedLabeler("s", query)}`,
      db.taskOutput.findMany({
        where: { taskId: { in: taskIds } },
        orderBy: [{ taskId: "asc" }, { position: "asc" }],
        select: { id: true, taskId: true, model: true, text: true },
      }),
    ]);
    const outputsOf = byTask(outputs);
    const rankingsOf = byTask(submissions);
    for (const key of keys) {
      const rankings = rankingsOf.get(key.taskId) ?? [];
      const taskOutputs = (outputsOf.get(key.taskId) ?? []).map(({ id, model, text }) => ({ id, model, text }));
      if (rankings.length < 2) continue;
      if (query.model && !taskOutputs.some((output) => output.model === query.model)) continue;
      const ids = taskOutputs.map((output) => output.id);
      yield toConsensusRecord(
        {
          task_id: key.taskId,
          prompt: { id: key.promptId, text: key.promptText, split: key.promptSplit, ...messagesOf(key.promptMessages) },
          outputs: taskOutputs,
        },
        // `ranks` (by position) is kept beside the JSON ranking; the JSON is the fallback for a row without it.
        rankings.map((row) => (row.ranks?.length === ids.length ? row.ranks : ranksByPosition(row.ranking, ids))),
      );
    }
    from = keys.at(-1)!;
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
