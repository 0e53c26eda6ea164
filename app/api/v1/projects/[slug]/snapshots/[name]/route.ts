import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { getSnapshot, snapshotNameSchema } from "@/lib/exports/snapshots";
import { projectFromParams } from "@/lib/projects/route-params";

type Context = { params: Promise<{ slug: string; name: string }> };

export const GET = route(async (request, context: Context) => {
  await requireApiKey(request, "export:read");
  const { slug, name } = await context.params;
  const project = await projectFromParams({ params: Promise.resolve({ slug }) });
  const snapshot = await getSnapshot(project, parseOrThrow(snapshotNameSchema, name, "snapshot name"));
  return NextResponse.json({ snapshot: snapshot.manifest });
});
