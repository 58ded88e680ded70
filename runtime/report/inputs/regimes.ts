import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { RegimeSection } from "../tear-sheet-input.js";

/** What the report reads of the regime stage's RegimeResult. */
export interface RegimeLabels {
  readonly stateNames: readonly string[];
  readonly timestamps: Float64Array;
  readonly labels: Int32Array;
}

/**
 * Regime labels over the first symbol's close, restricted to `range` (the
 * test segment by default the caller passes). Labels are matched to the panel
 * by timestamp, so a regime result on a different bar set still lines up.
 */
export function regimeOverPrice(
  regime: RegimeLabels,
  panel: OhlcvPanel,
  range: BarRange = { start: 0, end: panel.timestamps.length },
): RegimeSection | undefined {
  const close = panel.close[0];
  if (!close || range.end <= range.start) return undefined;
  const labelAt = new Map<number, number>();
  for (let i = 0; i < regime.timestamps.length; i++) {
    labelAt.set(regime.timestamps[i]!, regime.labels[i]!);
  }
  const times = panel.timestamps.subarray(range.start, range.end);
  const labels = Int32Array.from(times, (t) => labelAt.get(t) ?? -1);
  if (labels.every((l) => l < 0)) return undefined;
  return {
    price: { times, values: close.subarray(range.start, range.end) },
    priceLabel: panel.symbols[0] ?? "price",
    labels,
    names: regime.stateNames,
  };
}
