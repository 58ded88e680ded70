import type { EquitySection } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { seriesColor, timeX } from "./encodings.js";
import { singlePoints, timePoints } from "./points.js";

export interface EquityChartOptions extends ChartSize {
  /** Log-scaled value axis, so equal percentage moves look equal. */
  readonly logScale?: boolean;
}

/** Strategy equity against the benchmark over time. */
export function equityChart(equity: EquitySection, options: EquityChartOptions = {}): ChartSpec {
  const strategyName = equity.strategyLabel ?? "strategy";
  const benchmarkName = equity.benchmarkLabel ?? "benchmark";
  const names = [strategyName];
  const colors: string[] = [PALETTE.strategy];
  const values = timePoints(equity.strategy, strategyName);
  if (equity.benchmark) {
    names.push(benchmarkName);
    colors.push(PALETTE.benchmark);
    values.push(...timePoints(equity.benchmark, benchmarkName));
  }
  if (equity.baseline) {
    const baselineName = equity.baselineLabel ?? "baseline";
    names.push(baselineName);
    colors.push(PALETTE.series[1]);
    values.push(...timePoints(equity.baseline, baselineName));
  }
  return {
    name: "equity",
    title: options.logScale ? "Equity vs benchmark (log scale)" : "Equity vs benchmark",
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 260,
      data: { values },
      // A one-bar series is drawn as a point: a line through one point is invisible.
      mark: {
        type: "line",
        interpolate: "linear",
        ...(singlePoints(values) ? { point: true } : {}),
      },
      encoding: {
        x: timeX(),
        y: {
          field: "v",
          type: "quantitative",
          title: "equity",
          // nice: false: a "nice" log domain is rounded out to whole decades beyond the data.
          scale: options.logScale ? { type: "log", nice: false } : { zero: false },
          axis: { format: "~s" },
        },
        color: seriesColor(names, colors),
      },
    },
  };
}
