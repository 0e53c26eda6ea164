import type { Metadata } from "next";
import { WritePromptForm } from "@/components/prompts/labeler/write-prompt-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { loadProjectForUser } from "@/lib/projects/load";

export const metadata: Metadata = { title: "Write a prompt" };
export const dynamic = "force-dynamic";

export default async function WritePromptPage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForUser(params);
  return (
    <>
      <PageHeader
        title="Write a prompt"
        description={`For ${project.name}. Write the kind of request a real user would send: varied tasks, clear or deliberately open.`}
      />
      <Card>
        <CardBody>
          <WritePromptForm slug={project.slug} />
        </CardBody>
      </Card>
    </>
  );
}
