import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WritePromptForm } from "@/components/labeler/write-prompt-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { getProjectBySlug } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";

export const metadata: Metadata = { title: "Write a prompt" };
export const dynamic = "force-dynamic";

export default async function WritePromptPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireUser();
  const slug = slugSchema.safeParse((await params).slug);
  const project = slug.success ? await getProjectBySlug(slug.data) : null;
  if (!project) notFound();
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
