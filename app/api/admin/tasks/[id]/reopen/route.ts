import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { reopenTask } from "@/lib/labeling/queue";

type Context = { params: Promise<{ id: string }> };

export const POST = route(async (_request, context: Context) => {
  const admin = await requireApiAdmin();
  await reopenTask((await context.params).id, admin.id);
  return NextResponse.json({ status: "reopened" });
});
