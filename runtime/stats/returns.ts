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
  return logReturnsInto(values, new Float64Array(Math.max(0, values.length - 1)));
}

/**
 * `logReturns` written into `out` (length ≥ n − 1, reused across calls);
 * returns the filled view. A flat step (ratio exactly 1, e.g. a bar without
 * a position) is 0 without calling Math.log (which gives exactly +0 there).
 */
export function logReturnsInto(values: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = Math.max(0, values.length - 1);
  for (let t = 0; t < n; t++) {
    const ratio = values[t + 1]! / values[t]!;
    out[t] = ratio === 1 ? 0 : Math.log(ratio);
  }
  return out.subarray(0, n);
}

/** The calendar bucket (`bucketKey`) of every bar: computed once per set of timestamps. */
export function bucketKeys(timestamps: ArrayLike<number>, bucket: PeriodBucket): Float64Array {
  const keys = new Float64Array(timestamps.length);
  for (let t = 0; t < timestamps.length; t++) keys[t] = bucketKey(timestamps[t]!, bucket);
  return keys;
}

/**
 * The bar of each calendar bucket's last non-NaN value (pandas
 * `resample(bucket).last()` with empty buckets dropped), from the bars'
 * `bucketKeys`, written into `out` (length ≥ the bars); returns how many
 * buckets there are. Allocation-free: what `lastPerBucket` and the
 * statistics' period returns are sampled with.
 */
export function lastBarPerBucket(
  keys: ArrayLike<number>,
  values: ArrayLike<number>,
  out: Int32Array,
): number {
  let count = 0;
  let prevKey = Number.NaN;
  for (let t = 0; t < keys.length; t++) {
    if (Number.isNaN(values[t]!)) continue;
    const key = keys[t]!;
    if (key === prevKey) {
      out[count - 1] = t;
    } else {
      out[count++] = t;
      prevKey = key;
    }
  }
  return count;
}

/**
 * The last value of each calendar bucket (pandas `resample(bucket).last()`
 * with empty buckets dropped); each value is stamped with the time of the
 * last bar in its bucket. `keys`: the bars' `bucketKeys`, when already known.
 */
export function lastPerBucket(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  bucket: PeriodBucket,
  keys: ArrayLike<number> = bucketKeys(timestamps, bucket),
): TimeSeries {
  const bars = new Int32Array(timestamps.length);
  const count = lastBarPerBucket(keys, values, bars);
  const ts = new Float64Array(count);
  const vs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    ts[i] = timestamps[bars[i]!]!;
    vs[i] = values[bars[i]!]!;
  }
  return { timestamps: ts, values: vs };
}

/**
 * The period returns that exist — between consecutive bucket closes
 * `bars[0…count)` of `values` (as `lastBarPerBucket` gives them), NaN
 * dropped — written into `out` (length ≥ count − 1); returns the filled
 * view. Equal to `dropNaN(periodReturns(…)).values` without allocating.
 * `startBucket`, when given, receives for each return the index k of the
 * bucket it starts from (it runs from bar `bars[k]` to `bars[k + 1]`).
 */
export function observedReturnsInto(
  values: ArrayLike<number>,
  bars: Int32Array,
  count: number,
  out: Float64Array,
  startBucket?: Int32Array,
): Float64Array {
  let m = 0;
  for (let i = 1; i < count; i++) {
    const r = values[bars[i]!]! / values[bars[i - 1]!]! - 1;
    if (Number.isNaN(r)) continue;
    if (startBucket !== undefined) startBucket[m] = i - 1;
    out[m++] = r;
  }
  return out.subarray(0, m);
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
