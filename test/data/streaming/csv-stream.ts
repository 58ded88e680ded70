import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";

/** One bar message per panel bar and symbol, time-major (all symbols at t, then t+1). */
export function barMessages(panel: OhlcvPanel): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  panel.timestamps.forEach((ts, t) => {
    panel.symbols.forEach((symbol, s) => {
      out.push({
        type: "bar",
        symbol,
        ts,
        open: panel.open[s]![t],
        high: panel.high[s]![t],
        low: panel.low[s]![t],
        close: panel.close[s]![t],
        volume: panel.volume[s]![t],
      });
    });
  });
  return out;
}

/**
 * Four ticks per bar inside its hour (at :00, :15, :30, :45): open, then the
 * extreme nearer the open's side, the other extreme, close; a quarter of the
 * volume each (exact in binary). Aggregating them into hourly buckets must
 * give the bar back exactly.
 */
export function tickMessages(panel: OhlcvPanel, s = 0): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const symbol = panel.symbols[s]!;
  panel.timestamps.forEach((ts, t) => {
    const o = panel.open[s]![t]!;
    const h = panel.high[s]![t]!;
    const l = panel.low[s]![t]!;
    const c = panel.close[s]![t]!;
    const size = panel.volume[s]![t]! / 4;
    const prices = c >= o ? [o, l, h, c] : [o, h, l, c];
    prices.forEach((price, k) => {
      out.push({ type: "tick", symbol, ts: ts + k * 15 * 60_000, price, size });
    });
  });
  return out;
}
