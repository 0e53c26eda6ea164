import type { Metadata } from "next";
import { GeneratorManager } from "@/components/models/admin/generator-manager";
import { listGenerators, toGeneratorResponse } from "@/lib/models/generators";
import { listGenerationJobs } from "@/lib/models/jobs";
import { loadProjectForAdmin } from "@/lib/projects/load";

export const metadata: Metadata = { title: "Generators" };
export const dynamic = "force-dynamic";

export default async function ProjectGeneratorsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const [generators, jobs] = await Promise.all([listGenerators(project), listGenerationJobs(project)]);
  return <GeneratorManager slug={project.slug} generators={generators.map(toGeneratorResponse)} initialJobs={jobs} />;
}
