import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { createProject } from "@/lib/projects/mutations";
import { listProjects } from "@/lib/projects/queries";
import { createProjectSchema } from "@/lib/projects/schema";

export const GET = route(async () => {
  await requireApiAdmin();
  return NextResponse.json({ projects: await listProjects() });
});

export const POST = route(async (request) => {
  const admin = await requireApiAdmin();
  const input = parseOrThrow(createProjectSchema, await readJson(request));
  return NextResponse.json({ project: await createProject(input, admin.id) }, { status: 201 });
});
