import type { TimeSeries } from "../tear-sheet-input.js";
import type { ChartSize, ChartSpec } from "./chart.js";
import { rollingLineChart } from "./rolling-line.js";

/** Rolling annualized volatility over a window of `window` bars. */
export function rollingVolatilityChart(
  volatility: TimeSeries,
  window: number,
  options: ChartSize = {},
): ChartSpec {
  return rollingLineChart(volatility, {
    ...options,
    name: "rolling-volatility",
    title: `Rolling volatility (${window} bars, annualized)`,
    axisTitle: "volatility",
    format: ".0%",
  });
}
