import "server-only";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { cn } from "@/lib/ui/cn";

// Charts are drawn with Observable Plot on the server into plain SVG: no chart code reaches the
// browser, they print crisply, and hover titles come from SVG <title> elements. Plot needs a DOM
// to build into; linkedom's is small and serializes with text and attributes escaped.
const { document } = parseHTML("<!doctype html><html><body></body></html>");

/** The widths a chart is drawn at; the page shows the one that fits (phone, tablet, desktop card). */
export const PLOT_WIDTHS = { narrow: 340, medium: 680, wide: 1060 } as const;
export type PlotWidth = keyof typeof PLOT_WIDTHS;

const SHOW: Record<PlotWidth, string> = {
  narrow: "sm:hidden",
  medium: "hidden sm:block lg:hidden",
  wide: "hidden lg:block",
};

/** Shared look: the page's font, slate ink and 12 px labels (11 px on a phone). */
export const INK = { text: "#475569", grid: "#e2e8f0", accent: "#4f46e5", accentSoft: "#c7d2fe", muted: "#94a3b8", reference: "#0f172a" };

function svgOf(options: Plot.PlotOptions, width: number, size: PlotWidth): string {
  const chart = Plot.plot({
    ...options,
    width,
    document,
    style: { fontFamily: "inherit", fontSize: size === "narrow" ? "11px" : "12px", color: INK.text, overflow: "visible" },
  } as Plot.PlotOptions & { document: unknown });
  return chart.outerHTML;
}

/**
 * One chart drawn at three widths, each shown at the breakpoint it fits, so labels keep their size
 * instead of shrinking with a scaled-down drawing. `build` may lay the chart out differently per
 * width (fewer ticks, shorter labels). The figure's label and summary carry the figures for screen
 * readers; the drawings themselves are hidden from them.
 */
export function ResponsivePlot({
  build,
  label,
  summary,
  className,
  testId,
}: {
  build: (width: number, size: PlotWidth) => Plot.PlotOptions;
  label: string;
  summary?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <figure className={cn("min-w-0", className)} aria-label={label} data-testid={testId}>
      {(Object.keys(PLOT_WIDTHS) as PlotWidth[]).map((size) => (
        <div
          key={size}
          aria-hidden="true"
          className={cn(SHOW[size], "[&_svg]:h-auto [&_svg]:max-w-full")}
          data-plot-width={size}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: Plot's SVG, built on the server; linkedom escapes every text and attribute.
          dangerouslySetInnerHTML={{ __html: svgOf(build(PLOT_WIDTHS[size], size), PLOT_WIDTHS[size], size) }}
        />
      ))}
      {summary ? <figcaption className="sr-only">{summary}</figcaption> : null}
    </figure>
  );
}

export { Plot };
