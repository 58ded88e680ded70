/**
 * The sweep's `report:` section checked against its parameters (no data):
 * the heatmap's x and y are parameters the sweep varies (a "did you mean"
 * at the key's line:col otherwise), different from each other, and its
 * metric is one of the run's headline metrics. Absent x / y / metric are
 * the first / second parameter and the objective's metric.
 */
import { specError } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { didYouMean } from "../../core/suggest.js";
import { sweepReportMessages } from "../../messages/sweep-report.js";
import type { NormalizedSweep } from "../../spec/spec-types.js";
import { METRIC_ALIASES, resolveMetric, SWEEP_METRICS, type SweepMetric } from "./sweep-metrics.js";

export type HeatmapAggregate = NormalizedSweep["report"]["heatmap"]["aggregate"];

/** What the report draws, resolved. */
export interface SweepReportPlan {
  readonly html: boolean;
  readonly pdf: boolean;
  /** The parameter across (line chart's x when one parameter is swept). */
  readonly x: string;
  /** The parameter down; absent when only one parameter is swept. */
  readonly y?: string;
  readonly metric: SweepMetric;
  readonly aggregate: HeatmapAggregate;
  /** Trials re-evaluated on every segment. */
  readonly topK: number;
  readonly bins: number;
}

export function sweepReportPlan(
  sweep: NormalizedSweep,
  objectiveMetric: SweepMetric,
  loc: SpecLocation,
): SweepReportPlan {
  const report = sweep.report;
  const heatmap = report.heatmap;
  const swept = Object.keys(sweep.parameters);
  const at = loc.at("/report/heatmap");
  const parameter = (axis: "x" | "y", name: string): string => {
    if (swept.includes(name)) return name;
    throw specError(
      at.at(`/${axis}`),
      sweepReportMessages.heatmapUnknownParameter(axis, name, didYouMean(name, swept), swept),
      sweepReportMessages.heatmapParameterHint(swept),
    );
  };
  const x = parameter("x", heatmap.x ?? swept.find((name) => name !== heatmap.y) ?? swept[0]!);
  if (heatmap.y !== undefined && swept.length === 1)
    throw specError(
      at.at("/y"),
      sweepReportMessages.heatmapOneParameter(heatmap.y),
      sweepReportMessages.heatmapOneParameterHint(),
    );
  const y = heatmap.y !== undefined ? parameter("y", heatmap.y) : swept.find((name) => name !== x);
  if (y === x)
    throw specError(
      at.at("/y"),
      sweepReportMessages.heatmapSameParameter(x),
      sweepReportMessages.heatmapSameParameterHint(),
    );
  let metric = objectiveMetric;
  if (heatmap.metric !== undefined) {
    const resolved = resolveMetric(heatmap.metric);
    if (resolved === undefined) {
      const valid = [...SWEEP_METRICS];
      throw specError(
        at.at("/metric"),
        sweepReportMessages.heatmapUnknownMetric(
          heatmap.metric,
          didYouMean(heatmap.metric, [...valid, ...METRIC_ALIASES.keys()]),
          valid,
        ),
        sweepReportMessages.heatmapMetricHint(),
      );
    }
    metric = resolved;
  }
  return {
    html: report.html,
    pdf: report.pdf,
    x,
    ...(y !== undefined ? { y } : {}),
    metric,
    aggregate: heatmap.aggregate,
    topK: Math.min(report.top_k, sweep.top_k),
    bins: report.bins,
  };
}
