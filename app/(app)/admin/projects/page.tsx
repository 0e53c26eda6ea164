import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/guards";
import { listProjects } from "@/lib/projects/queries";
import { formatDate } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Projects" };
export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  await requireAdmin();
  const projects = await listProjects();

  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project has its own prompts, instructions and labeling queue."
        actions={<ButtonLink href="/admin/projects/new">New project</ButtonLink>}
      />
      <Card>
        <Table>
          <THead>
            <TR>
              <TH>Project</TH>
              <TH>Slug</TH>
              <TH>Instructions</TH>
              <TH>Updated</TH>
            </TR>
          </THead>
          <TBody>
            {projects.length === 0 ? (
              <EmptyRow colSpan={4}>
                No projects yet.{" "}
                <Link href="/admin/projects/new" className="font-medium text-indigo-600 hover:text-indigo-500">
                  Create the first one
                </Link>
                .
              </EmptyRow>
            ) : null}
            {projects.map((project) => (
              <TR key={project.id} data-testid="project-row" data-slug={project.slug} className="hover:bg-slate-50">
                <TD className="min-w-[14rem]">
                  <Link href={`/admin/projects/${project.slug}`} className="font-medium text-slate-900 hover:text-indigo-600">
                    {project.name}
                  </Link>
                  {project.description ? <p className="mt-0.5 line-clamp-1 text-xs text-slate-500">{project.description}</p> : null}
                </TD>
                <TD className="font-mono text-xs whitespace-nowrap text-slate-500">{project.slug}</TD>
                <TD>
                  <Badge tone={project.instructions.trim() ? "indigo" : "amber"}>
                    {project.instructions.trim() ? `v${project.instructionsVersion}` : "None yet"}
                  </Badge>
                </TD>
                <TD className="whitespace-nowrap text-slate-500 tabular-nums">{formatDate(project.updatedAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
