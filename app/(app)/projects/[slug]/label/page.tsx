import type { Metadata } from "next";
import { LabelScreen } from "@/components/labeling/labeler/label-screen";
import { loadProjectForUser } from "@/lib/projects/load";

export const metadata: Metadata = { title: "Label" };
export const dynamic = "force-dynamic";

export default async function LabelPage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForUser(params);
  return (
    <LabelScreen
      slug={project.slug}
      projectName={project.name}
      instructions={project.instructions}
      instructionsVersion={project.instructionsVersion}
    />
  );
}
