import type { Metadata } from "next";
import Link from "next/link";
import { AgreementOverTimeChart } from "@/components/quality/agreement-chart";
import { FigureStat } from "@/components/quality/figure-stat";
import { MIN_N } from "@/components/quality/figures";
import { GoldTaskList } from "@/components/quality/gold-task-list";
import { LabelerQualityTable } from "@/components/quality/labeler-quality-table";
import { QualitySettingsForm } from "@/components/quality/quality-settings-form";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { qualitySettingsOf } from "@/lib/labeling/quality-settings";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { getAdminQualityReport, listGoldTasks } from "@/lib/quality/report";
import { formatCount } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Quality" };
export const dynamic = "force-dynamic";

export default async function QualityPage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const [report, goldTasks] = await Promise.all([getAdminQualityReport(project), listGoldTasks(project)]);
  const settings = qualitySettingsOf(project);
  const { overall } = report;
  const noShared = "Needs tasks ranked by two or more labelers.";

  return (
    <div className="space-y-4">
      <section aria-label="Agreement between labelers" className="grid gap-3 md:grid-cols-3">
        <FigureStat
          label="Pairwise agreement"
          figure={overall.pairwise_agreement}
          minN={MIN_N.agreement}
          unit="comparisons"
          empty={noShared}
          testId="figure-agreement"
          note="How often two labelers order a pair of outputs the same way (a tie counts as an order). InstructGPT's labelers: 72.6 ± 1.5%."
        />
        <FigureStat
          label="Kendall's τ-b"
          figure={overall.kendall_tau_b}
          minN={MIN_N.tauB}
          unit="labeler pairs"
          format="coefficient"
          empty={noShared}
          testId="figure-tau"
          note="Rank correlation between two labelers' rankings of a task, averaged: 1 same order, 0 unrelated, −1 reversed."
        />
        <FigureStat
          label="Krippendorff's α (Likert)"
          figure={overall.likert_alpha}
          minN={MIN_N.alpha}
          unit="ratings"
          format="coefficient"
          empty="Needs outputs rated by two or more labelers."
          testId="figure-alpha"
          note="Agreement on the 1–7 ratings beyond chance (interval metric). 0.8 and up is reliable; under 0.667, tentative at best."
        />
      </section>
      <p className="text-xs text-slate-500" data-testid="quality-basis">
        {overall.tasks
          ? `From ${formatCount(overall.tasks)} task${overall.tasks === 1 ? "" : "s"} ranked by two or more labelers (${formatCount(overall.rankings)} rankings); gold tasks are left out. Intervals are 95% percentile bootstraps over tasks, or from 100 tasks on the delta method's normal interval.`
          : "No task has been ranked by two or more labelers yet. Set Labels per task above 1 on the Settings tab to measure agreement."}
      </p>

      <Card>
        <CardHeader className="flex flex-col gap-2 lg:flex-row lg:items-end lg:justify-between">
          <div>
            <CardTitle>Agreement by week</CardTitle>
            <CardDescription>Pairwise agreement of the tasks whose last ranking came in that week (Monday to Sunday, UTC).</CardDescription>
          </div>
          <ChartLegend />
        </CardHeader>
        <CardBody>
          <AgreementOverTimeChart weeks={report.over_time} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Labelers</CardTitle>
          <CardDescription>
            Agreement with everyone else on shared tasks, answers to gold tasks (accuracy over the output pairs the reference orders), and
            how often the output shown first was ranked best against chance (▲ when its whole interval is above chance).
          </CardDescription>
        </CardHeader>
        <LabelerQualityTable slug={project.slug} labelers={report.labelers} goldMin={settings.gold_min_answered} />
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Gold tasks</CardTitle>
          <CardDescription>
            Tasks with a reference ranking, mixed invisibly into every labeler&apos;s queue. Add one by adjudicating a task in the{" "}
            <Link href={`/admin/projects/${project.slug}/review`} className="font-medium text-indigo-600 hover:text-indigo-500">
              review queue
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <GoldTaskList slug={project.slug} tasks={goldTasks} />
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Quality settings</CardTitle>
          <CardDescription>
            Accuracy is measured on gold tasks only. The baseline for win rates is chosen on the{" "}
            <Link href={`/admin/projects/${project.slug}/models`} className="font-medium text-indigo-600 hover:text-indigo-500">
              Models
            </Link>{" "}
            tab.
          </CardDescription>
        </CardHeader>
        <CardBody>
          <QualitySettingsForm
            slug={project.slug}
            initial={{
              gold_rate: settings.gold_rate,
              gold_min_answered: settings.gold_min_answered,
              gold_warn_below: settings.gold_warn_below,
              gold_block_below: settings.gold_block_below,
              screening_tasks: settings.screening_tasks,
              screening_pass: settings.screening_pass,
            }}
          />
        </CardBody>
      </Card>
    </div>
  );
}

function ChartLegend() {
  return (
    <ul className="flex shrink-0 flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden="true">
      <li className="flex items-center gap-1.5">
        <span className="size-2.5 rounded-full bg-indigo-600" />
        Week, with 95% interval
      </li>
      <li className="flex items-center gap-1.5">
        <span className="size-2.5 rounded-full border-[1.5px] border-slate-400 bg-white" />
        Too little data
      </li>
      <li className="flex items-center gap-1.5">
        <span className="w-4 border-t border-dashed border-slate-700" />
        InstructGPT labelers
      </li>
    </ul>
  );
}
