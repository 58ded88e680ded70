/**
 * The cells of a sweep heatmap: the trials grouped by their (x, y)
 * parameter values, each group's finite metric values combined with the
 * aggregate (max / min / mean / median) — the other swept parameters are
 * aggregated away, as vectorbt's and backtesting.py's heatmaps do. A
 * numeric axis with more than `maxLevels` values is cut into `maxLevels`
 * contiguous groups of values (labelled `first–last`) so the chart stays
 * readable and small. Levels are ordered numerically (numbers), false/true
 * (booleans) or by first appearance (strings).
 */
import type { HeatmapAggregate } from "../../backtest/sweep/sweep-report-plan.js";
import type { ParameterValue } from "../../backtest/sweep/parameter-space.js";
import { max, mean, min } from "../../stats/moments.js";
import { median } from "../../stats/quantile.js";

/** The most levels an axis of the heatmap shows before its values are grouped. */
export const HEATMAP_MAX_LEVELS = 50;

export interface HeatmapCell {
  readonly x: string;
  readonly y: string;
  /** The aggregate of the cell's finite values (NaN when none is finite). */
  readonly value: number;
  /** Trials in the cell. */
  readonly trials: number;
}

/** An axis: its labels in order and the label of each parameter value. */
export interface AxisLevels {
  readonly labels: readonly string[];
  readonly labelOf: (value: ParameterValue) => string;
  /** True when values were grouped (more distinct values than `maxLevels`). */
  readonly grouped: boolean;
}

export function aggregate(values: readonly number[], how: HeatmapAggregate): number {
  if (values.length === 0) return Number.NaN;
  switch (how) {
    case "max":
      return max(values);
    case "min":
      return min(values);
    case "mean":
      return mean(values);
    case "median":
      return median(values);
  }
}

function key(value: ParameterValue): string {
  return `${typeof value}:${String(value)}`;
}

export function axisLevels(values: readonly ParameterValue[], maxLevels: number): AxisLevels {
  const distinct = new Map<string, ParameterValue>();
  for (const v of values) if (!distinct.has(key(v))) distinct.set(key(v), v);
  const all = [...distinct.values()];
  const numeric = all.every((v) => typeof v === "number");
  if (numeric) (all as number[]).sort((a, b) => a - b);
  else if (all.every((v) => typeof v === "boolean")) all.sort((a, b) => Number(a) - Number(b));
  if (!numeric || all.length <= maxLevels) {
    return { labels: all.map(String), labelOf: (v) => String(v), grouped: false };
  }
  const labelByKey = new Map<string, string>();
  const labels: string[] = [];
  for (let b = 0; b < maxLevels; b++) {
    const group = all.slice(
      Math.floor((b * all.length) / maxLevels),
      Math.floor(((b + 1) * all.length) / maxLevels),
    );
    if (group.length === 0) continue;
    const label = group.length === 1 ? String(group[0]) : `${group[0]}–${group[group.length - 1]}`;
    labels.push(label);
    for (const v of group) labelByKey.set(key(v), label);
  }
  return { labels, labelOf: (v) => labelByKey.get(key(v)) ?? String(v), grouped: true };
}

/** Groups trials by (x, y) and aggregates `metric` over each group. */
export function heatmapCells(
  xs: readonly ParameterValue[],
  ys: readonly ParameterValue[],
  metric: ArrayLike<number>,
  how: HeatmapAggregate,
  maxLevels = HEATMAP_MAX_LEVELS,
): { cells: HeatmapCell[]; x: AxisLevels; y: AxisLevels } {
  const x = axisLevels(xs, maxLevels);
  const y = axisLevels(ys, maxLevels);
  const groups = new Map<string, { x: string; y: string; values: number[]; trials: number }>();
  const n = Math.min(xs.length, ys.length, metric.length);
  for (let i = 0; i < n; i++) {
    const lx = x.labelOf(xs[i]!);
    const ly = y.labelOf(ys[i]!);
    const k = JSON.stringify([lx, ly]);
    let group = groups.get(k);
    if (!group) {
      group = { x: lx, y: ly, values: [], trials: 0 };
      groups.set(k, group);
    }
    group.trials++;
    const v = metric[i]!;
    if (Number.isFinite(v)) group.values.push(v);
  }
  const cells = [...groups.values()].map((g) => ({
    x: g.x,
    y: g.y,
    value: aggregate(g.values, how),
    trials: g.trials,
  }));
  return { cells, x, y };
}
