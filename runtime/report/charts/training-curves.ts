import type { TrainingCurve } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { decimateIndexes } from "./decimate.js";

/** Agent training metrics against environment steps, one small panel per metric. */
export function trainingCurvesChart(
  curves: readonly TrainingCurve[],
  options: ChartSize = {},
): ChartSpec {
  const values = curves.flatMap((curve) => {
    const n = Math.min(curve.steps.length, curve.values.length);
    const finite: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(curve.values[i]!)) finite.push(i);
    return decimateIndexes(
      finite.map((i) => curve.values[i]!),
      600,
    ).map((k) => ({
      metric: curve.metric,
      step: curve.steps[finite[k]!]!,
      v: curve.values[finite[k]!]!,
    }));
  });
  const metrics = curves.map((c) => c.metric);
  const columns = Math.min(2, metrics.length);
  const width = options.width ?? DEFAULT_WIDTH;
  return {
    name: "training-curves",
    title: "Agent training",
    spec: {
      data: { values },
      facet: { field: "metric", type: "nominal", title: null, sort: metrics },
      columns,
      spec: {
        width: Math.floor(width / columns) - 40,
        height: options.height ?? 130,
        mark: { type: "line", color: PALETTE.strategy },
        encoding: {
          x: { field: "step", type: "quantitative", title: "step", axis: { format: "~s" } },
          y: { field: "v", type: "quantitative", title: null, scale: { zero: false } },
        },
      },
      resolve: { scale: { y: "independent", x: "independent" } },
    },
  };
}
