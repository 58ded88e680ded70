import { invertSpd } from "../hmm/linalg.js";
import type { DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { messages } from "../messages.js";
import { buildObservations } from "../observations.js";
import { finiteValues, quantile } from "../quantile.js";
import { specError } from "../spec-errors.js";
import { num } from "./config.js";
import type { OhlcvPanel } from "../../data/panel.js";

/** Simple returns per symbol, bar-major (n × m), NaN at bar 0. */
function assetReturns(panel: OhlcvPanel): Float64Array {
  const n = panel.timestamps.length;
  const m = panel.symbols.length;
  const r = new Float64Array(n * m).fill(Number.NaN);
  for (let t = 1; t < n; t++) {
    for (let i = 0; i < m; i++) r[t * m + i] = panel.close[i]![t]! / panel.close[i]![t - 1]! - 1;
  }
  return r;
}

/**
 * Turbulence index (Kritzman & Li 2010, as in FinRL): d_t = (y_t − μ)ᵀ Σ⁻¹ (y_t − μ)
 * with μ, Σ (sample, n−1) the mean and covariance of the asset returns over the
 * `lookback` bars before t (or all bars before t when `expanding`). Uses
 * running sums, so each bar costs O(m²) plus one m×m inversion.
 */
export function turbulenceIndex(
  panel: OhlcvPanel,
  lookback: number,
  expanding: boolean,
): Float64Array {
  const n = panel.timestamps.length;
  const m = panel.symbols.length;
  const r = assetReturns(panel);
  const out = new Float64Array(n).fill(Number.NaN);
  const sum = new Float64Array(m);
  const outer = new Float64Array(m * m);
  const cov = new Float64Array(m * m);
  const diff = new Float64Array(m);
  const add = (t: number, sign: number) => {
    for (let i = 0; i < m; i++) {
      const ri = r[t * m + i]!;
      sum[i] = sum[i]! + sign * ri;
      for (let j = 0; j < m; j++) outer[i * m + j] = outer[i * m + j]! + sign * ri * r[t * m + j]!;
    }
  };
  let count = 0;
  for (let t = 1; t < n; t++) {
    // The window holds returns of bars [start, t): data strictly before t, plus y_t itself.
    if (count >= lookback) {
      for (let i = 0; i < m; i++) diff[i] = sum[i]! / count;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          cov[i * m + j] = (outer[i * m + j]! - count * diff[i]! * diff[j]!) / (count - 1);
        }
      }
      let inv = invertSpd(cov, m);
      if (inv === null) {
        let trace = 0;
        for (let i = 0; i < m; i++) trace += cov[i * m + i]!;
        const ridged = Float64Array.from(cov);
        for (let i = 0; i < m; i++)
          ridged[i * m + i] = ridged[i * m + i]! + 1e-10 * (trace / m || 1);
        inv = invertSpd(ridged, m);
      }
      if (inv !== null) {
        let d = 0;
        for (let i = 0; i < m; i++) {
          const zi = r[t * m + i]! - diff[i]!;
          for (let j = 0; j < m; j++) d += zi * inv[i * m + j]! * (r[t * m + j]! - diff[j]!);
        }
        out[t] = d;
      }
    }
    add(t, 1);
    count++;
    if (!expanding && count > lookback) {
      add(t - lookback, -1);
      count--;
    }
  }
  return out;
}

/** Turbulent (1) when the turbulence index exceeds the train segment's quantile (or a given threshold). */
export function turbulenceDetector(): RegimeDetectorFactory {
  return {
    type: "turbulence",
    detect(config, ctx): DetectorOutput {
      const lookback = num(config, "lookback", 252);
      const expanding = config.expanding === true;
      const q = num(config, "quantile", 0.99);
      const train = ctx.segments.train;
      if (train.end - train.start <= lookback + 1) {
        throw specError(
          ctx.file,
          `${ctx.path}/lookback`,
          messages.windowTooLong(lookback, train.end - train.start),
        );
      }
      const index = turbulenceIndex(ctx.panel, lookback, expanding);
      const trainValues = finiteValues(index, train.start, train.end);
      const threshold =
        typeof config.threshold === "number" ? config.threshold : quantile(trainValues, q);
      const n = index.length;
      const labels = new Int32Array(n).fill(-1);
      for (let t = 0; t < n; t++) {
        const v = index[t]!;
        if (Number.isFinite(v)) labels[t] = v > threshold ? 1 : 0;
      }
      const basket = buildObservations(ctx.panel, {
        features: ["log_return"],
        window: 2,
        scale: 1,
      });
      return {
        nStates: 2,
        stateNames: ["normal", "turbulent"],
        labels,
        probabilities: null,
        returns: basket.simpleReturns,
        indicator: index,
        model: { lookback, expanding, quantile: q, threshold, symbols: ctx.panel.symbols },
        figures: { threshold },
      };
    },
  };
}
