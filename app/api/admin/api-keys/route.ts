import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { createApiKey } from "@/lib/api-keys/mutations";
import { listApiKeys } from "@/lib/api-keys/queries";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { requireApiAdmin } from "@/lib/auth/guards";

export const GET = route(async () => {
  await requireApiAdmin();
  return NextResponse.json({ keys: await listApiKeys() });
});

/** Creates a key; the key itself is in this answer only. */
export const POST = route(async (request) => {
  const admin = await requireApiAdmin();
  const input = parseOrThrow(createApiKeySchema, await readJson(request));
  return NextResponse.json({ key: await createApiKey(input, admin.id) }, { status: 201 });
});
