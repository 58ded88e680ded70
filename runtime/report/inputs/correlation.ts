import { correlation } from "../../stats/moments.js";
import type { BarRange, OhlcvPanel } from "../../contracts/panel.js";
import type { CorrelationSection } from "../tear-sheet-input.js";

/** Pearson correlations of the symbols' per-bar log returns over `range` (needs ≥ 2 symbols). */
export function returnCorrelations(
  panel: OhlcvPanel,
  range: BarRange = { start: 0, end: panel.timestamps.length },
  threshold?: number,
): CorrelationSection | undefined {
  if (panel.symbols.length < 2 || range.end - range.start < 3) return undefined;
  const returns = panel.close.map((close) => {
    const out = new Float64Array(range.end - range.start - 1);
    for (let t = range.start + 1; t < range.end; t++) {
      out[t - range.start - 1] = Math.log(close[t]! / close[t - 1]!);
    }
    return out;
  });
  const matrix = returns.map((a, i) => returns.map((b, j) => (i === j ? 1 : correlation(a, b))));
  return { symbols: panel.symbols, matrix, ...(threshold !== undefined ? { threshold } : {}) };
}
