import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { comparisonBatchSchema, ingestComparisonBatch } from "@/lib/labeling/import";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

/**
 * One batch (up to 200 lines) of a JSONL file of comparisons: a ranking task per valid line, and
 * every line's outcome, so the browser can list the bad lines by number.
 */
export const POST = route(async (request, context: SlugContext) => {
  const admin = await requireApiAdmin();
  const project = await projectFromParams(context);
  const input = parseOrThrow(comparisonBatchSchema, await readJson(request), "batch");
  const outcomes = await ingestComparisonBatch(project, input, admin.id);
  const created = outcomes.filter((outcome) => outcome.status === "created").length;
  return NextResponse.json({ created, invalid: outcomes.length - created, outcomes });
});
