/**
 * Runs a `Strategy` bar by bar over a panel (backtesting.py's `Backtest.run`):
 * indicators are computed once, the first `next()` call comes after every
 * indicator has warmed up (1 + the last first-valid index, as backtesting.py),
 * and at each bar the broker processes pending orders before the strategy
 * decides. Equity, cash and positions are recorded for every bar.
 */
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { Trade } from "../../contracts/portfolio.js";
import type { SessionMask } from "../sessions.js";
import { Broker, type BrokerOptions } from "./broker.js";
import { type RevealedBars, RevealedSeries } from "./revealed-series.js";
import type { IndicatorInput, StrategyClass, StrategyContext } from "./strategy.js";

export interface EventBacktestOptions<P extends object> extends BrokerOptions {
  readonly params: P;
  /** Bars to trade, half-open. Indicators see history before `range.start`, never after `range.end`. */
  readonly range?: BarRange;
  /** Close open trades at the last bar's close so they count as trades. Default false. */
  readonly finalizeTrades?: boolean;
  readonly sessions?: SessionMask;
  /** Recompute each indicator on data cut at this many bars and check the prefix is unchanged. */
  readonly verifyIndicators?: number;
}

export interface IndicatorRecord {
  readonly name: string;
  readonly symbol: number;
  readonly values: Float64Array;
}

export interface EventBacktestResult {
  readonly range: BarRange;
  /** First bar `next()` was called on. */
  readonly firstDecisionBar: number;
  readonly timestamps: Float64Array;
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  /** Net units per symbol at each bar: `positions[s][i]`. */
  readonly positions: Float64Array[];
  /** Gross exposure (Σ|position value| / equity) per bar. */
  readonly exposure: Float64Array;
  /** Per-asset cumulative P&L (closed trades + open trades marked, after costs); Σ_s = equity − cash. */
  readonly symbolPnl: Float64Array[];
  readonly trades: Trade[];
  /** Trades still open at the end, marked at the last close (not counted in statistics). */
  readonly openTrades: Trade[];
  readonly commissions: number;
  /** Commissions charged during each bar (borrow is charged to the trades, not counted here). */
  readonly costs: Float64Array;
  readonly indicators: readonly IndicatorRecord[];
}

