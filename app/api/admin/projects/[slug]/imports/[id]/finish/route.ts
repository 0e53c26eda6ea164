import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { finishImport, requireImport } from "@/lib/imports/mutations";

export const POST = defineOperation(
  {
    internal: true,
    operationId: "finishImport",
    method: "post",
    path: "/api/admin/projects/{slug}/imports/{id}/finish",
    tag: "Prompts",
    summary: "Finish an import",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("import ID") },
    responses: [{ status: 200, description: "The finished import." }],
    errors: { 404: "No such project or import." },
  },
  async ({ project, params, user }) => {
    const importRow = await requireImport(project, params.id);
    return { status: 200, body: { import: await finishImport(importRow, user.id) } };
  },
);
