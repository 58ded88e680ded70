import type { ScenarioRow } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { seriesColor } from "./encodings.js";

/** Return of the strategy (and benchmark) under each stress scenario, as horizontal bars. */
export function scenarioAnalysisChart(
  scenarios: readonly ScenarioRow[],
  options: ChartSize = {},
): ChartSpec {
  const hasBenchmark = scenarios.some((s) => s.benchmark !== undefined);
  const names = hasBenchmark ? ["strategy", "benchmark"] : ["strategy"];
  const colors = hasBenchmark ? [PALETTE.strategy, PALETTE.benchmark] : [PALETTE.strategy];
  const values = scenarios.flatMap((s) => [
    { scenario: s.scenario, v: s.strategy, series: "strategy" },
    ...(s.benchmark !== undefined
      ? [{ scenario: s.scenario, v: s.benchmark, series: "benchmark" }]
      : []),
  ]);
  const order = scenarios.map((s) => s.scenario);
  return {
    name: "scenario-analysis",
    title: "Scenario analysis",
    spec: {
      width: options.width ?? DEFAULT_WIDTH - 300,
      height: options.height ?? Math.max(80, order.length * (hasBenchmark ? 34 : 22)),
      data: { values },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            y: {
              field: "scenario",
              type: "nominal",
              sort: order,
              title: null,
              axis: { labelLimit: 0 },
            },
            yOffset: { field: "series", type: "nominal", sort: names },
            x: { field: "v", type: "quantitative", title: "return", axis: { format: ".0%" } },
            color: seriesColor(names, colors),
          },
        },
        { mark: { type: "rule", color: "#666" }, encoding: { x: { datum: 0 } } },
      ],
    },
  };
}
