import type { Trade } from "../../../runtime/contracts/portfolio.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";

/**
 * An independent, deliberately literal re-implementation of backtesting.py
 * 0.3's broker for one strategy — SmaCross(10, 20) with exclusive orders —
 * written only to produce the equity curve and trades its published stats
 * tables were computed from. Semantics reproduced:
 * - `next()` at bar i sees closes up to i; orders fill at the next bar's open;
 * - the first `next()` is at bar 1 + (first valid index of the slowest SMA);
 * - commission is folded into the entry price (open · (1 ± c)); exits fill at
 *   the raw open (the adjustment "was already made when buying");
 * - size = floor(available · (1 − ε) / adjusted price), all-in;
 * - equity = cash + open trade marked at the close; bars before the first
 *   `next()` take the first recorded equity (backfill);
 * - `closeAtEnd`: the open trade is closed at the last bar's open after the
 *   loop (0.3.x); otherwise it stays open, marked at the last close, and is
 *   not in the trade list (the README table).
 */
export interface SmaCrossRun {
  readonly equity: Float64Array;
  readonly trades: Trade[];
  readonly commissions: number;
  readonly firstTradingBar: number;
}

export function sma(values: Float64Array, window: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = window - 1; t < values.length; t++) {
    let s = 0;
    for (let k = t - window + 1; k <= t; k++) s += values[k]!;
    out[t] = s / window;
  }
  return out;
}

interface OpenTrade {
  size: number;
  entryPrice: number;
  rawEntry: number;
  entryBar: number;
}

export function runSmaCross(
  panel: OhlcvPanel,
  options: { fast: number; slow: number; cash: number; commission: number; closeAtEnd: boolean },
): SmaCrossRun {
  const open = panel.open[0]!;
  const close = panel.close[0]!;
  const ts = panel.timestamps;
  const n = close.length;
  const fast = sma(close, options.fast);
  const slow = sma(close, options.slow);
  const c = options.commission;
  const start = 1 + (options.slow - 1);
  const equity = new Float64Array(n).fill(Number.NaN);
  const trades: Trade[] = [];
  let cash = options.cash;
  let position: OpenTrade | null = null;
  let pendingClose = false;
  let pendingSide = 0;
  let commissions = 0;

  const closeTrade = (bar: number): void => {
    if (!position) return;
    const exit = open[bar]!;
    const pnl = position.size * (exit - position.entryPrice);
    cash += pnl;
    const commission = Math.abs(position.size) * Math.abs(position.entryPrice - position.rawEntry);
    commissions += commission;
    trades.push({
      symbol: 0,
      size: position.size,
      entryBar: position.entryBar,
      exitBar: bar,
      entryPrice: position.entryPrice,
      exitPrice: exit,
      entryTime: ts[position.entryBar]!,
      exitTime: ts[bar]!,
      pnl,
      returnPct: Math.sign(position.size) * (exit / position.entryPrice - 1),
      commission,
    });
    position = null;
  };

  const processOrders = (bar: number): void => {
    if (pendingClose) closeTrade(bar);
    pendingClose = false;
    if (pendingSide !== 0) {
      const price = open[bar]!;
      const adjusted = price * (1 + pendingSide * c);
      const available = cash; // no open trade here: exclusive orders closed it first
      const size = Math.floor((available * (1 - Number.EPSILON)) / adjusted);
      if (size > 0) {
        position = {
          size: pendingSide * size,
          entryPrice: adjusted,
          rawEntry: price,
          entryBar: bar,
        };
      }
      pendingSide = 0;
    }
  };

  const mark = (bar: number): number =>
    cash + (position ? position.size * (close[bar]! - position.entryPrice) : 0);

  for (let i = start; i < n; i++) {
    processOrders(i);
    equity[i] = mark(i);
    const up = fast[i - 1]! < slow[i - 1]! && fast[i]! > slow[i]!;
    const down = slow[i - 1]! < fast[i - 1]! && slow[i]! > fast[i]!;
    if (up || down) {
      pendingSide = up ? 1 : -1;
      pendingClose = position !== null;
    }
  }
  if (options.closeAtEnd) {
    if (position) pendingClose = true;
    processOrders(n - 1);
    equity[n - 1] = mark(n - 1);
  }
  for (let i = start - 1; i >= 0; i--) equity[i] = equity[i + 1]!;
  return { equity, trades, commissions, firstTradingBar: start };
}
