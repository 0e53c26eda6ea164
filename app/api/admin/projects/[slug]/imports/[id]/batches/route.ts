import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { ingestImportBatch, requireImport } from "@/lib/imports/mutations";
import { importBatchSchema } from "@/lib/imports/schema";

/** One batch of up to 1,000 records; answers the import's running totals. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "importBatch",
    method: "post",
    path: "/api/admin/projects/{slug}/imports/{id}/batches",
    tag: "Prompts",
    summary: "Send one batch of an import",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("import ID") },
    body: { variants: [{ name: "ImportBatch", schema: importBatchSchema, example: null }] },
    responses: [{ status: 200, description: "The import's running totals." }],
    errors: { 404: "No such project or import.", 409: "The import is finished.", 422: "The body breaks the schema." },
  },
  async ({ project, params, body }) => {
    const importRow = await requireImport(project, params.id);
    return { status: 200, body: { totals: await ingestImportBatch(project, importRow, body) } };
  },
);
