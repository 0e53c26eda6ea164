import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { FIELD_BYTES, safeString } from "@/lib/input/schema";
import { cursorSchema, keysetClauses, pageOf } from "@/lib/keyset";
import { type ConversationMessage, readMessages } from "@/lib/prompts/conversation";
import type { RejectionCode } from "@/lib/prompts/prepare";
import { type RedactionCount, USE_CASES } from "@/lib/prompts/schema";
import { SPLITS, type Split } from "@/lib/prompts/split";
import { countTokens } from "@/lib/prompts/tokens";

// Reads for the admin screens of prompt collection. Every list is keyset-paginated (no OFFSET,
// no exact COUNT(*)), so a page costs the same at a thousand prompts and at a million.

export const PROMPT_SOURCES = ["api", "import", "labeler"] as const;
export const PROMPT_STATUSES = ["active", "archived"] as const;
export const PROMPT_PAGE_SIZE = 50;
export const END_USER_PAGE_SIZE = 50;

// ---------------------------------------------------------------------------------------------
// Cursors

export { type Cursor, cursorSchema, encodeCursor } from "@/lib/keyset";

/** A position in the end users' (acceptedCount desc, userRef desc) ordering: "<count>.<userRef>". */
export const usageCursorSchema = z
  .string()
  .regex(/^\d{1,10}\.[A-Za-z0-9_-]{1,64}$/, { message: "Not a page cursor." })
  // The count is compared with an integer column: past its range PostgreSQL fails the query.
  .refine((value) => Number(value.slice(0, value.indexOf("."))) <= 2_147_483_647, { message: "Not a page cursor." })
  .transform((value) => {
    const dot = value.indexOf(".");
    return { count: Number(value.slice(0, dot)), userRef: value.slice(dot + 1) };
  });

// ---------------------------------------------------------------------------------------------
// Prompt browser

export const promptFiltersSchema = z.object({
  q: safeString(FIELD_BYTES.name)
    .trim()
    .max(200, { message: "Search for at most 200 characters." })
    .optional()
    .transform((value) => value || undefined),
  split: z.enum(SPLITS).optional(),
  source: z.enum(PROMPT_SOURCES).optional(),
  category: z.enum([...USE_CASES, "none"]).optional(),
  status: z.enum(PROMPT_STATUSES).optional(),
  // "after": older than this row (the next page); "before": newer than this row (back).
  after: cursorSchema.optional(),
  before: cursorSchema.optional(),
});
// Partial: the transform makes `q` a required key, but every filter may be left out.
export type PromptFilters = Partial<z.infer<typeof promptFiltersSchema>>;

type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Filters for a page's URL: a value that does not parse is dropped rather than failing the page
 * (a stale bookmark still shows prompts); the API uses the strict schema instead.
 */
export function parsePromptFiltersLenient(params: SearchParams): PromptFilters {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(promptFiltersSchema.shape) as Array<keyof typeof promptFiltersSchema.shape>) {
    const raw = firstValue(params[key]);
    if (raw === undefined || raw === "") continue;
    const parsed = promptFiltersSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as PromptFilters;
}

/** `text` as a literal inside a LIKE pattern: its %, _ and \ match only themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function promptWhere(projectId: string, filters: PromptFilters): Prisma.Sql[] {
  const where = [Prisma.sql`p."projectId" = ${projectId}`];
  if (filters.split) where.push(Prisma.sql`p."split" = ${filters.split}::"Split"`);
  if (filters.source) where.push(Prisma.sql`p."source" = ${filters.source}::"PromptSource"`);
  if (filters.status) where.push(Prisma.sql`p."status" = ${filters.status}::"PromptStatus"`);
  if (filters.category === "none") where.push(Prisma.sql`p."category" IS NULL`);
  else if (filters.category) where.push(Prisma.sql`p."category" = ${filters.category}::"UseCase"`);
  // A substring search that the trigram index (Prompt_text_trgm_idx) can answer.
  if (filters.q) where.push(Prisma.sql`p."text" ILIKE ${`%${escapeLike(filters.q)}%`}`);
  return where;
}

/**
 * The SQL of one page of prompts, newest first: `limit` rows after (older than) or before (newer
 * than) a cursor. Exported so that bench/seed-prompts.ts can EXPLAIN exactly what the page runs.
 */
