import type { Metadata } from "next";
import { figureView, MIN_N, percent, percentRange, rankByInterval, score } from "@/components/quality/figures";
import { SPLIT_LABELS, type Split } from "@/components/quality/labels";
import { FlagRatesChart, ModelLegend, WinRateChart } from "@/components/quality/model-charts";
import { ModelFilters } from "@/components/quality/model-filters";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { loadProjectForAdmin } from "@/lib/projects/load";
import { getModelReport } from "@/lib/quality/report";
import type { ModelReport } from "@/lib/quality/report-types";
import { formatCount } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Models" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<{ baseline?: string | string[]; split?: string | string[] }>;

const one = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : undefined);

export default async function ModelsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { project } = await loadProjectForAdmin(params);
  const query = await searchParams;
  const requestedSplit = one(query.split);
  const split = requestedSplit && requestedSplit in SPLIT_LABELS ? (requestedSplit as Split) : undefined;
  const baseline = one(query.baseline) ?? project.baselineModel ?? undefined;
  const report = await getModelReport(project, { baseline, split });
  const models = report.models.map((model) => model.model);
  const ranks = rankByInterval(report.models.map((model) => ({ score: model.bt_score, ci95: model.bt_ci95 })));
  const scope = split ? `prompts in the ${SPLIT_LABELS[split].toLowerCase()} split` : "all prompts";

  return (
    <div className="space-y-4">
      <Card>
        <CardBody className="space-y-2">
          <ModelFilters
            slug={project.slug}
            models={models}
            baseline={report.baseline}
            savedBaseline={project.baselineModel}
            split={split ?? null}
          />
          <p className="text-xs text-slate-500">
            From the rankings of {scope}, leaving out gold tasks and labelers who are blocked or failed screening. The paper reports win
            rates on prompts from held-out users: the test split. Intervals are 95% bootstraps over prompts.
          </p>
        </CardBody>
      </Card>

      {report.models.length ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Win rate against {report.baseline ?? "a baseline"}</CardTitle>
              <CardDescription>
                How often labelers ranked a model&apos;s output above the baseline&apos;s for the same prompt; a tie counts as half. 50%
                means as good as the baseline.
              </CardDescription>
            </CardHeader>
            <CardBody>
              {report.baseline ? (
                <WinRateChart models={report.models} baseline={report.baseline} />
              ) : (
                <p className="py-6 text-center text-sm text-slate-500" data-testid="no-baseline">
                  Choose a baseline above to compare every model with it.
                </p>
              )}
            </CardBody>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Leaderboard</CardTitle>
              <CardDescription>
                Bradley–Terry scores from every pair of outputs of different models, on an Elo-like scale (
                {report.baseline ? `${report.baseline} = 1000` : "mean 1000"}; 400 points ≈ 10:1 odds). Models whose intervals overlap share
                a rank.
              </CardDescription>
            </CardHeader>
            <Leaderboard models={report.models} ranks={ranks} baseline={report.baseline} />
          </Card>

          <Card>
            <CardHeader className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
              <div>
                <CardTitle>Output flags</CardTitle>
                <CardDescription>
                  Share of each model&apos;s rated outputs that labelers flagged, per flag, as in the paper&apos;s metadata figure.
                </CardDescription>
              </div>
              <ModelLegend models={models} />
            </CardHeader>
            <CardBody>
              <FlagRatesChart models={report.models} />
            </CardBody>
          </Card>
        </>
      ) : (
        <Card className="px-6 py-12 text-center" data-testid="models-empty">
          <p className="text-sm font-medium text-slate-900">No rankings to compare models yet</p>
          <p className="mt-1 text-sm text-slate-500">
            {split
              ? `No ranking of ${scope} counts yet. Try all splits.`
              : "Model figures appear once labelers have ranked outputs of two or more models."}
          </p>
        </Card>
      )}
    </div>
  );
}

function Leaderboard({ models, ranks, baseline }: { models: ModelReport["models"]; ranks: (number | null)[]; baseline: string | null }) {
  return (
    <Table data-testid="leaderboard">
      <THead>
        <TR>
          <TH className="w-8 text-right">
            <span className="sm:hidden" title="Rank">
              #
            </span>
            <span className="hidden sm:inline">Rank</span>
          </TH>
          <TH>Model</TH>
          <TH className="text-right">Score</TH>
          <TH className="text-right">
            Win rate<span className="hidden sm:inline"> vs baseline</span>
          </TH>
          <TH className="hidden text-right sm:table-cell">Mean Likert</TH>
        </TR>
      </THead>
      <TBody>
        {models.length ? (
          models.map((model, index) => {
            // The score's interval says how much data it rests on (the report gives no count for it).
            const thin = model.bt_score === null || model.bt_ci95 === null;
            const isBaseline = model.model === baseline;
            const win = figureView({ value: model.win_rate, ci95: model.ci95, n: model.comparisons }, MIN_N.winRate);
            return (
              <TR key={model.model} data-testid="leaderboard-row" data-model={model.model}>
                <TD className="text-right align-top font-semibold text-slate-900 tabular-nums">{thin ? "—" : ranks[index]}</TD>
                <TD className="max-w-[7rem] align-top sm:max-w-[18rem]">
                  <span className="block truncate font-medium text-slate-900" title={model.model}>
                    {model.model}
                  </span>
                  {isBaseline ? (
                    <Badge tone="indigo" className="mt-0.5">
                      baseline
                    </Badge>
                  ) : null}
                </TD>
                <TD className="text-right align-top tabular-nums">
                  {thin ? (
                    <span className="text-xs text-slate-400">Too little data</span>
                  ) : (
                    <>
                      <span className="font-medium text-slate-900">{score(model.bt_score!)}</span>
                      <span className="block text-xs whitespace-nowrap text-slate-500">
                        {/* The baseline anchors the scale at 1000: its interval is the others'. */}
                        {isBaseline ? "the anchor" : `${score(model.bt_ci95![0])}–${score(model.bt_ci95![1])}`}
                      </span>
                    </>
                  )}
                </TD>
                <TD className="text-right align-top tabular-nums">
                  {isBaseline ? (
                    <span className="text-xs text-slate-400">the baseline</span>
                  ) : win.kind === "ok" ? (
                    <>
                      <span className="font-medium text-slate-900" data-testid="leaderboard-win-rate">
                        {percent(win.value, 0)}
                      </span>
                      <span className="block text-xs whitespace-nowrap text-slate-500">
                        {percentRange(win.ci, 0)}
                        <span className="hidden sm:inline"> · </span>
                        <span className="block sm:inline">n {formatCount(win.n)}</span>
                      </span>
                    </>
                  ) : (
                    <span className="text-xs text-slate-400">
                      {win.kind === "thin" ? "Too little data" : "Never met it"}
                      {win.n ? <span className="block">n {formatCount(win.n)}</span> : null}
                    </span>
                  )}
                </TD>
                <TD className="hidden text-right align-top tabular-nums sm:table-cell">
                  {model.mean_likert === null ? (
                    "—"
                  ) : (
                    <>
                      <span className="font-medium text-slate-900">{model.mean_likert.toFixed(2)}</span>
                      <span className="block text-xs whitespace-nowrap text-slate-500">n {formatCount(model.likert_ratings)}</span>
                    </>
                  )}
                </TD>
              </TR>
            );
          })
        ) : (
          <EmptyRow colSpan={5}>No model has been ranked yet.</EmptyRow>
        )}
      </TBody>
    </Table>
  );
}
