import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { createSnapshot, createSnapshotSchema, listSnapshots } from "@/lib/exports/snapshots";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

export const GET = route(async (request, context: SlugContext) => {
  await requireApiKey(request, "export:read");
  return NextResponse.json({ snapshots: await listSnapshots(await projectFromParams(context)) });
});

/** Freezes an export under a name; answers its manifest (files, counts per split, sha256). */
export const POST = route(async (request, context: SlugContext) => {
  const client = await requireApiKey(request, "export:read");
  const project = await projectFromParams(context);
  const input = parseOrThrow(createSnapshotSchema, await readJson(request), "snapshot");
  return NextResponse.json({ snapshot: await createSnapshot(project, input, { apiKeyId: client.keyId }) }, { status: 201 });
});
