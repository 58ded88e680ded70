import type { DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { buildObservations } from "../observations.js";
import type { RegimeTrend } from "../../spec/types.generated.js";
import { observationOptions } from "./config.js";

/**
 * Trend regimes from the slope of a simple moving average of the price
 * (the symbol, or the equal-weighted basket compounded from its returns):
 * slope_t = MA_t / MA_{t-slope_window} - 1. Threshold 0: 0 up, 1 down;
 * threshold > 0: 0 up, 1 sideways, 2 down.
 */
export function trendDetector(): RegimeDetectorFactory<RegimeTrend> {
  return {
    type: "trend",
    detect(config, ctx): DetectorOutput {
      const options = observationOptions(config, ["log_return"], ctx);
      const series = buildObservations(ctx.panel, options);
      const n = series.bars;
      const { ma_window: maWindow, slope_window: slopeWindow, threshold } = config;
      // Price index of the modelled asset/basket, from its simple returns.
      const price = new Float64Array(n);
      price[0] = 1;
      for (let t = 1; t < n; t++) price[t] = price[t - 1]! * (1 + series.simpleReturns[t]!);
      const ma = new Float64Array(n).fill(Number.NaN);
      let sum = 0;
      for (let t = 0; t < n; t++) {
        sum += price[t]!;
        if (t >= maWindow) sum -= price[t - maWindow]!;
        if (t >= maWindow - 1) ma[t] = sum / maWindow;
      }
      const slope = new Float64Array(n).fill(Number.NaN);
      const labels = new Int32Array(n).fill(-1);
      const three = threshold > 0;
      for (let t = maWindow - 1 + slopeWindow; t < n; t++) {
        const s = ma[t]! / ma[t - slopeWindow]! - 1;
        slope[t] = s;
        if (three) labels[t] = s > threshold ? 0 : s < -threshold ? 2 : 1;
        else labels[t] = s >= 0 ? 0 : 1;
      }
      return {
        nStates: three ? 3 : 2,
        stateNames: three ? ["up", "sideways", "down"] : ["up", "down"],
        labels,
        probabilities: null,
        returns: series.simpleReturns,
        indicator: slope,
        model: { maWindow, slopeWindow, threshold },
        figures: {},
      };
    },
  };
}
