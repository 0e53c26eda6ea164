import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { acceptInvitation } from "@/lib/users/mutations";
import { acceptInvitationSchema } from "@/lib/users/schema";

/** The invitee sets a name and password; the link works once. */
export const POST = route(async (request) => {
  const input = parseOrThrow(acceptInvitationSchema, await readJson(request));
  const user = await acceptInvitation(input);
  return NextResponse.json({ user: { email: user.email, role: user.role } }, { status: 201 });
});
