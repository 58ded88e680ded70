/**
 * The sweep's inner loop: target weights → metrics, without trade records,
 * for cost models that are proportional to notional (`costs.isProportional`).
 * It follows the vectorized engine's rules exactly (tests compare the two):
 * fills at the next open (or this close), rebalance on change (or every
 * bar), costs = |Δunits|·price·rate (+ the commission on opening units in
 * `entry_price` mode). Allocation-free: callers pass scratch arrays.
 */
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { CostModel } from "../costs/cost-model.js";
import type { FillTiming } from "../fill-timing.js";
import { type MetricAccumulator, writeMetrics } from "./sweep-metrics.js";

export interface KernelSetup {
  readonly cash: number;
  readonly fill: FillTiming;
  readonly range: BarRange;
  /** Cost per unit of traded notional on every fill. */
  readonly rate: number;
  /** Extra cost per unit of notional on position-opening units (entry_price mode). */
  readonly openingRate: number;
  readonly everyBar: boolean;
  readonly periodsPerYear: number;
}

export function kernelRates(costs: CostModel): { rate: number; openingRate: number } {
  if (!costs.isProportional) throw new Error("the sweep kernel needs a proportional cost model");
  return {
    rate: costs.proportionalRate,
    openingRate: costs.commissionMode === "entry_price" ? costs.commissionRate : 0,
  };
}

/**
 * One symbol: the hot path of single-asset sweeps. The metric accumulators
 * are inlined as locals (same definitions as `MetricAccumulator`, which the
 * tests compare against); results go to `out[offset…]` in SWEEP_METRICS order.
 */
export function runSingleKernel(
  open: Float64Array,
  close: Float64Array,
  w: Float64Array,
  k: KernelSetup,
  out: Float64Array,
  offset: number,
  firstMs: number,
  lastMs: number,
): void {
  const { start, end } = k.range;
  const onClose = k.fill === "this_close";
  const everyBar = k.everyBar;
  const rate = k.rate;
  const openingRate = k.openingRate;
  const cash0 = k.cash;
  let cash = cash0;
  let units = 0;
  let last = Number.NaN;
  let trades = 0;
  let traded = 0;
  let prev = cash0;
  let peak = cash0;
  let floor = cash0; // peak × (1 + maxDd): equity below it sets a new max drawdown
  let maxDd = 0;
  let sum = 0;
  let sumSq = 0;
  let downSq = 0;
  let exposed = 0;
  let equitySum = 0;
  for (let t = start; t < end; t++) {
    const decided = onClose ? t : t - 1;
    if (decided >= start) {
      let target = w[decided]!;
      if (Number.isNaN(target)) target = 0;
      if (everyBar || target !== last) {
        last = target;
        const price = onClose ? close[t]! : open[t]!;
        const equityAtFill = cash + units * price;
        const wanted = equityAtFill > 0 ? (target * equityAtFill) / price : 0;
        const delta = wanted - units;
        if (delta !== 0) {
          const size = delta < 0 ? -delta : delta;
          let opening = 0;
          if (units === 0 || units > 0 === delta > 0) opening = size;
          else if (wanted !== 0 && wanted > 0 === delta > 0)
            opening = wanted < 0 ? -wanted : wanted;
          cash -= delta * price + size * price * rate + opening * price * openingRate;
          if (wanted !== 0 && (units === 0 || units > 0 !== wanted > 0)) trades++;
          units = wanted;
          traded += size * price;
        }
      }
    }
    const equity = cash + units * close[t]!;
    if (t !== start) {
      const r = prev > 0 ? equity / prev - 1 : 0;
      sum += r;
      sumSq += r * r;
      if (r < 0) downSq += r * r;
    }
    prev = equity;
    if (equity > peak) {
      peak = equity;
      floor = peak * (1 + maxDd);
    } else if (equity < floor) {
      maxDd = equity / peak - 1;
      floor = equity;
    }
    if (units !== 0) exposed++;
    equitySum += equity;
  }
  writeMetrics(out, offset, {
    cash: cash0,
    final: prev,
    years: (lastMs - firstMs) / YEAR_MS,
    n: end - start - 1,
    sum,
    sumSq,
    downSq,
    maxDd,
    trades,
    exposure: end - start > 0 ? exposed / (end - start) : 0,
    turnover: equitySum > 0 ? traded / (equitySum / (end - start)) : 0,
    periodsPerYear: k.periodsPerYear,
  });
}

const YEAR_MS = 365.25 * 86_400_000;

/** Many symbols sharing one account; same rules as `runSingleKernel`. Scratch arrays have one slot per symbol. */
export function runPortfolioKernel(
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  k: KernelSetup,
  acc: MetricAccumulator,
  counts: Float64Array,
  scratchUnits: Float64Array,
  scratchLast: Float64Array,
): void {
  const { start, end } = k.range;
  const n = weights.length;
  const onClose = k.fill === "this_close";
  const prices = onClose ? panel.close : panel.open;
  let cash = k.cash;
  let trades = 0;
  let traded = 0;
  scratchUnits.fill(0);
  scratchLast.fill(Number.NaN);
  acc.reset(cash);
  for (let t = start; t < end; t++) {
    const decided = onClose ? t : t - 1;
    if (decided >= start) {
      let equityAtFill = cash;
      for (let s = 0; s < n; s++) equityAtFill += scratchUnits[s]! * prices[s]![t]!;
      for (let s = 0; s < n; s++) {
        let target = weights[s]![decided]!;
        if (Number.isNaN(target)) target = 0;
        if (!k.everyBar && target === scratchLast[s]) continue;
        scratchLast[s] = target;
        const price = prices[s]![t]!;
        const units = scratchUnits[s]!;
        const wanted = equityAtFill > 0 ? (target * equityAtFill) / price : 0;
        const delta = wanted - units;
        if (delta === 0) continue;
        const size = Math.abs(delta);
        let opening = 0;
        if (units === 0 || units > 0 === delta > 0) opening = size;
        else if (wanted > 0 === delta > 0 && wanted !== 0) opening = Math.abs(wanted);
        cash -= delta * price + size * price * k.rate + opening * price * k.openingRate;
        if (wanted !== 0 && (units === 0 || units > 0 !== wanted > 0)) trades++;
        scratchUnits[s] = wanted;
        traded += size * price;
      }
    }
    let equity = cash;
    let inMarket = false;
    for (let s = 0; s < n; s++) {
      const u = scratchUnits[s]!;
      equity += u * panel.close[s]![t]!;
      if (u !== 0) inMarket = true;
    }
    acc.add(equity, t === start, inMarket);
  }
  counts[0] = trades;
  counts[1] = traded;
}
