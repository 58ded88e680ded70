/**
 * Causal rolling indicators on typed arrays: output t uses inputs ≤ t only;
 * the first `window - 1` outputs are NaN (pandas' `rolling(window)` shape).
 * The simple moving average is runtime/stats/rolling's compensated
 * `rollingMean` (rolling standard deviations: its `rollingStd`).
 */
import { rollingMean } from "../../stats/rolling.js";

/** Simple moving average of the `window` bars ending at t. */
export function sma(
  values: Float64Array,
  window: number,
  out = new Float64Array(values.length),
): Float64Array {
  return rollingMean(values, window, out);
}

/** Exponential moving average with alpha = 2 / (span + 1), seeded with the SMA of the first `span` values. */
export function ema(
  values: Float64Array,
  span: number,
  out = new Float64Array(values.length),
): Float64Array {
  checkWindow(span);
  const n = values.length;
  const alpha = 2 / (span + 1);
  let seed = 0;
  for (let t = 0; t < n; t++) {
    if (t < span - 1) {
      seed += values[t]!;
      out[t] = Number.NaN;
    } else if (t === span - 1) {
      out[t] = (seed + values[t]!) / span;
    } else {
      out[t] = alpha * values[t]! + (1 - alpha) * out[t - 1]!;
    }
  }
  return out;
}

/** Highest value of the `window` bars ending at t. */
export function rollingMax(values: Float64Array, window: number): Float64Array {
  return rollingExtreme(values, window, (a, b) => a >= b);
}

/** Lowest value of the `window` bars ending at t. */
export function rollingMin(values: Float64Array, window: number): Float64Array {
  return rollingExtreme(values, window, (a, b) => a <= b);
}

function rollingExtreme(
  values: Float64Array,
  window: number,
  better: (a: number, b: number) => boolean,
): Float64Array {
  checkWindow(window);
  const n = values.length;
  const out = new Float64Array(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let t = 0; t < n; t++) {
    while (tail > head && better(values[t]!, values[deque[tail - 1]!]!)) tail--;
    deque[tail++] = t;
    if (deque[head]! <= t - window) head++;
    out[t] = t >= window - 1 ? values[deque[head]!]! : Number.NaN;
  }
  return out;
}

/** Simple return over `lookback` bars: close[t] / close[t - lookback] - 1. */
export function momentum(values: Float64Array, lookback: number): Float64Array {
  checkWindow(lookback);
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    out[t] = t >= lookback ? values[t]! / values[t - lookback]! - 1 : Number.NaN;
  }
  return out;
}

function checkWindow(window: number): void {
  if (!(Number.isInteger(window) && window >= 1)) {
    throw new RangeError(`window must be a whole number ≥ 1, got ${window}`);
  }
}
