import { defineOperation } from "@/lib/api/operation";
import { projectSlugParam } from "@/lib/api/params";
import { createImport } from "@/lib/imports/mutations";
import { createImportSchema } from "@/lib/imports/schema";

/** Starts a bulk import; the browser then streams the file's records in numbered batches. */
export const POST = defineOperation(
  {
    internal: true,
    operationId: "createImport",
    method: "post",
    path: "/api/admin/projects/{slug}/imports",
    tag: "Prompts",
    summary: "Start a bulk import",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam },
    body: { variants: [{ name: "CreateImport", schema: createImportSchema, example: null }] },
    responses: [{ status: 201, description: "The import, ready for its batches." }],
    errors: { 404: "No such project.", 422: "The body breaks the schema." },
  },
  async ({ project, body, user }) => {
    const created = await createImport(project, body, user.id);
    return { status: 201, body: { import: { id: created.id, format: created.format, header: created.header } } };
  },
);
