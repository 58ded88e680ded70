import type { TimeSeries } from "../tear-sheet-input.js";
import { decimateIndexes } from "./decimate.js";

/** Upper bound of points per drawn line; keeps SVGs small for decades of daily bars. */
export const MAX_LINE_POINTS = 700;

export interface TimePoint {
  readonly t: number;
  /** null: a gap (non-finite values) the line breaks at instead of bridging it. */
  readonly v: number | null;
  readonly series: string;
}

/**
 * A time series as vega-lite rows `{ t, v, series }`, decimated. Non-finite
 * values are dropped; where some lay between two drawn points, a row with
 * `v: null` at the first of them breaks the line (a rolling Sharpe undefined
 * for a while is a gap, not a straight line across it).
 */
export function timePoints(
  series: TimeSeries,
  name: string,
  maxPoints = MAX_LINE_POINTS,
): TimePoint[] {
  const n = Math.min(series.times.length, series.values.length);
  const finiteIdx: number[] = [];
  // nonFinite[j]: how many of values[0..j) are not finite.
  const nonFinite = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const finite = Number.isFinite(series.values[i]!);
    if (finite) finiteIdx.push(i);
    nonFinite[i + 1] = nonFinite[i]! + (finite ? 0 : 1);
  }
  const finiteValues = finiteIdx.map((i) => series.values[i]!);
  const out: TimePoint[] = [];
  let previous = -1;
  for (const k of decimateIndexes(finiteValues, maxPoints)) {
    const i = finiteIdx[k]!;
    if (previous >= 0 && nonFinite[i]! > nonFinite[previous + 1]!) {
      out.push({ t: series.times[previous + 1]!, v: null, series: name });
    }
    out.push({ t: series.times[i]!, v: series.values[i]!, series: name });
    previous = i;
  }
  return out;
}

/** True when some series of the rows has a single drawn point (a line would not show it). */
export function singlePoints(points: readonly TimePoint[]): boolean {
  const counts = new Map<string, number>();
  for (const p of points) if (p.v !== null) counts.set(p.series, (counts.get(p.series) ?? 0) + 1);
  return [...counts.values()].some((c) => c === 1);
}
