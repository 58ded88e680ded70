import type { TimeSeries } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { timeX } from "./encodings.js";
import { timePoints } from "./points.js";

/** Underwater curve: drawdown from the running peak (fractions ≤ 0) as a filled area. */
export function drawdownChart(drawdown: TimeSeries, options: ChartSize = {}): ChartSpec {
  return {
    name: "drawdown",
    title: "Underwater (drawdown)",
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 160,
      data: { values: timePoints(drawdown, "drawdown") },
      mark: { type: "area", color: PALETTE.loss, opacity: 0.55, line: { color: PALETTE.loss } },
      encoding: {
        x: timeX(),
        y: { field: "v", type: "quantitative", title: "drawdown", axis: { format: ".0%" } },
      },
    },
  };
}
