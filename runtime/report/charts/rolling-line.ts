import type { TimeSeries } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { timeX } from "./encodings.js";
import { singlePoints, timePoints } from "./points.js";

export interface RollingLineOptions extends ChartSize {
  readonly name: string;
  readonly title: string;
  readonly axisTitle: string;
  readonly format: string;
  /** A horizontal reference line (0 for Sharpe, 1 for beta). */
  readonly reference?: number;
}

/** One rolling metric over time with an optional reference line; shared by the rolling charts. */
export function rollingLineChart(series: TimeSeries, options: RollingLineOptions): ChartSpec {
  const values = timePoints(series, options.name);
  const line = {
    mark: {
      type: "line" as const,
      color: PALETTE.strategy,
      ...(singlePoints(values) ? { point: true } : {}),
    },
    encoding: {
      x: timeX(),
      y: {
        field: "v",
        type: "quantitative" as const,
        title: options.axisTitle,
        axis: { format: options.format },
      },
    },
  };
  const reference =
    options.reference === undefined
      ? []
      : [
          {
            mark: { type: "rule" as const, color: "#888", strokeDash: [4, 3] },
            encoding: { y: { datum: options.reference } },
          },
        ];
  return {
    name: options.name,
    title: options.title,
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 140,
      data: { values },
      layer: [line, ...reference],
    },
  };
}
