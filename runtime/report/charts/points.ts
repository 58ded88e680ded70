import type { TimeSeries } from "../tear-sheet-input.js";
import { decimateIndexes } from "./decimate.js";

/** Upper bound of points per drawn line; keeps SVGs small for decades of daily bars. */
export const MAX_LINE_POINTS = 700;

export interface TimePoint {
  readonly t: number;
  readonly v: number;
  readonly series: string;
}

/** A time series as vega-lite rows `{ t, v, series }`, decimated, non-finite values dropped. */
export function timePoints(
  series: TimeSeries,
  name: string,
  maxPoints = MAX_LINE_POINTS,
): TimePoint[] {
  const n = Math.min(series.times.length, series.values.length);
  const finiteIdx: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(series.values[i]!)) finiteIdx.push(i);
  const finiteValues = finiteIdx.map((i) => series.values[i]!);
  return decimateIndexes(finiteValues, maxPoints).map((k) => {
    const i = finiteIdx[k]!;
    return { t: series.times[i]!, v: series.values[i]!, series: name };
  });
}
