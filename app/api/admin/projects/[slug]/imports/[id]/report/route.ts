import { defineOperation } from "@/lib/api/operation";
import { idParam, projectSlugParam } from "@/lib/api/params";
import { db } from "@/lib/db";
import { requireImport } from "@/lib/imports/mutations";
import { csvRow } from "@/lib/imports/report";

const PAGE = 5000;

/**
 * The import's summary as CSV: the totals, then every line that was not accepted with its
 * status and reason (never its text). Streamed page by page, so a large report stays cheap.
 */
export const GET = defineOperation(
  {
    internal: true,
    operationId: "importReport",
    method: "get",
    path: "/api/admin/projects/{slug}/imports/{id}/report",
    tag: "Prompts",
    summary: "An import's report as CSV",
    auth: { kind: "session", role: "admin" },
    params: { slug: projectSlugParam, id: idParam("import ID") },
    responses: [{ status: 200, description: "The report.", contentType: "text/csv; charset=utf-8" }],
    errors: { 404: "No such project or import." },
  },
  async ({ project, params }) => {
    const importRow = await requireImport(project, params.id);
    const encoder = new TextEncoder();
    const totals = [
      ["lines", importRow.lines],
      ["accepted", importRow.accepted],
      ["duplicate", importRow.duplicate],
      ["quota_exceeded", importRow.quota],
      ["rejected", importRow.rejected],
      ["invalid", importRow.invalid],
    ] as const;
    let afterLine = 0;
    let headerSent = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          const summary = totals.map(([name, value]) => `# ${name}: ${value}\n`).join("");
          controller.enqueue(
            encoder.encode(
              `# import ${importRow.id} of ${importRow.fileName}\n${summary}${csvRow(["line", "status", "reason", "duplicate_of"])}`,
            ),
          );
          return;
        }
        const rows = await db.promptImportProblem.findMany({
          where: { importId: importRow.id, line: { gt: afterLine } },
          orderBy: { line: "asc" },
          take: PAGE,
        });
        if (!rows.length) return controller.close();
        afterLine = rows.at(-1)!.line;
        controller.enqueue(encoder.encode(rows.map((row) => csvRow([row.line, row.status, row.reason, row.duplicateOf ?? ""])).join("")));
      },
    });
    const fileName = `${importRow.fileName.replace(/[^\w.-]+/g, "_")}.report.csv`;
    return { status: 200, body, headers: { "Content-Disposition": `attachment; filename="${fileName}"` } };
  },
);
