import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { revokeInvitation } from "@/lib/users/mutations";

type Context = { params: Promise<{ id: string }> };

export const DELETE = route(async (_request, context: Context) => {
  const admin = await requireApiAdmin();
  await revokeInvitation((await context.params).id, admin.id);
  return new NextResponse(null, { status: 204 });
});
