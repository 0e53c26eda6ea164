import "server-only";
import { figureView, MIN_N, percent, percentRange, weekDate } from "@/components/quality/figures";
import { INK, Plot, ResponsivePlot } from "@/components/quality/plot";
import type { AdminQualityReport } from "@/lib/quality/report-types";
import { formatCount, formatShortDate } from "@/lib/ui/format";

/** The InstructGPT paper's figure for its training labelers, drawn as a reference line. */
export const PAPER_AGREEMENT = 0.726;

const DAY = 86_400_000;

type Point = { date: Date; week: string; value: number; lo: number | null; hi: number | null; n: number; thin: boolean; title: string };

/**
 * Pairwise agreement week by week: a dot per week with its 95% interval as a whisker and a band,
 * the paper's 72.6% as a dashed reference. Weeks with too little data are hollow grey dots.
 */
export function AgreementOverTimeChart({ weeks }: { weeks: AdminQualityReport["over_time"] }) {
  const points = weeks.flatMap(({ week, pairwise_agreement: figure }): Point[] => {
    const view = figureView(figure, MIN_N.agreement);
    if (view.kind === "none") return [];
    const when = `Week of ${formatShortDate(week)}`;
    if (view.kind === "thin") {
      return [
        {
          date: weekDate(week),
          week,
          value: view.value!,
          lo: null,
          hi: null,
          n: view.n,
          thin: true,
          title: `${when}: too little data (n = ${formatCount(view.n)} comparisons)`,
        },
      ];
    }
    return [
      {
        date: weekDate(week),
        week,
        value: view.value,
        lo: view.ci[0],
        hi: view.ci[1],
        n: view.n,
        thin: false,
        title: `${when}: ${percent(view.value)} (95% CI ${percentRange(view.ci)}), n = ${formatCount(view.n)} comparisons`,
      },
    ];
  });
  if (!points.length) {
    return (
      <p className="py-8 text-center text-sm text-slate-500" data-testid="agreement-chart-empty">
        No week has a task ranked by two or more labelers yet.
      </p>
    );
  }
  const solid = points.filter((point) => !point.thin);
  const lowest = Math.min(PAPER_AGREEMENT, ...points.map((point) => point.lo ?? point.value));
  const yMin = Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
  const first = points[0]!.date.getTime();
  const last = points.at(-1)!.date.getTime();
  const pad = Math.max(3.5 * DAY, (last - first) * 0.04);

  return (
    <ResponsivePlot
      testId="agreement-chart"
      label="Pairwise agreement by week, with 95% intervals"
      summary={points.map((point) => point.title).join(". ")}
      build={(width, size) => ({
        height: size === "narrow" ? 220 : 260,
        marginLeft: 44,
        marginRight: size === "narrow" ? 12 : 24,
        marginTop: 16,
        x: {
          type: "utc",
          domain: [new Date(first - pad), new Date(last + pad)],
          // One tick per week (its Monday) while they fit, else Plot's own.
          ticks: points.length <= Math.floor(width / 70) ? points.map((point) => point.date) : Math.floor(width / 90),
          tickFormat: (date: Date) => formatShortDate(date),
          label: null,
        },
        y: { domain: [yMin, 1], grid: true, tickFormat: (value: number) => `${Math.round(value * 100)}%`, label: null, ticks: 5 },
        marks: [
          Plot.ruleY([PAPER_AGREEMENT], { stroke: INK.reference, strokeDasharray: "4 4", strokeOpacity: 0.55 }),
          Plot.text([PAPER_AGREEMENT], {
            y: (value: number) => value,
            frameAnchor: "left",
            dx: 4,
            dy: -8,
            text: () => "InstructGPT labelers 72.6%",
            fill: INK.text,
            fontSize: 11,
            textAnchor: "start",
          }),
          Plot.areaY(solid, { x: "date", y1: "lo", y2: "hi", fill: INK.accentSoft, fillOpacity: 0.45 }),
          Plot.ruleX(solid, { x: "date", y1: "lo", y2: "hi", stroke: INK.accent, strokeWidth: 1.5 }),
          Plot.lineY(solid, { x: "date", y: "value", stroke: INK.accent, strokeWidth: 1.5 }),
          Plot.dot(solid, { x: "date", y: "value", r: 4, fill: INK.accent, stroke: "white", title: "title" }),
          Plot.dot(
            points.filter((point) => point.thin),
            { x: "date", y: "value", r: 4, fill: "white", stroke: INK.muted, strokeWidth: 1.5, title: "title" },
          ),
        ],
      })}
    />
  );
}
