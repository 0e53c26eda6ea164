import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { createDemonstrationTasks, createDemonstrationTasksSchema } from "@/lib/labeling/tasks";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

/** Asks for demonstrations: one task per prompt, written by `labels` different labelers. */
export const POST = route(async (request, context: SlugContext) => {
  await requireApiKey(request, "outputs:write");
  const project = await projectFromParams(context);
  const input = parseOrThrow(createDemonstrationTasksSchema, await readJson(request), "request");
  const tasks = await createDemonstrationTasks(project, input);
  return NextResponse.json({ tasks: tasks.map((task) => ({ task_id: task.id, prompt_id: task.promptId })) }, { status: 201 });
});
