import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { redact, summarizeFindings } from "@/lib/pii";
import { redactRequestSchema } from "@/lib/pii/schema";

/** Previews what the pipeline would redact in a text; stores and logs nothing. Any valid key. */
export const POST = route(async (request) => {
  await requireApiKey(request);
  const { text } = parseOrThrow(redactRequestSchema, await readJson(request));
  const { redacted, findings } = redact(text);
  return NextResponse.json({ redacted, findings, redactions: summarizeFindings(findings) });
});
