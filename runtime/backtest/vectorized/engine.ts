/**
 * Vectorized engine: target weights (or units) per symbol and bar → equity,
 * cash, positions and costs. One pass over the bars with preallocated typed
 * arrays; nothing is allocated per bar except when a risk overlay is given
 * (its `apply` returns fresh arrays) or a round-trip trade closes; with a
 * `VectorizedWorkspace` (many backtests in a row, e.g. a sweep's trials)
 * the per-bar series are not allocated per run either.
 *
 * Timing: the target decided at bar t (data ≤ t) is executed at bar t+1's
 * open (`next_open`, default) or at bar t's close (`this_close`). The run
 * starts flat at `range.start` with `cash`. Weights are fractions of equity
 * valued at the execution price; NaN targets count as 0.
 *
 * Accounting per bar: fills move `cash -= units·fillPrice + commission`; the
 * borrow fee accrues at bar t on the short positions held over the previous
 * close, valued at that close, for the calendar time since it; `equity[t] = cash[t] + Σ units[s][t]·close[s][t]` (checked by tests).
 */
import { copyInto } from "../../core/copy-into.js";
import type { Mutable } from "../../core/mutable.js";
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { PortfolioState, RiskEvent, TargetOverlay, Trade } from "../../contracts/portfolio.js";
import type { CostModel } from "../costs/cost-model.js";
import { type FillTiming, yearsBetween } from "../fill-timing.js";
import { RoundTripTracker } from "./round-trip-tracker.js";

export interface VectorizedOptions {
  readonly cash: number;
  readonly costs: CostModel;
  readonly fill?: FillTiming;
  /** Bars to simulate, half-open; default the whole panel. */
  readonly range?: BarRange;
  /** `weights` (default): fractions of equity; `units`: signed quantities. */
  readonly targetKind?: "weights" | "units";
  /** Round target quantities toward zero to whole units. Default false. */
  readonly integerUnits?: boolean;
  /** Skip a symbol's rebalance when |target - current weight| is below this. Default 0. */
  readonly rebalanceThreshold?: number;
  /**
   * `on_change` (default): trade a symbol only when its target differs from
   * the last executed target (positions then drift with prices, like
   * signal-based backtests); `every_bar`: trade back to the target weight at
   * every bar (constant-mix rebalancing).
   */
  readonly rebalance?: "on_change" | "every_bar";
  /**
   * Panel bars (1 = yes) whose decision trades every symbol back to its target
   * even when the target did not change (periodic rebalancing of a fixed mix:
   * the decision at bar t fills like any other, at t+1's open or t's close).
   */
  readonly rebalanceAt?: Uint8Array;
  /** Risk overlay applied to the proposed targets at every bar (weights only). */
  readonly overlay?: TargetOverlay;
  /**
   * Bars (1 = yes) at whose close every position is closed, whatever the fill
   * timing: the sessions' last bars with `flatten_at_close`.
   */
  readonly flattenAt?: Uint8Array;
  /**
   * Buffers to write the per-bar series into (a sweep's trials reuse one):
   * the result's series then point into it, valid until its next use.
   */
  readonly workspace?: VectorizedWorkspace;
}

export interface VectorizedResult {
  /** Bars simulated (`range`), and their timestamps. */
  readonly range: BarRange;
  readonly timestamps: Float64Array;
  /** Per simulated bar (index 0 = range.start). */
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  /** Units held at each bar's close: `positions[s][i]`. */
  readonly positions: Float64Array[];
  /** Gross exposure (Σ|position value| / equity) at each close. */
  readonly exposure: Float64Array;
  /**
   * Per-asset results: cumulative P&L of each symbol at each close (fills,
   * costs and borrow of that symbol plus its marked position);
   * Σ_s symbolPnl[s][i] = equity[i] − cash.
   */
  readonly symbolPnl: Float64Array[];
  /** All costs paid during each bar (commission, price shift, borrow). */
  readonly costs: Float64Array;
  /** Total commissions (fees charged by the broker, excluding price shifts and borrow). */
  readonly commissions: number;
  /**
   * Fills executed: one per symbol and bar traded, rebalances of an open
   * position included (a round trip is `trades`). Engines that do not count
   * fills leave it out (the statistics then count position changes).
   */
  readonly fills?: number;
  /** Total cost of price shifts (spread, slippage, impact) and borrow. */
  readonly frictions: number;
  /** Σ|traded notional| / average equity: one-way turnover over the run. */
  readonly turnover: number;
  /** Round trips closed during the run (indices are panel bars). */
  readonly trades: Trade[];
  /** Trips still open at the end, marked at the last close. */
  readonly openTrades: Trade[];
  readonly riskEvents: RiskEvent[];
}

