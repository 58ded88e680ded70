import type { AssetContribution } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";

/** Each symbol's contribution to the run's return (its P&L / initial capital) as horizontal bars. */
export function assetContributionChart(
  contributions: readonly AssetContribution[],
  options: ChartSize = {},
): ChartSpec {
  const order = contributions.map((c) => c.symbol);
  const values = contributions.map((c) => ({
    symbol: c.symbol,
    v: c.contribution,
    sign: c.contribution < 0 ? "loss" : "gain",
  }));
  return {
    name: "asset-contribution",
    title: "Contribution to return by asset",
    spec: {
      width: options.width ?? DEFAULT_WIDTH - 180,
      height: options.height ?? Math.max(60, order.length * 24),
      data: { values },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            y: {
              field: "symbol",
              type: "nominal",
              sort: order,
              title: null,
              axis: { labelLimit: 200 },
            },
            x: {
              field: "v",
              type: "quantitative",
              title: "contribution to return",
              axis: { format: ".1%" },
            },
            color: {
              field: "sign",
              type: "nominal",
              scale: { domain: ["gain", "loss"], range: [PALETTE.gain, PALETTE.loss] },
              legend: null,
            },
          },
        },
        { mark: { type: "rule", color: "#666" }, encoding: { x: { datum: 0 } } },
      ],
    },
  };
}
