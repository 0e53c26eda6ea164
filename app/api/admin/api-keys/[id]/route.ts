import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { revokeApiKey } from "@/lib/api-keys/mutations";
import { requireApiAdmin } from "@/lib/auth/guards";

type Context = { params: Promise<{ id: string }> };

export const DELETE = route(async (_request, context: Context) => {
  const admin = await requireApiAdmin();
  await revokeApiKey((await context.params).id, admin.id);
  return new NextResponse(null, { status: 204 });
});
