import type { Metadata } from "next";
import { ProjectForm } from "@/components/projects/admin/project-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "New project" };
export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="New project"
        description="Name it and write the instructions labelers will follow. You can change everything later."
      />
      <Card>
        <CardBody>
          <ProjectForm mode="create" />
        </CardBody>
      </Card>
    </>
  );
}
