import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { toPublicProject } from "@/lib/projects/public";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

export const GET = route(async (request, context: SlugContext) => {
  await requireApiKey(request);
  return NextResponse.json({ project: toPublicProject(await projectFromParams(context)) });
});
