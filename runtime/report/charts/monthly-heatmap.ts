import type { MonthlyReturn } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH } from "./chart.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Calendar heatmap of monthly returns: years down, months across, value in each cell. */
export function monthlyHeatmapChart(
  monthly: readonly MonthlyReturn[],
  options: ChartSize = {},
): ChartSpec {
  const years = new Set(monthly.map((m) => m.year)).size;
  const maxAbs = Math.max(0.01, ...monthly.map((m) => Math.abs(m.value)));
  const values = monthly.map((m) => ({ year: m.year, month: MONTHS[m.month - 1], v: m.value }));
  return {
    name: "monthly-returns",
    title: "Monthly returns",
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? Math.max(60, 20 * years),
      data: { values },
      encoding: {
        x: {
          field: "month",
          type: "ordinal",
          sort: MONTHS,
          title: null,
          axis: { orient: "top", labelAngle: 0 },
        },
        y: { field: "year", type: "ordinal", title: null },
      },
      layer: [
        {
          mark: { type: "rect", stroke: "white", strokeWidth: 1 },
          encoding: {
            color: {
              field: "v",
              type: "quantitative",
              title: "return",
              scale: { scheme: "redyellowgreen", domain: [-maxAbs, maxAbs], domainMid: 0 },
              legend: { format: ".0%", orient: "right", direction: "vertical" },
            },
          },
        },
        {
          mark: { type: "text", fontSize: 10 },
          encoding: {
            text: { field: "v", type: "quantitative", format: ".1%" },
            // white on the darkest cells, black elsewhere, so every value stays readable
            color: {
              condition: { test: `abs(datum.v) > ${0.6 * maxAbs}`, value: "white" },
              value: "black",
            },
          },
        },
      ],
    },
  };
}
