import type { PreferredDirection } from "../../backtest/stats/preferred-direction.js";
import type { ValueFormat } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH } from "./chart.js";
import { d3FormatOf } from "./value-format.js";

/** One cell of the heatmap: the aggregated metric of the trials with these (x, y) values. */
export interface SweepHeatmapCell {
  readonly x: string;
  readonly y: string;
  readonly value: number;
  readonly trials: number;
}

export interface SweepHeatmapOptions extends ChartSize {
  readonly title: string;
  /** The parameters' dotted paths. */
  readonly xName: string;
  readonly yName: string;
  /** The axes' levels in order. */
  readonly xLabels: readonly string[];
  readonly yLabels: readonly string[];
  readonly metricLabel: string;
  readonly format: ValueFormat;
  /** Which way the metric is better (green); `none` colors higher green. */
  readonly better: PreferredDirection;
  /** The cell of the selected trial, outlined. */
  readonly selected?: { readonly x: string; readonly y: string };
}

/** Every n-th label when an axis has too many to print. */
function thinned(labels: readonly string[], room: number): string[] | undefined {
  if (labels.length <= room) return undefined;
  const step = Math.ceil(labels.length / room);
  return labels.filter((_, i) => i % step === 0);
}

/**
 * A sweep heatmap (vectorbt / backtesting.py style): one parameter across,
 * another down, each cell colored by the metric (green better, by the
 * metric's preferred direction), values printed when the grid is small, the
 * selected trial's cell outlined.
 */
export function sweepHeatmapChart(
  cells: readonly SweepHeatmapCell[],
  options: SweepHeatmapOptions,
): ChartSpec {
  const values = cells
    .filter((c) => Number.isFinite(c.value))
    .map((c) => ({ x: c.x, y: c.y, v: c.value, n: c.trials }));
  const nx = options.xLabels.length;
  const ny = options.yLabels.length;
  const format = d3FormatOf(options.format);
  const small = nx <= 16 && ny <= 16;
  const finite = values.map((c) => c.v);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const mid = (lo + hi) / 2;
  const xAxisValues = thinned(options.xLabels, 30);
  const yAxisValues = thinned(options.yLabels, 30);
  const x = {
    field: "x",
    type: "ordinal" as const,
    title: options.xName,
    scale: { domain: [...options.xLabels] },
    axis: { labelAngle: 0, labelOverlap: true, ...(xAxisValues ? { values: xAxisValues } : {}) },
  };
  const y = {
    field: "y",
    type: "ordinal" as const,
    title: options.yName,
    scale: { domain: [...options.yLabels] },
    axis: { labelOverlap: true, ...(yAxisValues ? { values: yAxisValues } : {}) },
  };
  const selected = options.selected;
  return {
    name: "sweep-heatmap",
    title: options.title,
    spec: {
      width: options.width ?? Math.min(DEFAULT_WIDTH - 120, Math.max(240, 34 * nx)),
      height: options.height ?? Math.min(520, Math.max(120, 24 * ny)),
      layer: [
        {
          data: { values },
          mark: { type: "rect", stroke: "white", strokeWidth: small ? 1 : 0 },
          encoding: {
            x,
            y,
            color: {
              field: "v",
              type: "quantitative",
              title: options.metricLabel,
              scale: { scheme: "redyellowgreen", reverse: options.better === "lower" },
              legend: { format, orient: "right", direction: "vertical" },
            },
          },
        },
        ...(small
          ? [
              {
                data: { values },
                mark: { type: "text" as const, fontSize: 10 },
                encoding: {
                  x,
                  y,
                  text: { field: "v", type: "quantitative" as const, format },
                  color: {
                    condition: {
                      test: `abs(datum.v - ${mid}) > ${0.35 * Math.max(1e-12, hi - lo)}`,
                      value: "white",
                    },
                    value: "black",
                  },
                },
              },
            ]
          : []),
        ...(selected
          ? [
              {
                data: { values: [{ x: selected.x, y: selected.y }] },
                mark: {
                  type: "rect" as const,
                  fill: null,
                  fillOpacity: 0,
                  stroke: "black",
                  strokeWidth: 2,
                },
                encoding: { x, y },
              },
            ]
          : []),
      ],
    },
  };
}
