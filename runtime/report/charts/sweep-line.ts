import type { ValueFormat } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { d3FormatOf } from "./value-format.js";

export interface SweepLinePoint {
  /** The parameter's value (numbers on a linear axis; strings and booleans as categories). */
  readonly x: number | string;
  readonly value: number;
}

export interface SweepLineOptions extends ChartSize {
  readonly title: string;
  readonly xName: string;
  readonly metricLabel: string;
  readonly format: ValueFormat;
  /** The selected trial's parameter value, marked. */
  readonly selected?: number | string;
}

/** The metric over the one swept parameter (a sweep with one parameter has no heatmap). */
export function sweepLineChart(
  points: readonly SweepLinePoint[],
  options: SweepLineOptions,
): ChartSpec {
  const values = points
    .filter((p) => Number.isFinite(p.value))
    .map((p) => ({ x: p.x, v: p.value }));
  const numeric = values.every((p) => typeof p.x === "number");
  const x = {
    field: "x",
    type: numeric ? ("quantitative" as const) : ("ordinal" as const),
    title: options.xName,
    ...(numeric ? { scale: { zero: false } } : { axis: { labelAngle: 0 } }),
  };
  const y = {
    field: "v",
    type: "quantitative" as const,
    title: options.metricLabel,
    scale: { zero: false },
    axis: { format: d3FormatOf(options.format) },
  };
  const selected = options.selected;
  const chosen = selected === undefined ? [] : values.filter((p) => p.x === selected);
  return {
    name: "sweep-line",
    title: options.title,
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 220,
      layer: [
        {
          data: { values },
          mark: { type: "line", point: true, color: PALETTE.strategy },
          encoding: { x, y },
        },
        ...(chosen.length
          ? [
              {
                data: { values: chosen },
                mark: { type: "point" as const, filled: true, size: 90, color: PALETTE.loss },
                encoding: { x, y },
              },
            ]
          : []),
      ],
    },
  };
}
