import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { completeSetup } from "@/lib/users/mutations";
import { setupAdminSchema } from "@/lib/users/schema";

/** Creates the first admin from the one-time setup link printed at first start. */
export const POST = route(async (request) => {
  const input = parseOrThrow(setupAdminSchema, await readJson(request));
  const user = await completeSetup(input);
  return NextResponse.json({ user: { email: user.email, role: user.role } }, { status: 201 });
});