/** The per-bar series of a result: equity, cash, exposure, costs and, per symbol, positions and P&L. */
interface SeriesBuffers {
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  readonly exposure: Float64Array;
  readonly costs: Float64Array;
  readonly positions: Float64Array[];
  readonly symbolPnl: Float64Array[];
}

function seriesBuffers(len: number, nSym: number, perSymbol = true): SeriesBuffers {
  const symbolSeries = () =>
    perSymbol ? Array.from({ length: nSym }, () => new Float64Array(len)) : [];
  return {
    equity: new Float64Array(len),
    cash: new Float64Array(len),
    exposure: new Float64Array(len),
    costs: new Float64Array(len),
    positions: symbolSeries(),
    symbolPnl: symbolSeries(),
  };
}

/**
 * The per-bar series of one backtest, kept for the next one of the same
 * length and symbols: a caller running many backtests in a row (a sweep's
 * trials, one workspace per thread) passes it as `options.workspace` and
 * reads each result before the next run overwrites it. Every engine pass
 * writes every bar, so reuse changes no figure. `perSymbolSeries: false`
 * (a caller that reads only equity, exposure, costs and trades, as the
 * statistics do) leaves `positions` and `symbolPnl` empty and skips them.
 */
export class VectorizedWorkspace {
  private buffers: SeriesBuffers | undefined;
  private length = -1;
  private symbols = -1;
  readonly perSymbolSeries: boolean;

  constructor(options: { readonly perSymbolSeries?: boolean } = {}) {
    this.perSymbolSeries = options.perSymbolSeries ?? true;
  }

  /** Buffers for `len` bars × `nSym` symbols (reused when the shape is the same). */
  series(len: number, nSym: number): SeriesBuffers {
    if (this.buffers === undefined || this.length !== len || this.symbols !== nSym) {
      this.buffers = seriesBuffers(len, nSym, this.perSymbolSeries);
      this.length = len;
      this.symbols = nSym;
    }
    return this.buffers;
  }
}

interface Book {
  cash: number;
  readonly units: Float64Array;
  /** Cumulative cash flow per symbol (fills, commissions, borrow). */
  readonly flows: Float64Array;
  commissions: number;
  frictions: number;
  traded: number;
  fills: number;
}

