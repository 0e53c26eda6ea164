import type { Metadata } from "next";
import { LabelScreen } from "@/components/labeling/labeler/label-screen";
import { loadProjectForUser } from "@/lib/projects/load";
import { getOwnStanding } from "@/lib/quality/report";

export const metadata: Metadata = { title: "Label" };
export const dynamic = "force-dynamic";

export default async function LabelPage({ params }: { params: Promise<{ slug: string }> }) {
  const { user, project } = await loadProjectForUser(params);
  const standing = await getOwnStanding(project, user.id);
  return (
    <LabelScreen
      slug={project.slug}
      projectName={project.name}
      instructions={project.instructions}
      instructionsVersion={project.instructionsVersion}
      standing={standing}
    />
  );
}
