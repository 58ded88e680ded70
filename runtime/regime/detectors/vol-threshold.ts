import { inferPeriodsPerYear } from "../annualization.js";
import type { DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { messages } from "../messages.js";
import { buildObservations } from "../observations.js";
import { finiteValues, quantile } from "../quantile.js";
import { specError } from "../spec-errors.js";
import { num, observationOptions } from "./config.js";

function strictlyIncreasing(a: readonly number[]): boolean {
  return a.every((v, i) => i === 0 || v > a[i - 1]!);
}

/**
 * Volatility regimes: annualised realized volatility (rolling standard
 * deviation of log returns over `window` bars) against thresholds. The
 * thresholds are quantiles of the train segment's volatility (or given
 * levels); k thresholds give k+1 states, 0 the calmest.
 */
export function volThresholdDetector(): RegimeDetectorFactory {
  return {
    type: "vol_threshold",
    detect(config, ctx): DetectorOutput {
      const options = {
        ...observationOptions(config, ctx),
        features: ["realized_vol" as const],
        scale: 1,
      };
      const window = num(config, "window", 20);
      const series = buildObservations(ctx.panel, options);
      const n = series.bars;
      const ppy = inferPeriodsPerYear(ctx.panel.timestamps);
      const vol = series.values.map((v) => v * Math.sqrt(ppy));
      const train = ctx.segments.train;
      if (train.end - Math.max(train.start, window) < 2) {
        throw specError(
          ctx.file,
          `${ctx.path}/window`,
          messages.windowTooLong(window, train.end - train.start),
        );
      }
      const given = config.thresholds as number[] | undefined;
      const quantiles = (config.quantiles as number[] | undefined) ?? [0.5];
      if (given && !strictlyIncreasing(given)) {
        throw specError(ctx.file, `${ctx.path}/thresholds`, messages.thresholdsNotIncreasing());
      }
      if (!given && (!strictlyIncreasing(quantiles) || quantiles.some((q) => !(q > 0 && q < 1)))) {
        throw specError(ctx.file, `${ctx.path}/quantiles`, messages.quantilesOutOfRange());
      }
      const trainVol = finiteValues(vol, train.start, train.end);
      const thresholds = given ?? quantiles.map((q) => quantile(trainVol, q));
      const k = thresholds.length + 1;
      const labels = new Int32Array(n).fill(-1);
      for (let t = 0; t < n; t++) {
        const v = vol[t]!;
        if (!Number.isFinite(v)) continue;
        let s = 0;
        while (s < thresholds.length && v >= thresholds[s]!) s++;
        labels[t] = s;
      }
      const stateNames =
        k === 2 ? ["low_vol", "high_vol"] : Array.from({ length: k }, (_, s) => `vol_bucket_${s}`);
      return {
        nStates: k,
        stateNames,
        labels,
        probabilities: null,
        returns: series.simpleReturns,
        indicator: vol,
        model: { window, thresholds, quantiles: given ? null : quantiles, periodsPerYear: ppy },
        figures: { threshold0: thresholds[0]! },
      };
    },
  };
}
