import type { TimeSeries } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { seriesColor, timeX } from "./encodings.js";
import { timePoints } from "./points.js";

export interface NamedSeries {
  readonly name: string;
  readonly series: TimeSeries;
}

function overlay(
  name: string,
  title: string,
  runs: readonly NamedSeries[],
  y: Record<string, unknown>,
  options: ChartSize,
): ChartSpec {
  const names = runs.map((r) => r.name);
  const colors = runs.map((_, i) => PALETTE.series[i % PALETTE.series.length]!);
  return {
    name,
    title,
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 240,
      data: { values: runs.flatMap((r) => timePoints(r.series, r.name)) },
      mark: { type: "line" },
      encoding: {
        x: timeX(),
        y: { field: "v", type: "quantitative", ...y },
        color: seriesColor(names, colors, "run"),
      },
    },
  };
}

/** Equity of several runs overlaid, each rebased to 1 at its first bar so they compare. */
export function comparisonEquityChart(
  runs: readonly NamedSeries[],
  options: ChartSize & { logScale?: boolean } = {},
): ChartSpec {
  const rebased = runs.map((r) => {
    const first = r.series.values[0] ?? 1;
    return {
      name: r.name,
      series: {
        times: r.series.times,
        values: Array.from(r.series.values, (v) => v / (first === 0 ? 1 : first)),
      },
    };
  });
  return overlay(
    "comparison-equity",
    "Equity (growth of 1)",
    rebased,
    {
      title: "growth of 1",
      scale: options.logScale ? { type: "log" } : { zero: false },
    },
    options,
  );
}

/** Drawdown curves of several runs overlaid. */
export function comparisonDrawdownChart(
  runs: readonly NamedSeries[],
  options: ChartSize = {},
): ChartSpec {
  return overlay(
    "comparison-drawdown",
    "Drawdown",
    runs,
    { title: "drawdown", axis: { format: ".0%" } },
    { height: 180, ...options },
  );
}
