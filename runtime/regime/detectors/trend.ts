import type { DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { buildObservations, type ObservationSeries } from "../observations.js";
import type { RegimeTrend } from "../../spec/types.generated.js";
import { observationOptions } from "./config.js";

/**
 * The label of every bar from the slope of the moving average of the
 * series' price index (compounded from its simple returns since the first
 * bar): what the detector labels with, and a served model.
 */
function slopeLabels(
  config: RegimeTrend,
  series: ObservationSeries,
): { labels: Int32Array; slope: Float64Array } {
  const n = series.bars;
  const { ma_window: maWindow, slope_window: slopeWindow, threshold } = config;
  // Price index of the modelled asset/basket, from its simple returns.
  const price = new Float64Array(n);
  price[0] = 1;
  for (let t = 1; t < n; t++) {
    // A bar without a return (a gap in the data) keeps the level.
    const r = series.simpleReturns[t]!;
    price[t] = Number.isFinite(r) ? price[t - 1]! * (1 + r) : price[t - 1]!;
  }
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
  return { labels, slope };
}

/**
 * Trend regimes from the slope of a simple moving average of the price
 * (the symbol, or the equal-weighted basket compounded from its returns):
 * slope_t = MA_t / MA_{t-slope_window} - 1. Threshold 0: 0 up, 1 down;
 * threshold > 0: 0 up, 1 sideways, 2 down.
 */
export function trendDetector(): RegimeDetectorFactory<RegimeTrend> {
  return {
    type: "trend",
    // Nothing is fitted: the section's windows and threshold decide.
    label(config, _model, panel, loc) {
      const series = buildObservations(
        panel,
        observationOptions(config, ["log_return"], { panel, loc }),
      );
      return slopeLabels(config, series).labels;
    },
    detect(config, ctx): DetectorOutput {
      const options = observationOptions(config, ["log_return"], ctx);
      const series = buildObservations(ctx.panel, options);
      const { labels, slope } = slopeLabels(config, series);
      const { ma_window: maWindow, slope_window: slopeWindow, threshold } = config;
      const three = threshold > 0;
      return {
        nStates: three ? 3 : 2,
        stateNames: three ? ["up", "sideways", "down"] : ["up", "down"],
        labels,
        probabilities: null,
        returns: series.simpleReturns,
        ...(options.symbols ? { seriesSymbols: options.symbols } : {}),
        indicator: slope,
        model: { maWindow, slopeWindow, threshold },
        figures: {},
      };
    },
  };
}
