import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { ingestImportBatch } from "@/lib/imports/mutations";
import { type ImportRouteContext, loadImportRoute } from "@/lib/imports/route-context";
import { importBatchSchema } from "@/lib/imports/schema";

/** One batch of up to 1,000 records; answers the import's running totals. */
export const POST = route(async (request, context: ImportRouteContext) => {
  const { project, importRow } = await loadImportRoute(context);
  const input = parseOrThrow(importBatchSchema, await readJson(request), "batch");
  return NextResponse.json({ totals: await ingestImportBatch(project, importRow, input) });
});
