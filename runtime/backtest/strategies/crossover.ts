import { specDiagnostic } from "../../core/spec-error.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { backtestMessages } from "../../messages/backtest.js";
import { ema, sma } from "../indicators/rolling.js";
import { ruleStrategy } from "./define-strategy.js";
import type { RuleStrategy, StrategyOf } from "./rule-strategy.js";
import { emptyWeights } from "./rule-strategy.js";

export type CrossoverParams = StrategyOf<"sma_crossover" | "ema_crossover">;

type Average = (values: Float64Array, window: number) => Float64Array;

/**
 * Moving-average crossover: long while the fast average is above the slow
 * one, short (or flat) while below; 0 until both averages exist.
 */
function crossover<T extends CrossoverParams["type"]>(
  type: T,
  label: string,
  average: Average,
): Omit<RuleStrategy<CrossoverParams>, "type"> & { readonly type: T } {
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
      throw new RangeError(backtestMessages.fastNotBelowSlow(type, p.fast, p.slow));
  };
  return {
    type,
    description: backtestMessages.crossoverDescription(label),
    check: (p, loc) =>
      p.fast < p.slow
        ? []
        : [
            specDiagnostic(
              loc.at("/fast"),
              backtestMessages.fastNotBelowSlow(type, p.fast, p.slow),
              backtestMessages.fastNotBelowSlowHint(),
            ),
          ],
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

export const smaCrossover = ruleStrategy(crossover("sma_crossover", "SMA", (v, w) => sma(v, w)));
export const emaCrossover = ruleStrategy(crossover("ema_crossover", "EMA", (v, w) => ema(v, w)));
