import { bucketKey, type PeriodBucket } from "./calendar.js";

/** A series of values stamped with epoch-ms times. */
export interface TimeSeries {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

/** Simple returns r[t] = x[t]/x[t-1] - 1; r[0] = NaN. */
export function simpleReturns(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  if (values.length > 0) out[0] = Number.NaN;
  for (let t = 1; t < values.length; t++) out[t] = values[t]! / values[t - 1]! - 1;
  return out;
}

/** Log returns ln(x[t]/x[t-1]) for t >= 1 (length n - 1). */
export function logReturns(values: ArrayLike<number>): Float64Array {
  const n = Math.max(0, values.length - 1);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = Math.log(values[t + 1]! / values[t]!);
  return out;
}

/**
 * The last value of each calendar bucket (pandas `resample(bucket).last()`
 * with empty buckets dropped); each value is stamped with the time of the
 * last bar in its bucket.
 */
export function lastPerBucket(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  bucket: PeriodBucket,
): TimeSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  let prevKey = Number.NaN;
  for (let t = 0; t < timestamps.length; t++) {
    const v = values[t]!;
    if (Number.isNaN(v)) continue;
    const key = bucketKey(timestamps[t]!, bucket);
    if (key === prevKey) {
      ts[ts.length - 1] = timestamps[t]!;
      vs[vs.length - 1] = v;
    } else {
      ts.push(timestamps[t]!);
      vs.push(v);
      prevKey = key;
    }
  }
  return { timestamps: Float64Array.from(ts), values: Float64Array.from(vs) };
}

/**
 * Period returns of an equity curve: equity resampled to the last value per
 * bucket, then percent change. The first period's return is NaN (kept, as
 * backtesting.py keeps it: its geometric mean counts it as 0).
 */
export function periodReturns(
  timestamps: ArrayLike<number>,
  equity: ArrayLike<number>,
  bucket: PeriodBucket,
): TimeSeries {
  const last = lastPerBucket(timestamps, equity, bucket);
  return { timestamps: last.timestamps, values: simpleReturns(last.values) };
}

/**
 * Compounds returns within calendar buckets: (Π(1 + r) - 1) per bucket
 * (QuantStats `aggregate_returns(compounded=True)`); NaN returns are skipped.
 */
export function compoundByBucket(series: TimeSeries, bucket: PeriodBucket): TimeSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  let prevKey = Number.NaN;
  let growth = 1;
  for (let i = 0; i < series.timestamps.length; i++) {
    const key = bucketKey(series.timestamps[i]!, bucket);
    if (key !== prevKey) {
      if (ts.length > 0) vs.push(growth - 1);
      ts.push(series.timestamps[i]!);
      growth = 1;
      prevKey = key;
    } else {
      ts[ts.length - 1] = series.timestamps[i]!;
    }
    const r = series.values[i]!;
    if (!Number.isNaN(r)) growth *= 1 + r;
  }
  if (ts.length > 0) vs.push(growth - 1);
  return { timestamps: Float64Array.from(ts), values: Float64Array.from(vs) };
}

/** Drops NaN entries. */
export function dropNaN(series: TimeSeries): TimeSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let i = 0; i < series.values.length; i++) {
    const v = series.values[i]!;
    if (Number.isNaN(v)) continue;
    ts.push(series.timestamps[i]!);
    vs.push(v);
  }
  return { timestamps: Float64Array.from(ts), values: Float64Array.from(vs) };
}
