import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { releaseLease } from "@/lib/labeling/queue";

type Context = { params: Promise<{ id: string }> };

export const POST = route(async (_request, context: Context) => {
  const admin = await requireApiAdmin();
  await releaseLease((await context.params).id, admin.id);
  return NextResponse.json({ status: "released" });
});
