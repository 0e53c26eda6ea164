import { parseOrThrow } from "@/lib/api/errors";
import { requireApiAdmin } from "@/lib/auth/guards";
import { requireImport } from "@/lib/imports/mutations";
import { requireProject } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";

export type ImportRouteContext = { params: Promise<{ slug: string; id: string }> };

/** The admin, project and import a /imports/{id}/… route acts on, each checked. */
export async function loadImportRoute(context: ImportRouteContext) {
  const admin = await requireApiAdmin();
  const params = await context.params;
  const project = await requireProject(parseOrThrow(slugSchema, params.slug, "project slug"));
  const importRow = await requireImport(project, params.id);
  return { admin, project, importRow };
}
