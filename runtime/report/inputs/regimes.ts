import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { RegimeSection } from "../tear-sheet-input.js";

/** What the report reads of the regime stage's RegimeResult. */
export interface RegimeLabels {
  readonly stateNames: readonly string[];
  readonly timestamps: Float64Array;
  readonly labels: Int32Array;
  /** The series the detector modelled (a symbol's close or a basket's level), per bar of `timestamps`. */
  readonly series?: { readonly name: string; readonly levels: Float64Array };
  /** The regime stage's warnings (too many unknown labels, a one-class classifier). */
  readonly warnings?: readonly string[];
}

/**
 * Regime labels over the series the detector modelled (the first symbol's
 * close for results without one), restricted to `range` (the test segment
 * the caller passes). Labels and levels are matched to the panel by
 * timestamp, so a regime result on a different bar set still lines up. A
 * segment with no label at all is still shown when the stage warned about it.
 */
export function regimeOverPrice(
  regime: RegimeLabels,
  panel: OhlcvPanel,
  range: BarRange = { start: 0, end: panel.timestamps.length },
): RegimeSection | undefined {
  const close = panel.close[0];
  if (!close || range.end <= range.start) return undefined;
  const labelAt = new Map<number, number>();
  const levelAt = new Map<number, number>();
  for (let i = 0; i < regime.timestamps.length; i++) {
    const time = regime.timestamps[i]!;
    labelAt.set(time, regime.labels[i]!);
    if (regime.series) levelAt.set(time, regime.series.levels[i] ?? Number.NaN);
  }
  const times = panel.timestamps.subarray(range.start, range.end);
  const labels = Int32Array.from(times, (t) => labelAt.get(t) ?? -1);
  const warnings = regime.warnings ?? [];
  if (labels.every((l) => l < 0) && warnings.length === 0) return undefined;
  const values = regime.series
    ? Float64Array.from(times, (t) => levelAt.get(t) ?? Number.NaN)
    : close.subarray(range.start, range.end);
  return {
    price: { times, values },
    priceLabel: regime.series?.name ?? panel.symbols[0] ?? "price",
    labels,
    names: regime.stateNames,
    ...(warnings.length ? { warnings } : {}),
  };
}
