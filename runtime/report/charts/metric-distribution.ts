import type { ValueFormat } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { histogramBins } from "./return-distribution.js";
import { d3FormatOf } from "./value-format.js";

export interface MetricDistributionOptions extends ChartSize {
  readonly title: string;
  readonly metricLabel: string;
  readonly format: ValueFormat;
  readonly bins?: number;
  /** The selected trial's value, drawn as a labelled rule. */
  readonly selected?: number;
  readonly selectedLabel?: string;
}

/** Histogram of a metric over all the trials of a sweep (finite values), the selected trial marked. */
export function metricDistributionChart(
  values: ArrayLike<number>,
  options: MetricDistributionOptions,
): ChartSpec {
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite++;
  const bins = histogramBins([{ name: "trials", values }], options.bins ?? 30).map((b) => ({
    lo: b.lo,
    hi: b.hi,
    n: Math.round(b.share * finite),
  }));
  const format = d3FormatOf(options.format);
  const selected = options.selected;
  const marked = selected !== undefined && Number.isFinite(selected);
  return {
    name: "metric-distribution",
    title: options.title,
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 180,
      layer: [
        {
          data: { values: bins },
          mark: { type: "rect", color: PALETTE.strategy, opacity: 0.75 },
          encoding: {
            x: {
              field: "lo",
              type: "quantitative",
              title: options.metricLabel,
              axis: { format },
              scale: { zero: false },
            },
            x2: { field: "hi" },
            y: { field: "n", type: "quantitative", title: "trials" },
          },
        },
        ...(marked
          ? [
              {
                data: { values: [{ v: selected, label: options.selectedLabel ?? "selected" }] },
                mark: { type: "rule" as const, color: PALETTE.loss, strokeWidth: 2 },
                encoding: { x: { field: "v", type: "quantitative" as const } },
              },
              {
                data: { values: [{ v: selected, label: options.selectedLabel ?? "selected" }] },
                mark: {
                  type: "text" as const,
                  color: PALETTE.loss,
                  align: "left" as const,
                  dx: 4,
                  y: 8,
                  fontSize: 11,
                },
                encoding: {
                  x: { field: "v", type: "quantitative" as const },
                  text: { field: "label", type: "nominal" as const },
                },
              },
            ]
          : []),
      ],
    },
  };
}
