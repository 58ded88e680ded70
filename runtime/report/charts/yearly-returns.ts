import type { YearlyReturn } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { seriesColor } from "./encodings.js";

/** Calendar-year returns of the strategy (and benchmark) as grouped bars. */
export function yearlyReturnsChart(
  yearly: readonly YearlyReturn[],
  options: ChartSize & { strategyLabel?: string; benchmarkLabel?: string } = {},
): ChartSpec {
  const s = options.strategyLabel ?? "strategy";
  const b = options.benchmarkLabel ?? "benchmark";
  const hasBenchmark = yearly.some((y) => y.benchmark !== undefined);
  const values = yearly.flatMap((y) => [
    { year: String(y.year), v: y.strategy, series: s },
    ...(y.benchmark !== undefined ? [{ year: String(y.year), v: y.benchmark, series: b }] : []),
  ]);
  const names = hasBenchmark ? [s, b] : [s];
  const colors = hasBenchmark ? [PALETTE.strategy, PALETTE.benchmark] : [PALETTE.strategy];
  return {
    name: "yearly-returns",
    title: "Yearly returns",
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 200,
      data: { values },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            x: { field: "year", type: "ordinal", title: null, axis: { labelAngle: 0 } },
            xOffset: { field: "series", type: "nominal", sort: names },
            y: { field: "v", type: "quantitative", title: "return", axis: { format: ".0%" } },
            color: seriesColor(names, colors),
          },
        },
        { mark: { type: "rule", color: "#666" }, encoding: { y: { datum: 0 } } },
      ],
    },
  };
}