export function runVectorized(
  panel: OhlcvPanel,
  targets: readonly Float64Array[],
  options: VectorizedOptions,
): VectorizedResult {
  const nSym = panel.symbols.length;
  const range = options.range ?? { start: 0, end: panel.timestamps.length };
  const len = range.end - range.start;
  if (targets.length !== nSym) {
    throw new RangeError(`targets has ${targets.length} symbols, the panel ${nSym}`);
  }
  if (len <= 0) throw new RangeError(`empty backtest range [${range.start}, ${range.end})`);
  const fill = options.fill ?? "next_open";
  const byUnits = options.targetKind === "units";
  const threshold = options.rebalanceThreshold ?? 0;
  const { costs, overlay, flattenAt } = options;
  const flat = new Float64Array(nSym);
  overlay?.reset();

  const series = options.workspace?.series(len, nSym) ?? seriesBuffers(len, nSym);
  const { equity, cash: cashSeries, exposure, costs: costSeries, positions, symbolPnl } = series;
  const perSymbol = positions.length === nSym;
  const trades: Trade[] = [];
  const trackers = Array.from(
    { length: nSym },
    (_, s) => new RoundTripTracker(s, panel.timestamps, trades),
  );
  const book: Book = {
    cash: options.cash,
    units: new Float64Array(nSym),
    flows: new Float64Array(nSym),
    commissions: 0,
    frictions: 0,
    traded: 0,
    fills: 0,
  };
  const pending = new Float64Array(nSym);
  const lastExecuted = new Float64Array(nSym).fill(Number.NaN);
  const everyBar = options.rebalance === "every_bar";
  const rebalanceAt = options.rebalanceAt;
  /** Whether the decision made at bar `t` re-trades unchanged targets. */
  const forced = (t: number): boolean => everyBar || rebalanceAt?.[t] === 1;
  let hasPending = false;
  const proposed = new Float64Array(nSym);
  const currentWeights = new Float64Array(nSym);
  const riskEvents: RiskEvent[] = [];
  // One portfolio view, updated in place before each overlay call (the overlay reads it at once).
  const portfolio: Mutable<PortfolioState> = {
    bar: 0,
    time: 0,
    equity: 0,
    peakEquity: 0,
    cash: 0,
    weights: currentWeights,
    closes: panel.close,
    highs: panel.high,
    lows: panel.low,
  };
  let peak = options.cash;
  let equitySum = 0;

  const decide = (t: number, equityNow: number, priceOf: readonly Float64Array[]): void => {
    hasPending = true;
    if (overlay === undefined || byUnits) {
      for (let s = 0; s < nSym; s++) {
        const w = targets[s]![t]!;
        pending[s] = Number.isNaN(w) ? 0 : w;
      }
      return;
    }
    for (let s = 0; s < nSym; s++) {
      const w = targets[s]![t]!;
      proposed[s] = Number.isNaN(w) ? 0 : w;
      currentWeights[s] = equityNow !== 0 ? (book.units[s]! * priceOf[s]![t]!) / equityNow : 0;
    }
    portfolio.bar = t;
    portfolio.time = panel.timestamps[t]!;
    portfolio.equity = equityNow;
    portfolio.peakEquity = Math.max(peak, equityNow);
    portfolio.cash = book.cash;
    const out = overlay.apply(proposed, portfolio);
    for (let k = 0; k < out.events.length; k++) riskEvents.push(out.events[k]!);
    copyInto(pending, out.targets);
  };

  const close = panel.close;
  const { units, flows } = book;
  for (let i = 0; i < len; i++) {
    const t = range.start + i;
    let barCost = i > 0 && holdsShort(units) ? accrueBorrow(t, panel, book, costs, trackers) : 0;
    if (fill === "next_open") {
      if (hasPending && (forced(t - 1) || !unchanged(pending, lastExecuted)))
        barCost += execute(
          t,
          panel.open,
          pending,
          lastExecuted,
          forced(t - 1),
          book,
          byUnits,
          threshold,
          options,
          trackers,
        );
      hasPending = false;
    }
    if (fill === "this_close") {
      decide(t, markToMarket(book, close, t), close);
      if (forced(t) || !unchanged(pending, lastExecuted))
        barCost += execute(
          t,
          panel.close,
          pending,
          lastExecuted,
          forced(t),
          book,
          byUnits,
          threshold,
          options,
          trackers,
        );
      hasPending = false;
    }
    if (flattenAt !== undefined && flattenAt[t] === 1 && fill === "next_open") {
      barCost += execute(
        t,
        panel.close,
        flat,
        lastExecuted,
        true,
        book,
        byUnits,
        0,
        options,
        trackers,
      );
    }
    // Marked to market at the close (cash + Σ units · close, as markToMarket), with the gross exposure.
    let eq = book.cash;
    let gross = 0;
    for (let s = 0; s < nSym; s++) {
      const u = units[s]!;
      const value = u * close[s]![t]!;
      eq += value;
      gross += Math.abs(value);
      if (perSymbol) {
        positions[s]![i] = u;
        symbolPnl[s]![i] = flows[s]! + value;
      }
    }
    equity[i] = eq;
    cashSeries[i] = book.cash;
    costSeries[i] = barCost;
    exposure[i] = eq > 0 && gross !== 0 ? gross / eq : 0;
    if (eq > peak) peak = eq;
    equitySum += eq;
    if (fill === "next_open" && i + 1 < len) decide(t, eq, close);
  }

  const last = range.end - 1;
  const openTrades: Trade[] = [];
  for (let s = 0; s < nSym; s++) {
    const marked = trackers[s]!.marked(last, panel.close[s]![last]!);
    if (marked !== undefined) openTrades.push(marked);
  }
  return {
    range,
    timestamps: panel.timestamps.subarray(range.start, range.end),
    equity,
    cash: cashSeries,
    positions,
    exposure,
    symbolPnl,
    costs: costSeries,
    commissions: book.commissions,
    fills: book.fills,
    frictions: book.frictions,
    turnover: equitySum > 0 ? book.traded / (equitySum / len) : 0,
    trades,
    openTrades,
    riskEvents,
  };
}

