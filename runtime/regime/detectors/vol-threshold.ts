import { annualizationOf } from "../../stats/annualization.js";
import { finiteValues, quantile } from "../../stats/quantile.js";
import type { DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { messages } from "../messages.js";
import { buildObservations, type ObservationSeries } from "../observations.js";
import type { DetectorContext } from "../detector.js";
import { fittedNumber, fittedNumbers } from "../fitted-model.js";
import type { Diagnostic } from "../../core/errors.js";
import { specDiagnostic, specError, throwFirst } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import type { RegimeVolThreshold } from "../../spec/types.generated.js";
import { observationOptions } from "./config.js";

function strictlyIncreasing(a: readonly number[]): boolean {
  return a.every((v, i) => i === 0 || v > a[i - 1]!);
}

/** Given thresholds increase; quantiles (used when no thresholds are given) increase inside (0, 1). */
function checkLevels(config: RegimeVolThreshold, loc: SpecLocation): Diagnostic[] {
  const { thresholds: given, quantiles } = config;
  if (given && !strictlyIncreasing(given)) {
    return [specDiagnostic(loc.at("/thresholds"), messages.thresholdsNotIncreasing())];
  }
  if (!given && (!strictlyIncreasing(quantiles) || quantiles.some((q) => !(q > 0 && q < 1)))) {
    return [specDiagnostic(loc.at("/quantiles"), messages.quantilesOutOfRange())];
  }
  return [];
}

/** The observation options of the section: its series' realized volatility over `window` bars. */
function volOptions(config: RegimeVolThreshold, ctx: Pick<DetectorContext, "panel" | "loc">) {
  return { ...observationOptions(config, ["realized_vol"], ctx), scale: 1 };
}

/** Realized volatility annualized by `ppy` bars per year (NaN in warm-up). */
function annualizedVol(series: ObservationSeries, ppy: number): Float64Array {
  return series.values.map((v) => v * Math.sqrt(ppy));
}

/** Bucket per bar: how many thresholds the volatility reaches (-1 where it is undefined). */
function volBuckets(vol: Float64Array, thresholds: readonly number[]): Int32Array {
  const labels = new Int32Array(vol.length).fill(-1);
  for (let t = 0; t < vol.length; t++) {
    const v = vol[t]!;
    if (!Number.isFinite(v)) continue;
    let s = 0;
    while (s < thresholds.length && v >= thresholds[s]!) s++;
    labels[t] = s;
  }
  return labels;
}

/**
 * Volatility regimes: annualised realized volatility (rolling standard
 * deviation of log returns over `window` bars) against thresholds. The
 * thresholds are quantiles of the train segment's volatility (or given
 * levels); k thresholds give k+1 states, 0 the calmest.
 */
export function volThresholdDetector(): RegimeDetectorFactory<RegimeVolThreshold> {
  return {
    type: "vol_threshold",
    check: checkLevels,
    label(config, model, panel, loc) {
      const series = buildObservations(panel, volOptions(config, { panel, loc }));
      const vol = annualizedVol(series, fittedNumber("vol_threshold", model, "periodsPerYear"));
      return volBuckets(vol, fittedNumbers("vol_threshold", model, "thresholds"));
    },
    detect(config, ctx): DetectorOutput {
      throwFirst(checkLevels(config, ctx.loc));
      const options = volOptions(config, ctx);
      const window = config.window;
      const series = buildObservations(ctx.panel, options);
      const ppy = annualizationOf(ctx.panel.timestamps, ctx.periodsPerYear).barsPerYear;
      const vol = annualizedVol(series, ppy);
      const train = ctx.segments.train;
      if (train.end - Math.max(train.start, window) < 2) {
        throw specError(
          ctx.loc.at("/window"),
          messages.windowTooLong(window, train.end - train.start),
        );
      }
      const { thresholds: given, quantiles } = config;
      const trainVol = finiteValues(vol, train.start, train.end);
      const thresholds = given ?? quantiles.map((q) => quantile(trainVol, q));
      const k = thresholds.length + 1;
      const labels = volBuckets(vol, thresholds);
      const stateNames =
        k === 2 ? ["low_vol", "high_vol"] : Array.from({ length: k }, (_, s) => `vol_bucket_${s}`);
      return {
        nStates: k,
        stateNames,
        labels,
        probabilities: null,
        returns: series.simpleReturns,
        ...(options.symbols ? { seriesSymbols: options.symbols } : {}),
        indicator: vol,
        model: { window, thresholds, quantiles: given ? null : quantiles, periodsPerYear: ppy },
        figures: { threshold0: thresholds[0]! },
      };
    },
  };
}
