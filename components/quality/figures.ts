// Pure helpers of the quality screens: when a figure rests on enough data to be shown, how figures
// and intervals read, table sorting, Chatbot Arena's interval-aware rank, and tie groups from the
// rank numbers an admin picks. No React, no I/O: tests/unit/quality-screens.test.ts covers them.
import type { FigureJson } from "@/lib/quality/report-types";

/**
 * The smallest n at which each kind of figure is shown as a number. Below it the screen says
 * "too little data": a bootstrap over a handful of units gives an interval that looks precise
 * and is not. Agreement n counts output-pair comparisons (a K = 4 task ranked twice gives 6), so
 * 30 is about five shared tasks; τ-b n counts (task, labeler pair)s; α n counts pairable ratings.
 */
export const MIN_N = { agreement: 30, tauB: 5, alpha: 30, winRate: 20, positionBias: 10 } as const;

export type FigureView =
  | { kind: "none"; n: number }
  | { kind: "thin"; value: number | null; n: number; needed: number }
  | { kind: "ok"; value: number; ci: [number, number]; n: number };

/** A figure is shown with its interval only when it has a value, an interval and at least `minN`. */
export function figureView(figure: FigureJson | null | undefined, minN: number): FigureView {
  if (!figure || figure.value === null || figure.n === 0) return { kind: "none", n: figure?.n ?? 0 };
  if (!figure.ci95 || figure.n < minN) return { kind: "thin", value: figure.value, n: figure.n, needed: minN };
  return { kind: "ok", value: figure.value, ci: figure.ci95, n: figure.n };
}

/** 0.7264 → "72.6%" (one decimal, as the paper reports agreement); `digits` 0 → "73%". */
export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** An interval of shares: [0.701, 0.746] → "70.1–74.6%". */
export function percentRange([lo, hi]: readonly [number, number], digits = 1): string {
  return `${(lo * 100).toFixed(digits)}–${(hi * 100).toFixed(digits)}%`;
}

/** A coefficient (τ-b, α): 0.5234 → "0.52"; negative values keep a true minus sign. */
export function coefficient(value: number): string {
  return value.toFixed(2).replace("-", "−");
}

/** An interval of coefficients: [0.4, 0.61] → "0.40 to 0.61" ("to", as a minus may start either end). */
export function coefficientRange([lo, hi]: readonly [number, number]): string {
  return `${coefficient(lo)} to ${coefficient(hi)}`;
}

/** A Bradley–Terry score on its Elo-like scale: 1034.6 → "1035". */
export function score(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** The ISO week's Monday "2026-03-02" as a chart's date (midnight UTC). */
export function weekDate(week: string): Date {
  return new Date(`${week}T00:00:00Z`);
}

export type SortDirection = "asc" | "desc";

/**
 * Rows ordered by `keyOf`, ascending or descending; rows whose value is null always come last
 * (an unmeasured figure is neither good nor bad), ties keep their original order.
 */
export function sortRows<T>(rows: readonly T[], keyOf: (row: T) => number | string | null, direction: SortDirection): T[] {
  const sign = direction === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: keyOf(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? a.index - b.index : 1) : -1;
      const order =
        typeof a.value === "string" || typeof b.value === "string" ? String(a.value).localeCompare(String(b.value)) : a.value - b.value;
      return order * sign || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/**
 * Chatbot Arena's rank: 1 + the number of models whose interval lies wholly above this one's
 * (their lower bound exceeds its upper bound). Models whose intervals overlap share a rank, so
 * the table never claims an order the data cannot support. A model without an interval is
 * compared by its score alone; one without a score gets no rank.
 */
export function rankByInterval(models: readonly { score: number | null; ci95: readonly [number, number] | null }[]): (number | null)[] {
  return models.map((model) => {
    if (model.score === null) return null;
    const upper = model.ci95?.[1] ?? model.score;
    return 1 + models.filter((other) => other !== model && other.score !== null && (other.ci95?.[0] ?? other.score) > upper).length;
  });
}

/**
 * Tie groups from a rank number per output (1 = best; equal numbers tie; gaps do not matter):
 * { a: 2, b: 1, c: 2 } → [["b"], ["a", "c"]], outputs within a group in `order`. Outputs with no
 * number are left out.
 */
export function groupsFromRanks(ranks: Readonly<Record<string, number | null | undefined>>, order: readonly string[]): string[][] {
  const numbers = [...new Set(order.map((id) => ranks[id]).filter((rank): rank is number => typeof rank === "number"))].sort(
    (a, b) => a - b,
  );
  return numbers.map((rank) => order.filter((id) => ranks[id] === rank));
}

/**
 * A starting point for the adjudicated ranking: each output's mean position over the labelers'
 * rankings (a tie group's outputs share its position), then dense ranks with equal means tied.
 * Returns { outputId: rank } for every output in `order`.
 */
export function meanRankSuggestion(
  rankings: readonly (readonly (readonly string[])[])[],
  order: readonly string[],
): Record<string, number> {
  const sum = new Map<string, number>();
  const count = new Map<string, number>();
  for (const groups of rankings) {
    groups.forEach((group, position) => {
      for (const id of group) {
        sum.set(id, (sum.get(id) ?? 0) + position);
        count.set(id, (count.get(id) ?? 0) + 1);
      }
    });
  }
  // Rounded so that 1/3 + 1/3 and 2/3 compare equal; an output nobody ranked goes last.
  const mean = (id: string) => (count.get(id) ? Math.round(((sum.get(id) ?? 0) / count.get(id)!) * 1e6) / 1e6 : Number.POSITIVE_INFINITY);
  const distinct = [...new Set(order.map(mean))].sort((a, b) => a - b);
  return Object.fromEntries(order.map((id) => [id, distinct.indexOf(mean(id)) + 1]));
}

/** Tie groups as one line: [["a"], ["b", "c"]] with letters → "A > B = C". */
export function rankingLine(groups: readonly (readonly string[])[], letterOf: (id: string) => string): string {
  return groups.map((group) => group.map(letterOf).join(" = ")).join(" > ");
}

/** Rank number (1 = best group) of each output in tie groups: [["a"], ["b", "c"]] → { a: 1, b: 2, c: 2 }. */
export function rankOfOutputs(groups: readonly (readonly string[])[]): Record<string, number> {
  const ranks: Record<string, number> = {};
  groups.forEach((group, index) => {
    for (const id of group) ranks[id] = index + 1;
  });
  return ranks;
}

/**
 * Wilson's 95% score interval for a proportion of `successes` in `n` trials: unlike p ± 1.96·SE it
 * stays inside [0, 1] and is honest for small n or rates near 0 or 1. Null for n = 0.
 */
export function wilsonInterval(successes: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const z = 1.959964;
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