export function promptPageSql(projectId: string, filters: PromptFilters, limit: number): Prisma.Sql {
  const where = promptWhere(projectId, filters);
  const { condition, order } = keysetClauses("p", filters);
  if (condition) where.push(condition);
  // A subquery per returned row: the labels cost one primary-key lookup each, only for the page.
  return Prisma.sql`
    SELECT p."id", p."text", p."messages", p."split"::text AS "split", p."source"::text AS "source", p."kind"::text AS "kind",
           p."status"::text AS "status", p."category"::text AS "category", p."redactions", p."userRef",
           p."createdAt",
           (SELECT e."label" FROM "EndUser" e WHERE e."projectId" = p."projectId" AND e."userRef" = p."userRef") AS "userLabel"
    FROM "Prompt" p
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

export type PromptRow = {
  id: string;
  /** For a conversation, its role-tagged transcript. */
  text: string;
  /** The redacted turns of a conversation prompt; null for a plain-text prompt. */
  messages: ConversationMessage[] | null;
  split: Split;
  source: (typeof PROMPT_SOURCES)[number];
  kind: "plain" | "few_shot" | "user_based";
  status: (typeof PROMPT_STATUSES)[number];
  category: (typeof USE_CASES)[number] | null;
  redactions: RedactionCount[] | null;
  userRef: string;
  userLabel: string | null;
  createdAt: Date;
  /** Counted when shown: a page is cheap to count, and ingest need not count every prompt. */
  tokenCount: number;
};

export type PromptPage = {
  rows: PromptRow[];
  /** Cursor of the next (older) page, if there is one. */
  older: string | null;
  /** Cursor of the previous (newer) page, if there is one. */
  newer: string | null;
};

/** One page of a project's prompts, newest first, with cursors to the pages on either side. */
export async function listPrompts(projectId: string, filters: PromptFilters, pageSize = PROMPT_PAGE_SIZE): Promise<PromptPage> {
  // One row more than the page tells whether another page follows, without counting.
  const fetched = await db.$queryRaw<Array<Omit<PromptRow, "tokenCount" | "messages"> & { messages: unknown }>>(
    promptPageSql(projectId, filters, pageSize + 1),
  );
  return pageOf(
    fetched.map((row) => ({ ...row, messages: readMessages(row.messages), tokenCount: countTokens(row.text) })),
    pageSize,
    filters,
  );
}

export const EXACT_COUNT_LIMIT = 1000;

/** Counts matching prompts, stopping at one past EXACT_COUNT_LIMIT (for the bench, too). */
export function promptCountSql(projectId: string, filters: PromptFilters): Prisma.Sql {
  const where = Prisma.join(promptWhere(projectId, { ...filters, after: undefined, before: undefined }), " AND ");
  return Prisma.sql`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Prompt" p WHERE ${where} LIMIT ${EXACT_COUNT_LIMIT + 1}) AS t`;
}

export type PromptCount = { exact: true; count: number } | { exact: false; atLeast: number; estimate: number };

/**
 * How many prompts match, without an exact COUNT(*) over a million rows: counted exactly up to
 * EXACT_COUNT_LIMIT (reading at most that many index entries), beyond that the planner's
 * estimate, good for "about 40,000" and not for a total to rely on.
 */
export async function countPrompts(projectId: string, filters: PromptFilters): Promise<PromptCount> {
  const where = Prisma.join(promptWhere(projectId, { ...filters, after: undefined, before: undefined }), " AND ");
  const [bounded, plan] = await Promise.all([
    db.$queryRaw<Array<{ n: bigint }>>(promptCountSql(projectId, filters)),
    db.$queryRaw<
      Array<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }>
    >`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Prompt" p WHERE ${where}`,
  ]);
  const count = Number(bounded[0]?.n ?? 0);
  if (count <= EXACT_COUNT_LIMIT) return { exact: true, count };
  const estimate = Math.round(plan[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
  // Statistics lag behind a fast-growing table; never claim fewer rows than were just counted.
  return { exact: false, atLeast: count, estimate: Math.max(estimate, count) };
}

// ---------------------------------------------------------------------------------------------
// End users and quotas

export type EndUserRow = {
  userRef: string;
  label: string;
  split: Split;
  acceptedCount: number;
  quotaOverride: number | null;
  lastSeenAt: Date;
};

export type EndUserPage = { rows: EndUserRow[]; next: string | null };

/**
 * A project's end users by usage, heaviest first (ties by pseudonym), one page after `after`.
 * No index serves this order (it would make every quota count update a non-HOT one): each page is
 * a top-N sort over the project's end users, about 40 ms at 200,000 of them.
 */
export async function listEndUsersByUsage(
  projectId: string,
  after?: { count: number; userRef: string },
  pageSize = END_USER_PAGE_SIZE,
): Promise<EndUserPage> {
  const rows = await db.$queryRaw<EndUserRow[]>`
    SELECT "userRef", "label", "split"::text AS "split", "acceptedCount", "quotaOverride", "lastSeenAt"
    FROM "EndUser"
    WHERE "projectId" = ${projectId}
      ${after ? Prisma.sql`AND ("acceptedCount", "userRef") < (${after.count}, ${after.userRef})` : Prisma.empty}
    ORDER BY "acceptedCount" DESC, "userRef" DESC
    LIMIT ${pageSize + 1}`;
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, next: rows.length > pageSize && last ? `${last.acceptedCount}.${last.userRef}` : null };
}

