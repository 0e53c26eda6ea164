import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { requireProject } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";
import { listPrompts, promptFiltersSchema, searchParamsObject } from "@/lib/prompts/queries";

type Context = { params: Promise<{ slug: string }> };

/**
 * One page of prompts, newest first, filtered like the prompt browser (`q`, `split`, `source`,
 * `category` (a use case or "none"), `status`); `after`/`before` take the `older`/`newer` cursors.
 */
export const GET = route(async (request, context: Context) => {
  await requireApiAdmin();
  const slug = parseOrThrow(slugSchema, (await context.params).slug, "project slug");
  const filters = parseOrThrow(promptFiltersSchema, searchParamsObject(new URL(request.url)), "query");
  const project = await requireProject(slug);
  const page = await listPrompts(project.id, filters);
  return NextResponse.json({
    prompts: page.rows.map(({ userRef: _userRef, ...row }) => row),
    older: page.older,
    newer: page.newer,
  });
});
