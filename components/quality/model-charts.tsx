import "server-only";
import { figureView, MIN_N, percent, percentRange } from "@/components/quality/figures";
import { FLAG_SHORT_LABELS, MODEL_COLORS } from "@/components/quality/labels";
import { INK, Plot, type PlotWidth, ResponsivePlot } from "@/components/quality/plot";
import { OUTPUT_FLAGS } from "@/lib/labeling/schema";
import type { ModelReport } from "@/lib/quality/report-types";
import { formatCount } from "@/lib/ui/format";

type ModelRow = ModelReport["models"][number];

/** A model name cut to fit a chart's label column: the middle goes, so "org/model-7b-v2" keeps both ends. */
function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const keep = max - 1;
  return `${name.slice(0, Math.ceil(keep / 2))}…${name.slice(name.length - Math.floor(keep / 2))}`;
}

const LABEL_CHARS: Record<PlotWidth, number> = { narrow: 14, medium: 24, wide: 32 };

/** The colour of each model, by its place in the report (sorted by score), stable across charts. */
export function modelColors(models: readonly string[]): Map<string, string> {
  return new Map(models.map((model, index) => [model, MODEL_COLORS[index % MODEL_COLORS.length]!]));
}

/**
 * Win rate against the baseline, one bar per model with its 95% interval as a whisker, and 50%
 * (as good as the baseline) as a dashed line. Models with too few comparisons get a note, no bar.
 */
export function WinRateChart({ models, baseline }: { models: ModelRow[]; baseline: string }) {
  const rows = models
    .filter((model) => model.model !== baseline)
    .map((model) => {
      const view = figureView({ value: model.win_rate, ci95: model.ci95, n: model.comparisons }, MIN_N.winRate);
      return { model: model.model, view };
    })
    .sort((a, b) => (b.view.kind === "ok" ? b.view.value : -1) - (a.view.kind === "ok" ? a.view.value : -1));
  if (!rows.length) return <p className="py-6 text-center text-sm text-slate-500">No other model has outputs in these rankings.</p>;

  const data = rows.map(({ model, view }) => ({
    model,
    value: view.kind === "ok" ? view.value : null,
    lo: view.kind === "ok" ? view.ci[0] : null,
    hi: view.kind === "ok" ? view.ci[1] : null,
    label:
      view.kind === "ok"
        ? percent(view.value, 0)
        : view.kind === "thin"
          ? `too little data (n ${formatCount(view.n)})`
          : "never ranked against the baseline",
    title:
      view.kind === "ok"
        ? `${model}: wins ${percent(view.value)} against ${baseline} (95% CI ${percentRange(view.ci)}), n = ${formatCount(view.n)} comparisons`
        : `${model}: ${view.kind === "thin" ? `too little data, n = ${formatCount(view.n)} comparisons` : "never ranked against the baseline"}`,
  }));
  const measured = data.filter((row) => row.value !== null);
  const unmeasured = data.filter((row) => row.value === null);
  const order = data.map((row) => row.model);

  return (
    <ResponsivePlot
      testId="win-rate-chart"
      label={`Win rate of each model against ${baseline}, with 95% intervals`}
      summary={data.map((row) => row.title).join(". ")}
      build={(_width, size) => ({
        height: 36 + data.length * (size === "narrow" ? 34 : 30),
        marginLeft: 8 + Math.min(LABEL_CHARS[size], Math.max(...order.map((name) => name.length))) * (size === "narrow" ? 6.2 : 6.8),
        marginRight: size === "narrow" ? 16 : 28,
        marginTop: 8,
        x: {
          domain: [0, 1],
          grid: true,
          ticks: size === "narrow" ? 4 : 10,
          tickFormat: (v: number) => `${Math.round(v * 100)}%`,
          label: null,
        },
        y: { domain: order, label: null, tickFormat: (name: string) => shorten(name, LABEL_CHARS[size]), tickSize: 0, padding: 0.3 },
        marks: [
          Plot.barX(measured, { y: "model", x1: 0, x2: "value", fill: INK.accent, fillOpacity: 0.85, title: "title" }),
          Plot.ruleY(measured, { y: "model", x1: "lo", x2: "hi", stroke: INK.reference, strokeWidth: 1.5 }),
          Plot.tickX(measured, { y: "model", x: "lo", stroke: INK.reference, strokeWidth: 1.5, inset: 6 }),
          Plot.tickX(measured, { y: "model", x: "hi", stroke: INK.reference, strokeWidth: 1.5, inset: 6 }),
          Plot.text(measured, {
            y: "model",
            x: "hi",
            text: "label",
            dx: 6,
            textAnchor: "start",
            fill: INK.reference,
            fontWeight: 600,
          }),
          Plot.text(unmeasured, { y: "model", x: 0, text: "label", dx: 4, textAnchor: "start", fill: INK.muted }),
          Plot.ruleX([0.5], { stroke: INK.reference, strokeDasharray: "4 4", strokeOpacity: 0.7 }),
          Plot.ruleX([0]),
        ],
      })}
    />
  );
}

