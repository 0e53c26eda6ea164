import { NextResponse } from "next/server";
import { route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { listUsers } from "@/lib/users/queries";

export const GET = route(async () => {
  await requireApiAdmin();
  return NextResponse.json({ users: await listUsers() });
});
