import { replayPanelIndicator } from "../incremental-helpers.js";
import { panelFeature } from "../define-feature.js";
import { TurbulenceTracker } from "../../../stats/turbulence.js";

function returnsAt(closes: Float64Array, prevCloses: Float64Array): Float64Array {
  return closes.map((c, i) => c / prevCloses[i]! - 1);
}

/**
 * The turbulence index (runtime/stats/turbulence: Kritzman & Li's Mahalanobis
 * distance of the symbols' simple returns at t from the mean and sample
 * covariance of the `window` returns before t, pseudo-inverse when the
 * covariance is singular). The same value for every symbol. Unlike FinRL,
 * the first values are not zeroed: NaN until `window` returns precede t, or
 * while a NaN return is in play.
 */
export const turbulenceFeature = panelFeature<"turbulence">({
  kind: "panel",
  type: "turbulence",
  lookback: (s) => s.window + 2,
  outputs: () => [""],
  defaultName: (spec) => `turbulence_${spec.window}`,
  compute(spec, close, symbols, loc) {
    return [replayPanelIndicator(this.incremental(spec, symbols, loc), close)];
  },
  incremental(spec, symbols) {
    const window = spec.window;
    const tracker = new TurbulenceTracker(symbols.length, { window });
    let prevCloses: Float64Array | undefined;
    return {
      update(closes) {
        const S = symbols.length;
        let value = Number.NaN;
        if (prevCloses) value = tracker.push(returnsAt(closes, prevCloses));
        prevCloses = Float64Array.from(closes);
        return [new Float64Array(S).fill(value)];
      },
    };
  },
});
