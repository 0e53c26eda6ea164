import type { Metadata } from "next";
import { ImportForm } from "@/components/prompts/admin/import-form";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { db } from "@/lib/db";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { formatCount, formatDateTime } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Import prompts" };
export const dynamic = "force-dynamic";

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const imports = await db.promptImport.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "desc" }, take: 20 });

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>Import prompts</CardTitle>
          <CardDescription>
            Every line goes through the same pipeline as the API: personal data removed, long-prefix duplicates dropped, per-user quotas
            applied. A bad line is reported by its number and the rest proceed; importing the same file again adds nothing.
          </CardDescription>
        </CardHeader>
        <CardBody>
          <ImportForm slug={project.slug} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Recent imports</CardTitle>
        </CardHeader>
        <Table>
          <THead>
            <TR>
              <TH>File</TH>
              <TH>Started</TH>
              <TH className="text-right">Lines</TH>
              <TH className="text-right">Accepted</TH>
              <TH className="text-right">Duplicate</TH>
              <TH className="text-right">Over quota</TH>
              <TH className="text-right">Rejected</TH>
              <TH className="text-right">Invalid</TH>
              <TH>Report</TH>
            </TR>
          </THead>
          <TBody>
            {imports.length === 0 ? <EmptyRow colSpan={9}>No imports yet.</EmptyRow> : null}
            {imports.map((row) => (
              <TR key={row.id} data-testid="import-row">
                <TD className="max-w-[14rem] truncate font-medium text-slate-900" title={row.fileName}>
                  {row.fileName}
                  {row.finishedAt ? null : <span className="ml-2 text-xs font-normal text-amber-700">unfinished</span>}
                </TD>
                <TD className="whitespace-nowrap">{formatDateTime(row.createdAt)}</TD>
                {[row.lines, row.accepted, row.duplicate, row.quota, row.rejected, row.invalid].map((value, index) => (
                  <TD key={index} className="text-right tabular-nums">
                    {formatCount(value)}
                  </TD>
                ))}
                <TD>
                  <a
                    className="text-indigo-600 hover:text-indigo-500"
                    href={`/api/admin/projects/${project.slug}/imports/${row.id}/report`}
                  >
                    CSV
                  </a>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
