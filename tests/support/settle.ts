import { db } from "@/lib/db";

/**
 * Waits until every submission and prompt of a project is below the export horizon: test files run in
 * parallel on one database, and a transaction still open in another file holds newer rows back
 * from exports (on purpose — see lib/exports/records.ts).
 */
export async function waitForSettledExports(projectId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.$queryRaw<{ settled: boolean }[]>`
      SELECT greatest(
               (SELECT coalesce(max("txid"), 0) FROM "Submission" WHERE "projectId" = ${projectId}),
               (SELECT coalesce(max("txid"), 0) FROM "Prompt" WHERE "projectId" = ${projectId})
             ) < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint AS settled`;
    if (row?.settled) return;
    if (Date.now() > deadline) throw new Error("Exports did not settle: a transaction stayed open.");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
