import type { Diagnostic } from "../../core/errors.js";
import type { SpecLocation } from "../../core/spec-location.js";
import type { OhlcvPanel } from "../../contracts/panel.js";
import { backtestMessages } from "../../messages/backtest.js";
import { normalizeSection } from "../../spec/normalize-section.js";
import type { StrategySpec } from "../../spec/types.generated.js";

/**
 * The `strategy:` spec section, normalized (strategy.schema.json, defaults
 * filled): `type` picks the rule, the other keys are its parameters.
 */
export type StrategySection = StrategySpec;
export type StrategyType = StrategySpec["type"];
/** The section of one strategy type (`StrategyOf<"sma_crossover">` is StrategySmaCrossover). */
export type StrategyOf<T extends StrategyType> = Extract<StrategySpec, { readonly type: T }>;

/**
 * A rule-based strategy: parameters in, target weights out. `weights` must be
 * causal: `weights[s][t]` uses data up to bar t only (tests perturb the
 * future to prove it).
 */
export interface RuleStrategy<P extends StrategySpec = StrategySpec> {
  readonly type: P["type"];
  readonly description: string;
  /**
   * Cross-field rules on the parameters (e.g. `fast < slow`), at the strategy
   * section `loc`; run when the plan is compiled, so `drlwb validate` reports them.
   */
  check?(params: P, loc: SpecLocation): Diagnostic[];
  /** Bars of history the rule needs before its first non-zero weight. */
  warmup(params: P): number;
  weights(panel: OhlcvPanel, params: P): Float64Array[];
  /**
   * For sweeps: a weight writer that reuses caches (e.g. one moving average
   * per window) across many parameter sets. Writes into `out[s]`.
   */
  writer?(panel: OhlcvPanel): (params: P, out: Float64Array[]) => void;
}

/**
 * A strategy section written in code (a test, a notebook, a switching target
 * named by type) for `strategy`, checked against strategy.schema.json and
 * with its defaults filled as a spec's would be.
 */
export function resolveParams(strategy: RuleStrategy, section: unknown): StrategySpec {
  const spec = strategySection(section);
  if (spec.type !== strategy.type)
    throw new Error(backtestMessages.strategyTypeMismatch(strategy.type, spec.type));
  return spec;
}

/** Fresh [symbol][t] weight arrays. */
export function emptyWeights(panel: OhlcvPanel): Float64Array[] {
  return panel.symbols.map(() => new Float64Array(panel.timestamps.length));
}

/**
 * A `strategy:` section written in code checked against strategy.schema.json
 * and normalized (defaults filled); a UserError with "did you mean" hints otherwise.
 */
export function strategySection(section: unknown): StrategySpec {
  return normalizeSection("strategy", section, "/strategy");
}
