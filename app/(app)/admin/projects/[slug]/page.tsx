import type { Metadata } from "next";
import { ProjectForm } from "@/components/projects/admin/project-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { formatDateTime } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Project" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProjectPage({ params, searchParams }: Props) {
  const { project } = await loadProjectForAdmin(params);
  const query = await searchParams;

  return (
    <>
      {/* The project's name and tabs come from the layout. */}
      <div className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
        <Badge tone="indigo" data-testid="instructions-version">
          Instructions v{project.instructionsVersion}
        </Badge>
        <span>Updated {formatDateTime(project.updatedAt)}</span>
      </div>
      {query.created ? (
        <Alert tone="success" className="mb-4">
          Project created.
        </Alert>
      ) : query.saved ? (
        <Alert tone="success" className="mb-4">
          Saved.
        </Alert>
      ) : null}
      <Card>
        <CardBody>
          <ProjectForm
            key={project.slug}
            mode="edit"
            initial={{ slug: project.slug, name: project.name, description: project.description, instructions: project.instructions }}
          />
        </CardBody>
      </Card>
    </>
  );
}
