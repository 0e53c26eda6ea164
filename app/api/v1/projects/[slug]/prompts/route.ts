import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { deleteExpiredIdempotencyKeys, readIdempotencyKey } from "@/lib/api/idempotency";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";
import { ingestPrompts } from "@/lib/prompts/ingest";
import { ingestPromptsSchema } from "@/lib/prompts/schema";

/**
 * Up to 1,000 prompts from an application's end users; one outcome per prompt, in order. A body
 * that breaks the schema stores nothing (422); a prompt that breaks a rule is "rejected".
 */
export const POST = route(async (request, context: SlugContext) => {
  const client = await requireApiKey(request, "prompts:write");
  const idempotencyKey = readIdempotencyKey(request);
  const body = parseOrThrow(ingestPromptsSchema, await readJson(request));
  const project = await projectFromParams(context);
  const results = await ingestPrompts({
    project,
    prompts: body.prompts,
    source: "api",
    idempotency: idempotencyKey ? { scope: `key:${client.keyId}`, key: idempotencyKey } : undefined,
  });
  // About one request in a hundred sweeps old keys, so the table stays small with no scheduler.
  if (Math.random() < 0.01) await deleteExpiredIdempotencyKeys();
  return NextResponse.json({ results });
});
