import { NextResponse } from "next/server";
import { readJson, route } from "@/lib/api/http";
import { requireApiUser } from "@/lib/auth/guards";
import { submitTask } from "@/lib/labeling/queue";

type Context = { params: Promise<{ id: string }> };

/** A ranking or a demonstration for the labeler's task; 409 when their lease was lost. */
export const POST = route(async (request, context: Context) => {
  const user = await requireApiUser();
  const result = await submitTask((await context.params).id, user.id, await readJson(request));
  return NextResponse.json(result);
});
