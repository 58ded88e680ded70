import type { OhlcvPanel } from "../../runtime/contracts/panel.js";

const DAY = 86_400_000;

/** A hand-made panel: one entry per symbol of OHLC rows (volume defaults to 1e6). */
export function tinyPanel(
  series: readonly {
    open: number[];
    high?: number[];
    low?: number[];
    close: number[];
    volume?: number[];
  }[],
  startMs = Date.UTC(2020, 0, 1),
): OhlcvPanel {
  const n = series[0]!.close.length;
  const timestamps = Float64Array.from({ length: n }, (_, t) => startMs + t * DAY);
  return {
    timestamps,
    symbols: series.map((_, i) => `S${i}`),
    open: series.map((s) => Float64Array.from(s.open)),
    high: series.map((s) =>
      Float64Array.from(s.high ?? s.open.map((o, t) => Math.max(o, s.close[t]!))),
    ),
    low: series.map((s) =>
      Float64Array.from(s.low ?? s.open.map((o, t) => Math.min(o, s.close[t]!))),
    ),
    close: series.map((s) => Float64Array.from(s.close)),
    volume: series.map((s) => Float64Array.from(s.volume ?? s.close.map(() => 1e6))),
  };
}
