import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { createComparisonSchema, createComparisonTask } from "@/lib/labeling/tasks";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

/** One ranking task: a prompt and its 4–9 model outputs (redacted before they are stored). */
export const POST = route(async (request, context: SlugContext) => {
  await requireApiKey(request, "outputs:write");
  const project = await projectFromParams(context);
  const input = parseOrThrow(createComparisonSchema, await readJson(request), "comparison");
  const task = await createComparisonTask(project, input);
  return NextResponse.json({ task_id: task.id, outputs: task.outputs }, { status: 201 });
});
