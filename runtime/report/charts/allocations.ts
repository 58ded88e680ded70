import type { AllocationSection } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { seriesColor, timeX } from "./encodings.js";

/** Most bars drawn per symbol: the stacked layers must share their times, so bars are strided. */
export const MAX_ALLOCATION_BARS = 400;

/** The label of the cash layer. */
const CASH = "cash";

export interface AllocationsChartOptions extends ChartSize {
  /** `actual` (default): weights held at each close; `target`: the strategy's target weights. */
  readonly kind?: "actual" | "target";
}

/** Bars to draw: every bar up to the limit, else an even stride that keeps the first and last. */
function strideIndexes(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => Math.round(k * step));
}

/**
 * Weights per symbol and cash over time as a stacked area (the layers of a
 * long-only portfolio add up to 1; short weights stack below zero).
 */
export function allocationsChart(
  section: AllocationSection,
  options: AllocationsChartOptions = {},
): ChartSpec {
  const kind = options.kind ?? "actual";
  const weights = kind === "actual" ? section.actual : section.target;
  const cash = kind === "actual" ? section.actualCash : section.targetCash;
  const names = [...section.symbols, CASH];
  const colors = [
    ...section.symbols.map((_, s) => PALETTE.series[s % PALETTE.series.length]!),
    "#d9d9d9",
  ];
  const values: { t: number; v: number; series: string; order: number }[] = [];
  for (const i of strideIndexes(section.times.length, MAX_ALLOCATION_BARS)) {
    const t = section.times[i]!;
    names.forEach((name, s) => {
      const w = s < section.symbols.length ? weights[s]![i]! : cash[i]!;
      values.push({ t, v: Number.isFinite(w) ? w : 0, series: name, order: s });
    });
  }
  return {
    name: `allocations-${kind}`,
    title:
      kind === "actual"
        ? "Allocations held (weights at each close)"
        : "Target allocations (the strategy's weights, before the risk overlay)",
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 200,
      data: { values },
      mark: { type: "area", interpolate: "step-after", opacity: 0.9 },
      encoding: {
        x: timeX(),
        y: {
          field: "v",
          type: "quantitative",
          stack: "zero",
          title: "weight",
          axis: { format: ".0%" },
        },
        color: { ...seriesColor(names, colors), legend: { columns: 8, labelLimit: 160 } },
        order: { field: "order", type: "quantitative" },
      },
    },
  };
}
