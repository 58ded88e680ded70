import type { OhlcvPanel } from "../../contracts/panel.js";

/** A panel laid out in one SharedArrayBuffer so worker threads read it without copies. */
export interface SharedPanel {
  readonly buffer: SharedArrayBuffer;
  readonly symbols: readonly string[];
  readonly bars: number;
}

const FIELDS = ["open", "high", "low", "close", "volume"] as const;

export function sharePanel(panel: OhlcvPanel): SharedPanel {
  const bars = panel.timestamps.length;
  const n = panel.symbols.length;
  const buffer = new SharedArrayBuffer(8 * bars * (1 + FIELDS.length * n));
  const all = new Float64Array(buffer);
  all.set(panel.timestamps, 0);
  FIELDS.forEach((field, f) => {
    panel[field].forEach((column, s) => {
      all.set(column, bars * (1 + f * n + s));
    });
  });
  return { buffer, symbols: [...panel.symbols], bars };
}

export function panelFromShared(shared: SharedPanel): OhlcvPanel {
  const { buffer, bars, symbols } = shared;
  const n = symbols.length;
  const view = (k: number): Float64Array => new Float64Array(buffer, 8 * bars * k, bars);
  const field = (f: number): Float64Array[] => symbols.map((_, s) => view(1 + f * n + s));
  return {
    timestamps: view(0),
    symbols,
    open: field(0),
    high: field(1),
    low: field(2),
    close: field(3),
    volume: field(4),
  };
}
