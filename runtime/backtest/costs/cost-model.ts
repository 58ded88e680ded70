/**
 * The trading cost model shared by the vectorized engine, the event-driven
 * engine and the agents' trading environments (so training and backtest
 * charge the same). Build it once per panel with `createCostModel(costs,
 * market)` from a normalized `backtest.costs` section (every default filled:
 * a spec's, or `sectionDefaults("backtest/costs")` with changes); every method is then a few arithmetic operations on precomputed
 * typed arrays: no allocation, safe to call per bar and per symbol.
 *
 * A fill of `units` (signed, + buy / - sell) of symbol `s` at bar `t` and
 * reference price `p` (the open or close the engine fills at) costs:
 *
 * - price shift (adverse, per unit, ≥ 0), so the fill price is `p + sign(units)·shift`:
 *   - half the quoted spread: `p · spread_bps / 2 / 10⁴`
 *   - slippage: fixed `p · bps / 10⁴`, or volatility-scaled `p · multiplier · σ[s][t]`
 *   - square-root impact: `p · coefficient · σ[s][t] · sqrt(|units| / ADV[s][t])`
 *   where σ is the standard deviation of log returns and ADV the mean volume over
 *   the `window` bars ending at bar t-1 (known before bar t opens).
 * - commission (currency): `max(commission_minimum, commission·|units|·p + commission_per_order)`;
 *   charged on the reference price `p`, like brokers charge on notional.
 * - borrow: `borrow_rate · short notional · years held`, accrued by the engines bar by bar.
 *
 * `commission_mode: entry_price` reproduces backtesting.py ≤ 0.3: the
 * commission rate is added to the price shift of position-OPENING fills and
 * closing fills pay nothing; fixed and minimum commissions do not apply.
 * Engines ask `openingCommissionShift(p)` for that part.
 */
import { backtestMessages } from "../../messages/backtest.js";
import type { BacktestCosts } from "../../spec/types.generated.js";
import { laggedAverageVolume, laggedVolatility } from "./rolling-market-stats.js";

/** Prices and volumes the volatility-scaled parts need (an OhlcvPanel fits). */
export interface CostMarket {
  readonly close: readonly Float64Array[];
  readonly volume: readonly Float64Array[];
}

export interface CostModel {
  readonly commissionMode: BacktestCosts["commission_mode"];
  /** Commission rate as a fraction of notional. */
  readonly commissionRate: number;
  /**
   * True when every cost is a constant fraction of notional (no fixed,
   * minimum, volatility or impact part): fast kernels may then use
   * `proportionalRate` directly.
   */
  readonly isProportional: boolean;
  /** Total cost per unit of notional per fill when `isProportional` (per_fill mode). */
  readonly proportionalRate: number;
  /** Commission in currency of one fill; 0 when `units` is 0 or in entry_price mode. */
  commission(units: number, price: number): number;
  /** Adverse price move per unit (≥ 0) for a fill of `units` of `symbol` at `bar`. */
  priceShift(symbol: number, bar: number, units: number, price: number): number;
  /** Extra per-unit shift on position-opening units in `entry_price` mode (else 0). */
  openingCommissionShift(price: number): number;
  /**
   * Total cost in currency of a fill versus the reference price: price shift
   * times |units| plus commission (per_fill mode; in entry_price mode the
   * commission rate counts as if every unit opened). Same signature as the
   * agents' `TradingCosts.cost`.
   */
  cost(symbol: number, bar: number, units: number, price: number): number;
  /** Borrow fee for holding `shortNotional` (≥ 0) for `years`. */
  borrow(shortNotional: number, years: number): number;
}

export function createCostModel(costs: BacktestCosts, market?: CostMarket): CostModel {
  const rate = costs.commission;
  const perOrder = costs.commission_per_order;
  const minimum = costs.commission_minimum;
  const mode = costs.commission_mode;
  const halfSpread = costs.spread_bps / 2 / 1e4;
  const { slippage, impact } = costs;
  const fixedSlip = slippage?.type === "fixed" ? slippage.bps / 1e4 : 0;
  const volSlip = slippage?.type === "volatility" ? slippage.multiplier : 0;
  const impactCoef = impact ? impact.coefficient : 0;
  const borrowRate = costs.borrow_rate;
  checkNonNegative({
    rate,
    perOrder,
    minimum,
    halfSpread,
    fixedSlip,
    volSlip,
    impactCoef,
    borrowRate,
  });

  const needsMarket = volSlip > 0 || impactCoef > 0;
  if (needsMarket && market === undefined) {
    throw new Error(backtestMessages.costNeedsMarket());
  }
  const volWindow = slippage?.type === "volatility" ? slippage.window : 0;
  const impactWindow = impact ? impact.window : 0;
  const slipSigma = volSlip > 0 ? market!.close.map((c) => laggedVolatility(c, volWindow)) : [];
  const impactSigma =
    impactCoef > 0
      ? impactWindow === volWindow && volSlip > 0
        ? slipSigma
        : market!.close.map((c) => laggedVolatility(c, impactWindow))
      : [];
  const adv = impactCoef > 0 ? market!.volume.map((v) => laggedAverageVolume(v, impactWindow)) : [];

  const entryMode = mode === "entry_price";
  const staticShift = halfSpread + fixedSlip;

  const priceShift = (symbol: number, bar: number, units: number, price: number): number => {
    let fraction = staticShift;
    if (volSlip > 0) fraction += volSlip * slipSigma[symbol]![bar]!;
    if (impactCoef > 0 && units !== 0) {
      const volume = adv[symbol]![bar]!;
      if (volume > 0)
        fraction += impactCoef * impactSigma[symbol]![bar]! * Math.sqrt(Math.abs(units) / volume);
    }
    return price * fraction;
  };
  const commission = (units: number, price: number): number => {
    if (units === 0 || entryMode) return 0;
    const fee = rate * Math.abs(units) * price + perOrder;
    return Math.max(fee, minimum);
  };
  return {
    commissionMode: mode,
    commissionRate: rate,
    isProportional: perOrder === 0 && minimum === 0 && !needsMarket,
    proportionalRate: (entryMode ? 0 : rate) + staticShift,
    commission,
    priceShift,
    openingCommissionShift: (price) => (entryMode ? price * rate : 0),
    cost: (symbol, bar, units, price) =>
      units === 0
        ? 0
        : Math.abs(units) *
            (priceShift(symbol, bar, units, price) + (entryMode ? price * rate : 0)) +
          commission(units, price),
    borrow: (shortNotional, years) => borrowRate * shortNotional * years,
  };
}

function checkNonNegative(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(backtestMessages.costNotNonNegative(name, value));
    }
  }
}
