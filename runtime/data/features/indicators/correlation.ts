import { replayPanelIndicator } from "../incremental-helpers.js";
import { UserError } from "../../../core/errors.js";
import { dataMessages } from "../../../messages/data.js";
import { windowOf } from "../expr-helpers.js";
import type { FeatureSpec, PanelFeatureDefinition } from "../feature-types.js";
import { RingWindow } from "../incremental-helpers.js";

const DEFAULT_WINDOW = 20;

/** Pearson correlation of two equally long windows (population moments); NaN without variance. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  const denom = Math.sqrt(va * vb);
  return denom === 0 ? Number.NaN : cov / denom;
}

/**
 * Rolling correlation of each symbol's log returns with a reference over the
 * trailing `window` bars: the symbol named by `with`, or by default the
 * equal-weight market (mean log return of all symbols at each bar).
 */
export const correlationFeature: PanelFeatureDefinition = {
  kind: "panel",
  type: "correlation",
  outputs: () => [""],
  defaultName: (spec: FeatureSpec) =>
    `correlation_${spec.with ?? "market"}_${windowOf(spec, DEFAULT_WINDOW)}`,
  compute(spec, close, symbols) {
    return [replayPanelIndicator(this.incremental(spec, symbols), close)];
  },
  incremental(spec, symbols) {
    const n = windowOf(spec, DEFAULT_WINDOW);
    const ref = spec.with === undefined ? -1 : symbols.indexOf(spec.with);
    if (spec.with !== undefined && ref < 0) {
      const message = dataMessages.featureReference("correlation", spec.with, symbols);
      throw new UserError(message, [{ file: "", path: "/features", message, severity: "error" }]);
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
            for (let s = 0; s < S; s++) out[s] = pearson(own[s]!.toArray(), mk);
          }
        }
        prevCloses = Float64Array.from(closes);
        return [out];
      },
    };
  },
};
