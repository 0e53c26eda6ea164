import { NextResponse } from "next/server";
import { route, readJson } from "@/lib/api/http";
import { parseOrThrow } from "@/lib/api/errors";
import { requireApiAdmin } from "@/lib/auth/guards";
import { createImport } from "@/lib/imports/mutations";
import { createImportSchema } from "@/lib/imports/schema";
import { requireProject } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";

type Context = { params: Promise<{ slug: string }> };

/** Starts a bulk import; the browser then streams the file's records in numbered batches. */
export const POST = route(async (request, context: Context) => {
  const admin = await requireApiAdmin();
  const project = await requireProject(parseOrThrow(slugSchema, (await context.params).slug, "project slug"));
  const input = parseOrThrow(createImportSchema, await readJson(request));
  const created = await createImport(project, input, admin.id);
  return NextResponse.json({ import: { id: created.id, format: created.format, header: created.header } }, { status: 201 });
});
