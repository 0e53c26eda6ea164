import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { requestDemonstrations, requestDemonstrationsSchema } from "@/lib/labeling/import";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

/** Asks for demonstrations of chosen prompts, or of the newest prompts that have none yet. */
export const POST = route(async (request, context: SlugContext) => {
  const admin = await requireApiAdmin();
  const project = await projectFromParams(context);
  const input = parseOrThrow(requestDemonstrationsSchema, await readJson(request));
  const tasks = await requestDemonstrations(project, input, admin.id);
  return NextResponse.json(
    { created: tasks.length, tasks: tasks.map((task) => ({ id: task.id, prompt_id: task.promptId })) },
    { status: tasks.length ? 201 : 200 },
  );
});
