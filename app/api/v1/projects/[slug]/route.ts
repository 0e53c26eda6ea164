import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { parseOrThrow } from "@/lib/api/errors";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { requireProject } from "@/lib/projects/queries";
import { toPublicProject } from "@/lib/projects/public";
import { slugSchema } from "@/lib/projects/schema";

type Context = { params: Promise<{ slug: string }> };

export const GET = route(async (request, context: Context) => {
  await requireApiKey(request);
  const slug = parseOrThrow(slugSchema, (await context.params).slug, "project slug");
  return NextResponse.json({ project: toPublicProject(await requireProject(slug)) });
});
