/**
 * Per-bar market statistics the cost model needs, computed once per panel:
 * `sigma[s][t]` = sample standard deviation of log returns over the `window`
 * returns ending at bar t-1 (known before bar t opens, so a fill at bar t
 * never uses bar t's own prices), and `adv[s][t]` = mean volume over the
 * `window` bars ending at t-1. With less history than the window the
 * statistic uses what exists (at least 2 returns / 1 bar), else 0.
 */
export function laggedVolatility(close: Float64Array, window: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  // r[i] = log(close[i] / close[i-1]) for i >= 1; sigma[t] uses r[t-window .. t-1].
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let t = 1; t < n; t++) {
    // Add r[t-1] (if it exists) before computing sigma[t].
    if (t - 1 >= 1) {
      const r = Math.log(close[t - 1]! / close[t - 2]!);
      sum += r;
      sumSq += r * r;
      count++;
      const drop = t - 1 - window;
      if (drop >= 1) {
        const old = Math.log(close[drop]! / close[drop - 1]!);
        sum -= old;
        sumSq -= old * old;
        count--;
      }
    }
    if (count >= 2) {
      const mean = sum / count;
      const variance = Math.max(0, (sumSq - count * mean * mean) / (count - 1));
      out[t] = Math.sqrt(variance);
    }
  }
  return out;
}

export function laggedAverageVolume(volume: Float64Array, window: number): Float64Array {
  const n = volume.length;
  const out = new Float64Array(n);
  let sum = 0;
  let count = 0;
  for (let t = 1; t < n; t++) {
    sum += volume[t - 1]!;
    count++;
    if (t - 1 - window >= 0) {
      sum -= volume[t - 1 - window]!;
      count--;
    }
    out[t] = sum / count;
  }
  return out;
}
