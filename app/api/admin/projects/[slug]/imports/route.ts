import { NextResponse } from "next/server";
import { parseOrThrow } from "@/lib/api/errors";
import { readJson, route } from "@/lib/api/http";
import { requireApiAdmin } from "@/lib/auth/guards";
import { createImport } from "@/lib/imports/mutations";
import { createImportSchema } from "@/lib/imports/schema";
import { projectFromParams, type SlugContext } from "@/lib/projects/route-params";

/** Starts a bulk import; the browser then streams the file's records in numbered batches. */
export const POST = route(async (request, context: SlugContext) => {
  const admin = await requireApiAdmin();
  const project = await projectFromParams(context);
  const input = parseOrThrow(createImportSchema, await readJson(request));
  const created = await createImport(project, input, admin.id);
  return NextResponse.json({ import: { id: created.id, format: created.format, header: created.header } }, { status: 201 });
});
