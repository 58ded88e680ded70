import type { TimeSeries } from "../tear-sheet-input.js";
import type { ChartSize, ChartSpec } from "./chart.js";
import { rollingLineChart } from "./rolling-line.js";

/** Rolling beta of the strategy to the benchmark over a window of `window` bars. */
export function rollingBetaChart(
  beta: TimeSeries,
  window: number,
  options: ChartSize = {},
): ChartSpec {
  return rollingLineChart(beta, {
    ...options,
    name: "rolling-beta",
    title: `Rolling beta to benchmark (${window} bars)`,
    axisTitle: "beta",
    format: ".2f",
    reference: 1,
  });
}
