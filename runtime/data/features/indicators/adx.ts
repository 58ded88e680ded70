import pl from "nodejs-polars";
import { prev, seededWilder } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { WilderSmoother } from "../incremental-helpers.js";
import { trueRange, trueRangeExpr } from "./true-range.js";

/**
 * Directional movement (trading-signals' DX/ADX): +DM = up move when it is
 * positive and not below the down move, −DM likewise; the first bar counts
 * 0 for both. +DM, −DM and the true range are Wilder-smoothed (seeded with
 * their first `window` means); +DI = 100·s(+DM)/ATR, −DI = 100·s(−DM)/ATR,
 * DX = 100·|+DI − −DI| / (+DI + −DI) (0 when both are 0) from bar window−1,
 * ADX = Wilder smoothing of DX from bar 2·window−2.
 */
function dmExpressions(n: number) {
  const h = pl.col("high");
  const l = pl.col("low");
  const up = h.minus(prev(h));
  const down = prev(l).minus(l);
  const pdm = pl
    .when(up.isNull())
    .then(pl.lit(0))
    .when(up.lt(0).or(up.lt(down)))
    .then(pl.lit(0))
    .otherwise(up);
  const mdm = pl
    .when(down.isNull())
    .then(pl.lit(0))
    .when(down.lt(0).or(down.lt(up)))
    .then(pl.lit(0))
    .otherwise(down);
  const atr = seededWilder(trueRangeExpr(), n, 0);
  const pdi = seededWilder(pdm, n, 0).div(atr).mul(100);
  const mdi = seededWilder(mdm, n, 0).div(atr).mul(100);
  const sum = pdi.plus(mdi);
  const dx = pl.when(sum.eq(0)).then(pl.lit(0)).otherwise(pdi.minus(mdi).abs().div(sum).mul(100));
  return { pdi, mdi, dx };
}

function dmIncremental(spec: { readonly window: number }, withAdx: boolean) {
  const n = spec.window;
  const tr = new WilderSmoother(n);
  const sp = new WilderSmoother(n);
  const sm = new WilderSmoother(n);
  const adx = new WilderSmoother(n);
  let last: { high: number; low: number; close: number } | undefined;
  return {
    update: (bar: { open: number; high: number; low: number; close: number; volume: number }) => {
      let pdm = 0;
      let mdm = 0;
      if (last) {
        const up = bar.high - last.high;
        const down = last.low - bar.low;
        pdm = up < 0 || up < down ? 0 : up;
        mdm = down < 0 || down < up ? 0 : down;
      }
      const atr = tr.update(trueRange(bar, last?.close));
      const p = sp.update(pdm);
      const m = sm.update(mdm);
      last = { high: bar.high, low: bar.low, close: bar.close };
      const pdi = (100 * p) / atr;
      const mdi = (100 * m) / atr;
      const sum = pdi + mdi;
      const dx = Number.isNaN(sum) ? Number.NaN : sum === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / sum;
      if (!withAdx) return Float64Array.of(dx);
      const a = Number.isNaN(dx) ? Number.NaN : adx.update(dx);
      return Float64Array.of(a, dx, pdi, mdi);
    },
  };
}

export const adxFeature = seriesFeature({
  kind: "series",
  type: "adx",
  lookback: () => null,
  outputs: () => ["", "dx", "plus_di", "minus_di"],
  defaultName: (spec) => `adx_${spec.window}`,
  expressions: (spec) => {
    const n = spec.window;
    const { pdi, mdi, dx } = dmExpressions(n);
    return [seededWilder(dx, n, n - 1), dx, pdi, mdi];
  },
  incremental: (spec) => dmIncremental(spec, true),
});

export const dxFeature = seriesFeature({
  kind: "series",
  type: "dx",
  lookback: () => null,
  outputs: () => [""],
  defaultName: (spec) => `dx_${spec.window}`,
  expressions: (spec) => [dmExpressions(spec.window).dx],
  incremental: (spec) => dmIncremental(spec, false),
});
