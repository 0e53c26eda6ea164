import type { Metadata } from "next";
import { PromptSettingsForm } from "@/components/prompts/admin/settings-form";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { promptSettingsOf } from "@/lib/prompts/mutations";
import { countPrompts } from "@/lib/prompts/queries";
import { formatCount, roundEstimate } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Prompt settings" };
export const dynamic = "force-dynamic";

export default async function PromptSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const count = await countPrompts(project.id, {});

  return (
    <Card>
      <CardHeader>
        <CardTitle>Prompt pipeline and labeling</CardTitle>
        <CardDescription>
          How incoming prompts are de-duplicated, limited and split, and how labeling tasks are shared out. Changes apply to prompts, tasks
          and leases that come after saving.
        </CardDescription>
      </CardHeader>
      <CardBody>
        <PromptSettingsForm
          slug={project.slug}
          initial={promptSettingsOf(project)}
          promptEstimate={count.exact ? `${formatCount(count.count)} prompts` : `about ${roundEstimate(count.estimate)} prompts`}
        />
      </CardBody>
    </Card>
  );
}
