import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { requireApiUser } from "@/lib/auth/guards";
import { leaseNextTask } from "@/lib/labeling/queue";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

/** The signed-in labeler's current task, or a newly leased one; 204 when nothing is left. */
export const POST = route(async (_request, context: SlugContext) => {
  const user = await requireApiUser();
  const project = await projectFromParams(context);
  const task = await leaseNextTask(project, user.id);
  return task ? NextResponse.json(task) : new NextResponse(null, { status: 204 });
});
