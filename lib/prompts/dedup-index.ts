import { Prisma } from "@/lib/generated/prisma/client";
import { promptDedupKey } from "@/lib/prompts/dedup";

type Tx = Prisma.TransactionClient;

export const DEDUP_REBUILD_BATCH = 5_000;

export type DedupRebuild = {
  /** Prompts walked (every kept prompt of the project, archived ones included). */
  prompts: number;
  /** Keys written: prompts minus those that now share a prefix with an older prompt. */
  keys: number;
};

/**
 * Rebuilds a project's long-prefix dedup index for a new prefix length, inside the caller's
 * transaction (which must hold the project row FOR UPDATE, so no batch adds keys meanwhile).
 * Prompts are walked oldest first in bounded batches, so memory stays flat at any size; when two
 * prompts now share a key, the older one keeps it (as it would have had it been there first).
 * Prompts that lose their key are not touched: they were kept under the old rule.
 */
export async function rebuildDedupIndex(
  tx: Tx,
  projectId: string,
  prefixWords: number,
  batchSize = DEDUP_REBUILD_BATCH,
): Promise<DedupRebuild> {
  await tx.$executeRaw`DELETE FROM "PromptDedupKey" WHERE "projectId" = ${projectId}`;
  let cursor: { at: string; id: string } | null = null;
  const result: DedupRebuild = { prompts: 0, keys: 0 };
  for (;;) {
    // The cursor's timestamp travels as text, so no time zone or precision is lost between batches.
    const rows: Array<{ id: string; text: string; messages: unknown; at: string }> = await tx.$queryRaw`
      SELECT "id", "text", "messages", to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "at"
      FROM "Prompt"
      WHERE "projectId" = ${projectId}
        ${cursor ? Prisma.sql`AND ("createdAt", "id") > (${cursor.at}::timestamp, ${cursor.id})` : Prisma.empty}
      ORDER BY "createdAt" ASC, "id" ASC
      LIMIT ${batchSize}`;
    if (!rows.length) break;
    result.prompts += rows.length;

    // Within the batch the first (oldest) prompt of a key wins; across batches ON CONFLICT keeps
    // the key an earlier batch wrote.
    const keys: string[] = [];
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const key = promptDedupKey(row, prefixWords);
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
      ids.push(row.id);
    }
    result.keys += await tx.$executeRaw`
      INSERT INTO "PromptDedupKey" ("projectId", "key", "promptId")
      SELECT ${projectId}, decode(t.k, 'base64'), t.p FROM unnest(${keys}::text[], ${ids}::text[]) AS t(k, p)
      ON CONFLICT DO NOTHING`;

    const last = rows.at(-1)!;
    cursor = { at: last.at, id: last.id };
    if (rows.length < batchSize) break;
  }
  return result;
}
