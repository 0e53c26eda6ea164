import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { createSnapshot, createSnapshotSchema } from "@/lib/exports/snapshots";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

/** An admin freezes an export from the export screen. */
export const POST = route(async (request, context: SlugContext) => {
  const admin = await requireApiAdmin();
  const project = await projectFromParams(context);
  const input = parseOrThrow(createSnapshotSchema, await readJson(request), "snapshot");
  return NextResponse.json({ snapshot: await createSnapshot(project, input, { userId: admin.id }) }, { status: 201 });
});
