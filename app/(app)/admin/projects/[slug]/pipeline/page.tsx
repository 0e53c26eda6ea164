import type { Metadata } from "next";
import {
  DailyOutcomeChart,
  HorizontalBars,
  OUTCOME_STYLE,
  OutcomeLegend,
  redactionItems,
} from "@/components/prompts/admin/pipeline-charts";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Figure } from "@/components/ui/figure";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { getPipelineStats, OUTCOME_NAMES } from "@/lib/prompts/queries";
import { formatCount, formatShare } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Pipeline" };
export const dynamic = "force-dynamic";

const DAYS = 30;

export default async function PipelinePage({ params }: { params: Promise<{ slug: string }> }) {
  const { project } = await loadProjectForAdmin(params);
  const stats = await getPipelineStats(project.id, DAYS);
  const received = OUTCOME_NAMES.reduce((sum, outcome) => sum + stats.totals[outcome], 0);
  const share = (n: number) => formatShare(n, received);
  const redacted = stats.redactions.reduce((sum, r) => sum + r.count, 0);

  return (
    <div className="space-y-4">
      <section aria-label="All-time totals" className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Figure label="Received" value={formatCount(received)} note="all prompts sent, all time" className="col-span-2 lg:col-span-1" />
        {OUTCOME_NAMES.map((outcome) => (
          <Figure
            key={outcome}
            label={OUTCOME_STYLE[outcome].label}
            value={formatCount(stats.totals[outcome])}
            note={`${share(stats.totals[outcome])} of received`}
            dot={OUTCOME_STYLE[outcome].dot}
            testId={`total-${outcome}`}
          />
        ))}
      </section>

      <Card>
        <CardHeader className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <CardTitle>Last {DAYS} days</CardTitle>
            <CardDescription>What happened to each prompt received, per day (UTC).</CardDescription>
          </div>
          <OutcomeLegend />
        </CardHeader>
        <CardBody>
          <DailyOutcomeChart days={stats.days} />
        </CardBody>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Why prompts were rejected</CardTitle>
            <CardDescription>
              All time. Too long means over the token limit ({formatCount(project.maxPromptTokens)} now); over-quota prompts are counted
              apart.
            </CardDescription>
          </CardHeader>
          <CardBody>
            <HorizontalBars
              tone="bg-red-500"
              empty="No prompt has been rejected."
              items={
                stats.totals.rejected
                  ? [
                      { key: "too_long", label: "Too long", value: stats.rejected.too_long },
                      { key: "empty", label: "Empty", value: stats.rejected.empty },
                      { key: "unstorable", label: "Unstorable characters", value: stats.rejected.unstorable },
                    ]
                  : []
              }
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Personal data removed</CardTitle>
            <CardDescription>
              {redacted
                ? `${formatCount(redacted)} pieces replaced by placeholders before storage, by type (all time).`
                : "Pieces replaced by placeholders before storage, by type."}
            </CardDescription>
          </CardHeader>
          <CardBody>
            <HorizontalBars items={redactionItems(stats.redactions)} tone="bg-amber-400" empty="No personal data found yet." />
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
