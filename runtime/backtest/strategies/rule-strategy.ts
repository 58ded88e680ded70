import type { OhlcvPanel } from "../../data/panel.js";

/** The `strategy:` spec section: `type` picks the rule, the other keys are its parameters. */
export interface StrategySection {
  readonly type: string;
  readonly [parameter: string]: unknown;
}

/**
 * A rule-based strategy: parameters in, target weights out. `weights` must be
 * causal: `weights[s][t]` uses data up to bar t only (tests perturb the
 * future to prove it).
 */
export interface RuleStrategy<P extends object = Record<string, unknown>> {
  readonly type: string;
  readonly description: string;
  readonly defaults: P;
  /** Bars of history the rule needs before its first non-zero weight. */
  warmup(params: P): number;
  weights(panel: OhlcvPanel, params: P): Float64Array[];
  /**
   * For sweeps: a weight writer that reuses caches (e.g. one moving average
   * per window) across many parameter sets. Writes into `out[s]`.
   */
  writer?(panel: OhlcvPanel): (params: P, out: Float64Array[]) => void;
}

/** The parameters of a section merged over the strategy's defaults. */
export function resolveParams<P extends object>(
  strategy: RuleStrategy<P>,
  section: StrategySection,
): P {
  const { type: _type, ...rest } = section;
  return { ...strategy.defaults, ...rest } as P;
}

/** Fresh [symbol][t] weight arrays. */
export function emptyWeights(panel: OhlcvPanel): Float64Array[] {
  return panel.symbols.map(() => new Float64Array(panel.timestamps.length));
}