export function runEventBacktest<P extends object>(
  panel: OhlcvPanel,
  StrategyType: StrategyClass<P>,
  options: EventBacktestOptions<P>,
): EventBacktestResult {
  const range = options.range ?? { start: 0, end: panel.timestamps.length };
  const len = range.end - range.start;
  if (len <= 0) throw new RangeError(`empty backtest range [${range.start}, ${range.end})`);
  const nSym = panel.symbols.length;
  const cut = (a: Float64Array): Float64Array => a.subarray(0, range.end);
  const broker = new Broker(panel, options);
  const bars: RevealedBars[] = panel.symbols.map((symbol, s) => ({
    symbol,
    open: new RevealedSeries(cut(panel.open[s]!), "open"),
    high: new RevealedSeries(cut(panel.high[s]!), "high"),
    low: new RevealedSeries(cut(panel.low[s]!), "low"),
    close: new RevealedSeries(cut(panel.close[s]!), "close"),
    volume: new RevealedSeries(cut(panel.volume[s]!), "volume"),
    time: new RevealedSeries(cut(panel.timestamps), "time"),
  }));
  const inputs: IndicatorInput[] = panel.symbols.map((_, s) => ({
    symbol: s,
    open: cut(panel.open[s]!),
    high: cut(panel.high[s]!),
    low: cut(panel.low[s]!),
    close: cut(panel.close[s]!),
    volume: cut(panel.volume[s]!),
    time: cut(panel.timestamps),
  }));
  const indicators: IndicatorRecord[] = [];
  const series: RevealedSeries[] = [];
  const ctx: StrategyContext = {
    broker,
    bars,
    symbols: panel.symbols,
    indicator(fn, name, symbol) {
      const values = fn(inputs[symbol]!);
      if (values.length !== range.end) {
        throw new RangeError(
          `indicator "${name}" returned ${values.length} values for ${range.end} bars`,
        );
      }
      if (options.verifyIndicators)
        verifyCausal(fn, inputs[symbol]!, values, name, options.verifyIndicators);
      indicators.push({ name, symbol, values });
      const revealed = new RevealedSeries(values, name);
      series.push(revealed);
      return revealed;
    },
  };
  const strategy = new StrategyType(ctx, options.params);
  strategy.init();

  let warmup = 0;
  for (const ind of indicators) warmup = Math.max(warmup, firstValid(ind.values));
  const first = Math.min(range.end, Math.max(range.start, indicators.length > 0 ? warmup + 1 : 1));

  const equity = new Float64Array(len).fill(options.cash);
  const cash = new Float64Array(len).fill(options.cash);
  const exposure = new Float64Array(len);
  const positions = Array.from({ length: nSym }, () => new Float64Array(len));
  const symbolPnl = Array.from({ length: nSym }, () => new Float64Array(len));
  const realized = new Float64Array(nSym);
  const costs = new Float64Array(len);
  let charged = 0;
  let counted = 0;
  const record = (t: number, i: number, eq: number): void => {
    costs[i]! += broker.commissions - charged;
    charged = broker.commissions;
    const closed = broker.closedTrades;
    for (; counted < closed.length; counted++)
      realized[closed[counted]!.symbol]! += closed[counted]!.pnl;
    recordBar(broker, t, i, eq, equity, cash, exposure, positions, panel);
    for (let s = 0; s < nSym; s++) symbolPnl[s]![i] = realized[s]!;
    for (const trade of broker.trades) {
      symbolPnl[trade.symbol]![i]! +=
        trade.grossPl(panel.close[trade.symbol]![t]!) - trade.commission;
    }
  };
  const sessions = options.sessions;

  for (let t = first; t < range.end; t++) {
    const i = t - range.start;
    for (const b of bars) {
      b.open.reveal(t + 1);
      b.high.reveal(t + 1);
      b.low.reveal(t + 1);
      b.close.reveal(t + 1);
      b.volume.reveal(t + 1);
      b.time.reveal(t + 1);
    }
    for (const s of series) s.reveal(t + 1);
    broker.accrueBorrow(t);
    if (sessions === undefined || sessions.tradable[t]) broker.processBar(t);
    else broker.bar = t;
    const eq = broker.equity;
    if (eq <= 0) {
      broker.closeAllAtClose(t);
      equity.fill(0, i);
      cash.fill(0, i);
      break;
    }
    record(t, i, eq);
    // Session end: close every trade at this close and drop the day's unfilled entries,
    // before the strategy decides, so it sees the flat book (and may queue orders for the next open).
    if (sessions?.flattenAtClose && sessions.sessionEnd[t]) {
      for (const o of [...broker.orders]) if (!o.isContingent) broker.cancel(o);
      if (broker.trades.length > 0) {
        broker.closeAllAtClose(t);
        record(t, i, broker.equity);
      }
    }
    strategy.next();
    broker.updateTrailingStops(t);
  }

  const last = range.end - 1;
  const openTrades: Trade[] = [];
  if (options.finalizeTrades) {
    broker.bar = last;
    broker.closeAllAtClose(last);
    record(last, len - 1, broker.equity);
  } else {
    for (const t of broker.trades) {
      openTrades.push(t.toTrade(last, panel.close[t.symbol]![last]!, panel.timestamps));
    }
  }
  return {
    range,
    firstDecisionBar: first,
    timestamps: panel.timestamps.subarray(range.start, range.end),
    equity,
    cash,
    positions,
    exposure,
    symbolPnl,
    trades: broker.closedTrades,
    openTrades,
    commissions: broker.commissions,
    costs,
    indicators,
  };
}

function recordBar(
  broker: Broker,
  t: number,
  i: number,
  eq: number,
  equity: Float64Array,
  cash: Float64Array,
  exposure: Float64Array,
  positions: Float64Array[],
  panel: OhlcvPanel,
): void {
  equity[i] = eq;
  cash[i] = broker.cash;
  let gross = 0;
  for (let s = 0; s < positions.length; s++) positions[s]![i] = 0;
  for (const trade of broker.trades) {
    positions[trade.symbol]![i]! += trade.size;
    gross += Math.abs(trade.size * panel.close[trade.symbol]![t]!);
  }
  exposure[i] = eq > 0 ? gross / eq : 0;
}

function firstValid(values: Float64Array): number {
  for (let t = 0; t < values.length; t++) if (!Number.isNaN(values[t]!)) return t;
  return 0;
}

function verifyCausal(
  fn: (input: IndicatorInput) => Float64Array,
  input: IndicatorInput,
  full: Float64Array,
  name: string,
  cuts: number,
): void {
  const n = full.length;
  for (let k = 1; k <= cuts; k++) {
    const end = Math.max(1, Math.floor((n * k) / (cuts + 1)));
    const part = fn({
      symbol: input.symbol,
      open: input.open.subarray(0, end),
      high: input.high.subarray(0, end),
      low: input.low.subarray(0, end),
      close: input.close.subarray(0, end),
      volume: input.volume.subarray(0, end),
      time: input.time.subarray(0, end),
    });
    for (let t = 0; t < end; t++) {
      const a = part[t]!;
      const b = full[t]!;
      if (
        !(
          a === b ||
          (Number.isNaN(a) && Number.isNaN(b)) ||
          Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
        )
      ) {
        throw new Error(
          `indicator "${name}" looks ahead: its value at bar ${t} changes when bars from ${end} on are removed`,
        );
      }
    }
  }
}
