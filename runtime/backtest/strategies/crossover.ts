import type { OhlcvPanel } from "../../data/panel.js";
import { ema, sma } from "../indicators/rolling.js";
import type { RuleStrategy } from "./rule-strategy.js";
import { emptyWeights } from "./rule-strategy.js";

export interface CrossoverParams {
  readonly fast: number;
  readonly slow: number;
  /** Go short (instead of flat) while the fast average is below the slow one. */
  readonly short: boolean;
  /** Gross weight per symbol when in the market; default 1 / number of symbols. */
  readonly weight?: number;
}

type Average = (values: Float64Array, window: number) => Float64Array;

/**
 * Moving-average crossover: long while the fast average is above the slow
 * one, short (or flat) while below; 0 until both averages exist.
 */
function crossover(type: string, label: string, average: Average): RuleStrategy<CrossoverParams> {
  const writeOne = (
    fastMa: Float64Array,
    slowMa: Float64Array,
    out: Float64Array,
    p: CrossoverParams,
    weight: number,
  ): void => {
    const low = p.short ? -weight : 0;
    for (let t = 0; t < out.length; t++) {
      const f = fastMa[t]!;
      const s = slowMa[t]!;
      out[t] = f > s ? weight : f < s ? low : Number.isNaN(f - s) ? 0 : (out[t - 1] ?? 0);
    }
  };
  const check = (p: CrossoverParams): void => {
    if (!(p.fast < p.slow))
      throw new RangeError(`${type}: fast (${p.fast}) must be shorter than slow (${p.slow})`);
  };
  return {
    type,
    description: `long while the fast ${label} is above the slow ${label}; short or flat below`,
    defaults: { fast: 10, slow: 20, short: false },
    warmup: (p) => p.slow - 1,
    weights(panel, p) {
      check(p);
      const out = emptyWeights(panel);
      const weight = p.weight ?? 1 / panel.symbols.length;
      panel.close.forEach((c, s) => {
        writeOne(average(c, p.fast), average(c, p.slow), out[s]!, p, weight);
      });
      return out;
    },
    writer(panel: OhlcvPanel) {
      const cache = panel.close.map(() => new Map<number, Float64Array>());
      const get = (s: number, window: number): Float64Array => {
        const perSymbol = cache[s]!;
        let values = perSymbol.get(window);
        if (values === undefined) {
          values = average(panel.close[s]!, window);
          perSymbol.set(window, values);
        }
        return values;
      };
      return (p, out) => {
        check(p);
        const weight = p.weight ?? 1 / panel.symbols.length;
        for (let s = 0; s < out.length; s++)
          writeOne(get(s, p.fast), get(s, p.slow), out[s]!, p, weight);
      };
    },
  };
}

export const smaCrossover = crossover("sma_crossover", "SMA", (v, w) => sma(v, w));
export const emaCrossover = crossover("ema_crossover", "EMA", (v, w) => ema(v, w));
