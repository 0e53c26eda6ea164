import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiUser } from "@/lib/auth/guards";
import { skipTask } from "@/lib/labeling/queue";
import { skipSchema } from "@/lib/labeling/schema";

type Context = { params: Promise<{ id: string }> };

export const POST = route(async (request, context: Context) => {
  const user = await requireApiUser();
  const { reason } = parseOrThrow(skipSchema, await readJson(request), "skip");
  await skipTask((await context.params).id, user.id, reason);
  return NextResponse.json({ status: "skipped" });
});