const COLUMNS: Record<PlotWidth, number> = { narrow: 2, medium: 3, wide: 4 };

/** The smallest round share (1%, 2%, 5%, 10%, 20%, 25%, 50%) at or above `share`, for a panel's ticks. */
function niceStep(share: number): number {
  return [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5].find((step) => step >= share) ?? 0.5;
}

/**
 * The paper's metadata figure: one small panel per output flag, one bar per model, the share of
 * that model's rated outputs the labelers flagged. Panels share their scale so they compare.
 */
export function FlagRatesChart({ models }: { models: ModelRow[] }) {
  const colors = modelColors(models.map((model) => model.model));
  const data = OUTPUT_FLAGS.flatMap((flag, index) =>
    models.map((model) => ({
      flag,
      index,
      model: model.model,
      rate: model.flag_rates[flag] ?? 0,
      title: `${FLAG_SHORT_LABELS[flag]}: ${model.model} ${percent(model.flag_rates[flag] ?? 0)} of ${model.outputs_rated.toLocaleString("en")} outputs`,
    })),
  );
  const top = Math.max(0.05, ...data.map((row) => row.rate));
  // Headroom above the tallest bar for the panel titles (two lines on a phone).
  const yMax = Math.min(1.3, Math.ceil((top * 1.6) / 0.05) * 0.05);
  const panels = OUTPUT_FLAGS.map((flag, index) => ({ flag, index, label: FLAG_SHORT_LABELS[flag] }));

  return (
    <ResponsivePlot
      testId="flag-rates-chart"
      label="Share of outputs flagged, per flag and model"
      summary={OUTPUT_FLAGS.map(
        (flag) =>
          `${FLAG_SHORT_LABELS[flag]}: ${models.map((model) => `${model.model} ${percent(model.flag_rates[flag] ?? 0)}`).join(", ")}`,
      ).join(". ")}
      build={(width, size) => {
        const columns = COLUMNS[size];
        const rows = Math.ceil(OUTPUT_FLAGS.length / columns);
        const fx = (row: { index: number }) => row.index % columns;
        const fy = (row: { index: number }) => Math.floor(row.index / columns);
        return {
          height: rows * (size === "narrow" ? 118 : 128) + 24,
          marginLeft: 40,
          marginRight: 4,
          marginTop: 4,
          marginBottom: 4,
          fx: { axis: null, padding: size === "narrow" ? 0.12 : 0.1 },
          fy: { axis: null, padding: 0.22 },
          x: { axis: null, domain: models.map((model) => model.model), padding: 0.15 },
          y: {
            domain: [0, yMax],
            ticks: [0, 1, 2].map((i) => i * niceStep(top / 2)).filter((v) => v <= yMax),
            grid: true,
            tickFormat: (v: number) => `${Math.round(v * 100)}%`,
            label: null,
          },
          color: { domain: [...colors.keys()], range: [...colors.values()] },
          marks: [
            // Repeated in every panel that has data, so the empty grid cell stays blank.
            Plot.frame({ stroke: INK.grid }),
            Plot.barY(data, { fx, fy, x: "model", y: "rate", fill: "model", title: "title" }),
            Plot.text(panels, {
              fx,
              fy,
              text: (panel: { label: string }) => panel.label,
              frameAnchor: "top-left",
              dx: 6,
              dy: 6,
              fill: INK.reference,
              fontWeight: 600,
              fontSize: size === "narrow" ? 10 : 11,
              // In ems: the panel's width less its padding, so a long title wraps inside its frame.
              lineWidth: ((width - 44) / columns - 14) / (size === "narrow" ? 10 : 11),
            }),
          ],
        };
      }}
    />
  );
}

/** The colour key shared by the flag chart: one swatch per model. */
export function ModelLegend({ models }: { models: string[] }) {
  const colors = modelColors(models);
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" data-testid="model-legend">
      {models.map((model) => (
        <li key={model} className="flex min-w-0 items-center gap-1.5">
          <span className="size-2.5 shrink-0 rounded-sm" style={{ background: colors.get(model) }} aria-hidden="true" />
          <span className="truncate">{model}</span>
        </li>
      ))}
    </ul>
  );
}
