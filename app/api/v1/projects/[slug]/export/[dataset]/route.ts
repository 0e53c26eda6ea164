import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { encodeCursor, exportRecords, ndjsonStream, planExport } from "@/lib/exports/records";
import { exportDatasetSchema, exportQuerySchema } from "@/lib/exports/schema";
import { projectFromParams } from "@/lib/projects/route-params";

type Context = { params: Promise<{ slug: string; dataset: string }> };

/**
 * Streams a dataset as NDJSON (gzipped by the server when the client accepts it). X-Next-Cursor is where the next
 * incremental pull starts (`since`); the same request returns the same bytes while no new data
 * arrives.
 */
export const GET = route(async (request, context: Context) => {
  await requireApiKey(request, "export:read");
  const { slug, dataset: rawDataset } = await context.params;
  const project = await projectFromParams({ params: Promise.resolve({ slug }) });
  const dataset = parseOrThrow(exportDatasetSchema, rawDataset, "dataset");
  const query = parseOrThrow(exportQuerySchema(dataset), Object.fromEntries(new URL(request.url).searchParams), "query");

  const range = await planExport(project, dataset, query);
  const headers = new Headers({
    // A text/ type: the server's gzip applies only to types it knows to be compressible.
    "Content-Type": "text/x-ndjson; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Next-Cursor": range ? encodeCursor(range.until) : (query.since ?? encodeCursor({ txid: -1n, id: "" })),
  });
  if (!range) return new NextResponse(null, { status: 200, headers });
  // Gzip is applied by the server (next.config.js `compress`) when the client accepts it: Next
  // drops a Content-Encoding header set here, so the handler must not compress by itself.
  return new NextResponse(ndjsonStream(exportRecords(project, dataset, query, range)), { status: 200, headers });
});
