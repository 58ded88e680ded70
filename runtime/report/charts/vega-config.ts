import type { Config } from "vega-lite";

/**
 * The look of every chart. System fonts only (no webfont is ever fetched),
 * white background so SVG, PNG and PDF agree.
 */
export function chartConfig(): Config {
  return {
    font: "Helvetica, Arial, sans-serif",
    background: "white",
    padding: 6,
    view: { stroke: null },
    axis: {
      labelFontSize: 11,
      titleFontSize: 11,
      titleFontWeight: 600,
      gridColor: "#e8e8e8",
      domainColor: "#999",
      tickColor: "#999",
    },
    // labelLimit 0: legend labels are never cut short ("sma_crossover (baseline)").
    legend: {
      labelFontSize: 11,
      titleFontSize: 11,
      orient: "top",
      direction: "horizontal",
      labelLimit: 0,
    },
    header: { labelFontSize: 11, titleFontSize: 11 },
    title: { fontSize: 13, anchor: "start" },
    line: { strokeWidth: 1.4 },
  };
}
