import type { TimeSeries } from "../tear-sheet-input.js";
import type { ChartSize, ChartSpec } from "./chart.js";
import { rollingLineChart } from "./rolling-line.js";

/** Rolling annualized Sharpe ratio over a window of `window` bars. */
export function rollingSharpeChart(
  sharpe: TimeSeries,
  window: number,
  options: ChartSize = {},
): ChartSpec {
  return rollingLineChart(sharpe, {
    ...options,
    name: "rolling-sharpe",
    title: `Rolling Sharpe (${window} bars)`,
    axisTitle: "Sharpe",
    format: ".1f",
    reference: 0,
  });
}
