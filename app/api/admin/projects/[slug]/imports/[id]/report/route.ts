import { route } from "@/lib/api/http";
import { db } from "@/lib/db";
import { csvRow } from "@/lib/imports/report";
import { type ImportRouteContext, loadImportRoute } from "@/lib/imports/route-context";

const PAGE = 5000;

/**
 * The import's summary as CSV: the totals, then every line that was not accepted with its
 * status and reason (never its text). Streamed page by page, so a large report stays cheap.
 */
export const GET = route(async (_request, context: ImportRouteContext) => {
  const { importRow } = await loadImportRoute(context);
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
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
});
