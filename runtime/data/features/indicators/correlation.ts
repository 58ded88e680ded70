import { correlation } from "../../../stats/moments.js";
import { replayPanelIndicator } from "../incremental-helpers.js";
import { specError } from "../../../core/spec-error.js";
import { dataMessages } from "../../../messages/data.js";
import { panelFeature } from "../define-feature.js";
import { RingWindow } from "../incremental-helpers.js";

/**
 * Rolling correlation of each symbol's log returns with a reference over the
 * trailing `window` bars: the symbol named by `with`, or by default the
 * equal-weight market (mean log return of all symbols at each bar).
 */
export const correlationFeature = panelFeature<"correlation">({
  kind: "panel",
  type: "correlation",
  lookback: (s) => s.window + 1,
  outputs: () => [""],
  defaultName: (spec) => `correlation_${spec.with ?? "market"}_${spec.window}`,
  compute(spec, close, symbols, loc) {
    return [replayPanelIndicator(this.incremental(spec, symbols, loc), close)];
  },
  incremental(spec, symbols, loc) {
    const n = spec.window;
    const ref = spec.with === undefined ? -1 : symbols.indexOf(spec.with);
    if (spec.with !== undefined && ref < 0) {
      throw specError(
        loc.at("/with"),
        dataMessages.featureReference("correlation", spec.with, symbols),
      );
    }
    const S = symbols.length;
    const own = symbols.map(() => new RingWindow(n));
    const market = new RingWindow(n);
    let prevCloses: Float64Array | undefined;
    return {
      update(closes) {
        const out = new Float64Array(S).fill(Number.NaN);
        if (prevCloses) {
          const r = closes.map((c, i) => Math.log(c / prevCloses![i]!));
          let m = 0;
          for (let s = 0; s < S; s++) m += r[s]!;
          market.push(ref >= 0 ? r[ref]! : m / S);
          for (let s = 0; s < S; s++) own[s]!.push(r[s]!);
          if (market.full) {
            const mk = market.toArray();
            for (let s = 0; s < S; s++) out[s] = correlation(own[s]!.toArray(), mk);
          }
        }
        prevCloses = Float64Array.from(closes);
        return [out];
      },
    };
  },
});