function markToMarket(book: Book, prices: readonly Float64Array[], t: number): number {
  let value = book.cash;
  for (let s = 0; s < book.units.length; s++) value += book.units[s]! * prices[s]![t]!;
  return value;
}

/** Trades every symbol to its pending target at `prices[s][t]`; returns the bar's cost. */
function execute(
  t: number,
  prices: readonly Float64Array[],
  target: Float64Array,
  lastExecuted: Float64Array,
  everyBar: boolean,
  book: Book,
  byUnits: boolean,
  threshold: number,
  options: VectorizedOptions,
  trackers: RoundTripTracker[],
): number {
  const nSym = book.units.length;
  const { costs } = options;
  let equityAtFill = book.cash;
  for (let s = 0; s < nSym; s++) equityAtFill += book.units[s]! * prices[s]![t]!;
  let total = 0;
  for (let s = 0; s < nSym; s++) {
    if (!everyBar && target[s] === lastExecuted[s]) continue;
    lastExecuted[s] = target[s]!;
    const price = prices[s]![t]!;
    const current = book.units[s]!;
    let wanted = byUnits ? target[s]! : equityAtFill > 0 ? (target[s]! * equityAtFill) / price : 0;
    if (options.integerUnits) wanted = Math.trunc(wanted);
    // Floating-point dust (e.g. a weight of 1e-17 left by risk scaling) is no position.
    if (Math.abs(wanted * price) <= DUST * Math.abs(equityAtFill)) wanted = 0;
    const delta = wanted - current;
    if (delta === 0 || !Number.isFinite(delta)) continue;
    if (threshold > 0 && equityAtFill > 0 && (Math.abs(delta) * price) / equityAtFill < threshold) {
      continue;
    }
    const opening = openingUnits(current, delta);
    const shift =
      costs.priceShift(s, t, delta, price) +
      (opening !== 0
        ? (costs.openingCommissionShift(price) * Math.abs(opening)) / Math.abs(delta)
        : 0);
    const fillPrice = price + Math.sign(delta) * shift;
    const commission = costs.commission(delta, price);
    book.cash -= delta * fillPrice + commission;
    book.flows[s]! -= delta * fillPrice + commission;
    book.units[s] = wanted;
    book.commissions += commission;
    const friction = Math.abs(delta) * shift;
    book.frictions += friction;
    book.traded += Math.abs(delta) * price;
    book.fills++;
    trackers[s]!.fill(t, delta, fillPrice, commission);
    total += commission + friction;
  }
  return total;
}

/** True when every target equals the last executed one (no symbol would trade on change). */
function unchanged(target: Float64Array, lastExecuted: Float64Array): boolean {
  for (let s = 0; s < target.length; s++) if (target[s] !== lastExecuted[s]) return false;
  return true;
}

/** Positions worth less than this fraction of equity are rounding residue and are treated as flat. */
const DUST = 1e-12;

/** Units of `delta` that increase |position| (open or extend), signed like delta. */
function openingUnits(current: number, delta: number): number {
  if (current === 0 || Math.sign(current) === Math.sign(delta)) return delta;
  const after = current + delta;
  return Math.sign(after) === Math.sign(delta) ? after : 0;
}

/** True when some position is short (only shorts accrue a borrow fee). */
function holdsShort(units: Float64Array): boolean {
  for (let s = 0; s < units.length; s++) if (units[s]! < 0) return true;
  return false;
}

function accrueBorrow(
  t: number,
  panel: OhlcvPanel,
  book: Book,
  costs: CostModel,
  trackers: RoundTripTracker[],
): number {
  let years = Number.NaN; // the time since the previous close, when a short position needs it
  let total = 0;
  for (let s = 0; s < book.units.length; s++) {
    const u = book.units[s]!;
    if (u >= 0) continue;
    if (Number.isNaN(years)) years = yearsBetween(panel.timestamps[t - 1]!, panel.timestamps[t]!);
    const fee = costs.borrow(-u * panel.close[s]![t - 1]!, years);
    if (fee === 0) continue;
    book.cash -= fee;
    book.flows[s]! -= fee;
    book.frictions += fee;
    trackers[s]!.charge(fee);
    total += fee;
  }
  return total;
}
