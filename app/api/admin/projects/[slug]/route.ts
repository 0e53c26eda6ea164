import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { updateProject } from "@/lib/projects/mutations";
import { requireProject } from "@/lib/projects/queries";
import { updateProjectSchema } from "@/lib/projects/schema";

type Context = { params: Promise<{ slug: string }> };

export const GET = route(async (_request, context: Context) => {
  await requireApiAdmin();
  return NextResponse.json({ project: await requireProject((await context.params).slug) });
});

export const PATCH = route(async (request, context: Context) => {
  const admin = await requireApiAdmin();
  const input = parseOrThrow(updateProjectSchema, await readJson(request));
  return NextResponse.json({ project: await updateProject((await context.params).slug, input, admin.id) });
});
