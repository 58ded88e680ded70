import type { BarRange, FeaturePanel, OhlcvPanel } from "../../contracts/panel.js";

/** What a trading environment reads: prices, features and the bar range it may use. */
export interface MarketView {
  readonly panel: OhlcvPanel;
  readonly features: FeaturePanel;
  /** Half-open range of bars the episode may visit (a segment). */
  readonly range: BarRange;
}

/**
 * First bar `t ≥ from` at which every feature of the given symbols is finite
 * for the `window` bars t−window+1..t, so observations never contain NaN.
 */
export function firstCompleteBar(
  features: FeaturePanel,
  symbols: readonly number[],
  window: number,
  from: number,
  to: number,
): number {
  let run = 0;
  for (let t = 0; t < to; t++) {
    let ok = true;
    for (const values of features.values) {
      for (const s of symbols) {
        if (!Number.isFinite(values[s]![t]!)) ok = false;
      }
    }
    run = ok ? run + 1 : 0;
    if (t >= from && run >= window) return t;
  }
  return to;
}

/**
 * The bars an env can decide on in its segment: from the first bar with a
 * complete feature window to the one before the last (whose decision needs
 * close[t+1]), and the episode length within them. Throws when fewer than two.
 */
export function usableBars(
  market: MarketView,
  symbols: readonly number[],
  window: number,
  episodeLength: number | undefined,
  tooFew: (usable: number) => string,
): { first: number; last: number; episodeLength: number } {
  const first = firstCompleteBar(
    market.features,
    symbols,
    window,
    market.range.start,
    market.range.end,
  );
  const last = market.range.end - 1;
  if (last - first < 2) throw new RangeError(tooFew(Math.max(0, last - first)));
  return {
    first,
    last,
    episodeLength: episodeLength ? Math.min(episodeLength, last - first) : last - first,
  };
}

/** Writes features[f][s][t−k] (k = 0..window−1) for each symbol into `out` from `offset`. */
export function writeFeatureWindow(
  features: FeaturePanel,
  symbols: readonly number[],
  window: number,
  t: number,
  out: Float64Array,
  offset: number,
): number {
  let o = offset;
  for (const s of symbols) {
    for (const values of features.values) {
      const column = values[s]!;
      for (let k = 0; k < window; k++) out[o++] = column[t - k]!;
    }
  }
  return o;
}

export function symbolIndex(panel: OhlcvPanel, symbol: string | undefined): number {
  if (symbol === undefined) return 0;
  const index = panel.symbols.indexOf(symbol);
  if (index < 0) {
    throw new RangeError(
      `symbol "${symbol}" is not in the data (have: ${panel.symbols.join(", ")})`,
    );
  }
  return index;
}
