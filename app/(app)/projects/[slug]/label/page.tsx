import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LabelScreen } from "@/components/labeling/label-screen";
import { requireUser } from "@/lib/auth/guards";
import { getProjectBySlug } from "@/lib/projects/queries";
import { slugSchema } from "@/lib/projects/schema";

export const metadata: Metadata = { title: "Label" };
export const dynamic = "force-dynamic";

export default async function LabelPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireUser();
  const slug = slugSchema.safeParse((await params).slug);
  const project = slug.success ? await getProjectBySlug(slug.data) : null;
  if (!project) notFound();
  return (
    <LabelScreen
      slug={project.slug}
      projectName={project.name}
      instructions={project.instructions}
      instructionsVersion={project.instructionsVersion}
    />
  );
}
