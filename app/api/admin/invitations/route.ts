import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { publicOrigin } from "@/lib/api/origin";
import { requireApiAdmin } from "@/lib/auth/guards";
import { createInvitation } from "@/lib/users/mutations";
import { listOpenInvitations } from "@/lib/users/queries";
import { inviteSchema } from "@/lib/users/schema";

export const GET = route(async () => {
  await requireApiAdmin();
  return NextResponse.json({ invitations: await listOpenInvitations() });
});

/** Creates an invitation; the link is in this answer only (the token is stored hashed). */
export const POST = route(async (request) => {
  const admin = await requireApiAdmin();
  const input = parseOrThrow(inviteSchema, await readJson(request));
  const { token, ...invitation } = await createInvitation(input, admin.id);
  return NextResponse.json({ invitation, url: `${publicOrigin(request)}/invite/${token}` }, { status: 201 });
});
