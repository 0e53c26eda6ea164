import { z } from "zod";
import { parseOrThrow } from "@/lib/api/errors";
import { route } from "@/lib/api/http";
import { requireApiKey } from "@/lib/api-keys/authenticate";
import { openSnapshotFile, snapshotNameSchema } from "@/lib/exports/snapshots";
import { projectFromParams } from "@/lib/projects/route-params";

type Context = { params: Promise<{ slug: string; name: string; file: string }> };

/** A snapshot file's stored bytes (gzipped NDJSON), the same bytes on every download. */
export const GET = route(async (request, context: Context) => {
  await requireApiKey(request, "export:read");
  const { slug, name, file } = await context.params;
  const project = await projectFromParams({ params: Promise.resolve({ slug }) });
  const fileName = parseOrThrow(z.string().regex(/^[\w.-]{1,200}$/), file, "file name");
  const opened = await openSnapshotFile(project, parseOrThrow(snapshotNameSchema, name, "snapshot name"), fileName);
  return new Response(opened.body, {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-SHA256": opened.file.sha256,
    },
  });
});
