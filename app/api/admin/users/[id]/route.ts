import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { updateUser } from "@/lib/users/mutations";
import { updateUserSchema } from "@/lib/users/schema";

type Context = { params: Promise<{ id: string }> };

/** Changes a person's role, or deactivates / reactivates them. */
export const PATCH = route(async (request, context: Context) => {
  const admin = await requireApiAdmin();
  const input = parseOrThrow(updateUserSchema, await readJson(request));
  const user = await updateUser((await context.params).id, input, admin.id);
  return NextResponse.json({ user });
});
