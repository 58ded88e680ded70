import type {
  PortfolioState,
  RiskEvent,
  TargetOverlay,
} from "../../../runtime/contracts/portfolio.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";

export interface LoopResult {
  readonly equity: Float64Array;
  /** Targets after the overlay, [t][symbol]. */
  readonly targets: Float64Array[];
  readonly events: RiskEvent[];
}

/**
 * A deliberately plain reference backtest loop (no costs): at the close of
 * bar t the signal proposes weights, the overlay adjusts them with the
 * portfolio state at t, and the portfolio holds them from close t to close
 * t+1. Held weights drift with prices between bars.
 */
export function referenceLoop(
  panel: OhlcvPanel,
  signal: (t: number) => Float64Array,
  overlay: TargetOverlay | null,
  range: { start: number; end: number } = { start: 1, end: panel.timestamps.length },
): LoopResult {
  const m = panel.symbols.length;
  const equity = new Float64Array(panel.timestamps.length).fill(Number.NaN);
  const targets: Float64Array[] = [];
  const events: RiskEvent[] = [];
  let eq = 1;
  let peak = 1;
  let held = new Float64Array(m);
  overlay?.reset();
  for (let t = range.start; t < range.end; t++) {
    if (t > range.start) {
      let r = 0;
      const grown = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const ri = panel.close[i]![t]! / panel.close[i]![t - 1]! - 1;
        r += held[i]! * ri;
        grown[i] = held[i]! * (1 + ri);
      }
      eq *= 1 + r;
      held = grown.map((v) => v / (1 + r));
    }
    peak = Math.max(peak, eq);
    equity[t] = eq;
    const state: PortfolioState = {
      bar: t,
      time: panel.timestamps[t]!,
      equity: eq,
      peakEquity: peak,
      cash: eq * (1 - held.reduce((a, b) => a + b, 0)),
      weights: held,
      closes: panel.close,
      highs: panel.high,
      lows: panel.low,
    };
    const proposed = signal(t);
    let w = proposed;
    if (overlay) {
      const out = overlay.apply(proposed, state);
      // apply's array is reused by the next call: keep a copy.
      w = out.targets.slice();
      for (const e of out.events) events.push(e);
    }
    targets.push(w);
    held = Float64Array.from(w);
  }
  return { equity, targets, events };
}

/** A single-symbol panel from a close path (open = high = low = close unless given). */
export function panelFromCloses(closes: readonly number[], symbol = "A"): OhlcvPanel {
  const c = Float64Array.from(closes);
  const ts = Float64Array.from(closes, (_, t) => Date.UTC(2020, 0, 1) + t * 86_400_000);
  return {
    timestamps: ts,
    symbols: [symbol],
    open: [c],
    high: [c],
    low: [c],
    close: [c],
    volume: [new Float64Array(c.length)],
  };
}