/** How many end users a project has and how many carry an override (both small tables to scan). */
export async function getEndUserSummary(projectId: string) {
  const [row] = await db.$queryRaw<Array<{ users: bigint; overrides: bigint }>>`
    SELECT count(*) AS "users", count("quotaOverride") AS "overrides" FROM "EndUser" WHERE "projectId" = ${projectId}`;
  return { users: Number(row?.users ?? 0), overrides: Number(row?.overrides ?? 0) };
}

// ---------------------------------------------------------------------------------------------
// Pipeline counters

export const OUTCOME_NAMES = ["accepted", "duplicate", "quota_exceeded", "rejected"] as const;
export type OutcomeName = (typeof OUTCOME_NAMES)[number];

export type PipelineDay = { day: string; outcomes: Record<OutcomeName, number> };

export type PipelineStats = {
  totals: Record<OutcomeName, number>;
  rejected: Record<RejectionCode, number>;
  redactions: Array<{ type: string; count: number }>;
  /** The last `days` days, oldest first, every day present (zeros included). */
  days: PipelineDay[];
};

function emptyOutcomes(): Record<OutcomeName, number> {
  return { accepted: 0, duplicate: 0, quota_exceeded: 0, rejected: 0 };
}

/** Folds counter rows (already summed over shards) into totals, rejection reasons and redactions. */
export function foldCounters(
  totals: Array<{ name: string; count: number }>,
  perDay: Array<{ day: string; name: string; count: number }>,
  days: string[],
): PipelineStats {
  const stats: PipelineStats = { totals: emptyOutcomes(), rejected: { empty: 0, too_long: 0, unstorable: 0 }, redactions: [], days: [] };
  for (const { name, count } of totals) {
    const [kind, value] = [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)];
    if (kind === "outcome" && value in stats.totals) stats.totals[value as OutcomeName] += count;
    else if (kind === "rejected" && value in stats.rejected) stats.rejected[value as RejectionCode] += count;
    else if (kind === "redaction") stats.redactions.push({ type: value, count });
  }
  stats.redactions.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const byDay = new Map(days.map((day) => [day, emptyOutcomes()]));
  for (const { day, name, count } of perDay) {
    const outcome = name.slice("outcome:".length) as OutcomeName;
    const slot = byDay.get(day);
    if (slot && name.startsWith("outcome:") && outcome in slot) slot[outcome] += count;
  }
  stats.days = days.map((day) => ({ day, outcomes: byDay.get(day)! }));
  return stats;
}

/** What the pipeline did for a project: all-time totals and the last `days` days of outcomes. */
export async function getPipelineStats(projectId: string, days = 30, today = new Date()): Promise<PipelineStats> {
  const dayList = Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1 - i)));
    return date.toISOString().slice(0, 10);
  });
  // Concurrent batches write to different shards of a counter; the sums put them back together.
  const [totals, perDay] = await Promise.all([
    db.$queryRaw<Array<{ name: string; count: bigint }>>`
      SELECT "name", sum("count") AS "count" FROM "IngestCounter" WHERE "projectId" = ${projectId} GROUP BY "name"`,
    db.$queryRaw<Array<{ day: string; name: string; count: bigint }>>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", "name", sum("count") AS "count"
      FROM "IngestCounter"
      WHERE "projectId" = ${projectId} AND "day" >= ${dayList[0]}::date AND "name" LIKE 'outcome:%'
      GROUP BY "day", "name"`,
  ]);
  return foldCounters(
    totals.map((row) => ({ name: row.name, count: Number(row.count) })),
    perDay.map((row) => ({ day: row.day, name: row.name, count: Number(row.count) })),
    dayList,
  );
}
