import type { DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { messages } from "../messages.js";
import { buildObservations } from "../observations.js";
import { fittedNumber } from "../fitted-model.js";
import { finiteValues, quantile } from "../../stats/quantile.js";
import { turbulenceIndex as turbulenceOf } from "../../stats/turbulence.js";
import { specError } from "../../core/spec-error.js";
import type { RegimeTurbulence } from "../../spec/types.generated.js";
import type { OhlcvPanel } from "../../contracts/panel.js";

/**
 * Turbulence index per bar (runtime/stats/turbulence: Kritzman & Li 2010,
 * pseudo-inverse for a singular covariance) of the panel's assets over the
 * `lookback` returns before t, or all returns before t when `expanding`
 * (a value once `lookback` of them exist).
 */
export function turbulenceIndex(
  panel: OhlcvPanel,
  lookback: number,
  expanding: boolean,
): Float64Array {
  return turbulenceOf(panel.close, {
    window: expanding ? Number.POSITIVE_INFINITY : lookback,
    minHistory: lookback,
  });
}

/** 1 (turbulent) where the index exceeds the threshold, 0 where it does not, -1 where it is undefined. */
function turbulentLabels(index: Float64Array, threshold: number): Int32Array {
  const labels = new Int32Array(index.length).fill(-1);
  for (let t = 0; t < index.length; t++) {
    const v = index[t]!;
    if (Number.isFinite(v)) labels[t] = v > threshold ? 1 : 0;
  }
  return labels;
}

/** Turbulent (1) when the turbulence index exceeds the train segment's quantile (or a given threshold). */
export function turbulenceDetector(): RegimeDetectorFactory<RegimeTurbulence> {
  return {
    type: "turbulence",
    label(config, model, panel) {
      const index = turbulenceIndex(panel, config.lookback, config.expanding);
      return turbulentLabels(index, fittedNumber("turbulence", model, "threshold"));
    },
    detect(config, ctx): DetectorOutput {
      const { lookback, expanding, quantile: q } = config;
      const train = ctx.segments.train;
      if (train.end - train.start <= lookback + 1) {
        throw specError(
          ctx.loc.at("/lookback"),
          messages.windowTooLong(lookback, train.end - train.start),
        );
      }
      const index = turbulenceIndex(ctx.panel, lookback, expanding);
      const trainValues = finiteValues(index, train.start, train.end);
      const threshold =
        config.threshold !== undefined ? config.threshold : quantile(trainValues, q);
      const labels = turbulentLabels(index, threshold);
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
