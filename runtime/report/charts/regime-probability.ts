import type { TimeSeries } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { timeX } from "./encodings.js";
import { timePoints } from "./points.js";

/** A regime's filtered probability per bar (0..1) as a shaded area. */
export function regimeProbabilityChart(
  probability: TimeSeries,
  regime: string,
  options: ChartSize = {},
): ChartSpec {
  return {
    name: "regime-probability",
    title: `P(${regime}) filtered`,
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 150,
      data: { values: timePoints(probability, regime) },
      mark: { type: "area", opacity: 0.6, color: PALETTE.series[1] },
      encoding: {
        x: timeX(),
        y: { field: "v", type: "quantitative", title: "probability", scale: { domain: [0, 1] } },
      },
    },
  };
}
