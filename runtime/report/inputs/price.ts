import type { OhlcvPanel } from "../../contracts/panel.js";
import type { Trade } from "../../contracts/portfolio.js";
import type { PriceSection, TradeMarker } from "../tear-sheet-input.js";

/**
 * A single-asset run's price section: the symbol's close and volume over the
 * backtest's bars (`timestamps`, found in the panel by time) and a marker at
 * every trade's entry and, for closed trades, its exit, at the fill prices.
 * Undefined for multi-asset panels or bars the panel does not hold.
 */
export function priceSection(
  panel: OhlcvPanel,
  timestamps: Float64Array,
  trades: readonly Trade[],
  openTrades: readonly Trade[] = [],
): PriceSection | undefined {
  if (panel.symbols.length !== 1 || timestamps.length === 0) return undefined;
  const start = panel.timestamps.indexOf(timestamps[0]!);
  if (start < 0) return undefined;
  const end = start + timestamps.length;
  const times = panel.timestamps.subarray(start, end);
  const raw = panel.volume[0]?.subarray(start, end);
  const volume = raw?.some((v) => Number.isFinite(v) && v > 0) ? raw : undefined;
  const markers: TradeMarker[] = [];
  const side = (t: Trade) => (t.size < 0 ? ("short" as const) : ("long" as const));
  for (const t of trades) {
    markers.push({ time: t.entryTime, price: t.entryPrice, kind: "entry", side: side(t) });
    markers.push({ time: t.exitTime, price: t.exitPrice, kind: "exit", side: side(t) });
  }
  for (const t of openTrades) {
    markers.push({ time: t.entryTime, price: t.entryPrice, kind: "entry", side: side(t) });
  }
  markers.sort((a, b) => a.time - b.time);
  return {
    symbol: panel.symbols[0]!,
    close: { times, values: panel.close[0]!.subarray(start, end) },
    ...(volume ? { volume: { times, values: volume } } : {}),
    markers,
  };
}
