import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { toPublicProject } from "@/lib/projects/public";
import { listProjects } from "@/lib/projects/queries";

/** Any valid key may list the projects, to find the slugs the other routes take. */
export const GET = route(async (request) => {
  await requireApiKey(request);
  const projects = await listProjects();
  return NextResponse.json({ projects: projects.map(toPublicProject) });
});
