/**
 * The output of a `signal` stage: target weights per symbol and bar. A
 * rule-based strategy and a DRL agent both produce it; the backtest stage
 * consumes it.
 */
export interface TargetSignal {
  /**
   * `weights[s][t]`: the target weight of symbol `s` (position value /
   * equity, signed; negative = short) decided at bar `t` with data up to and
   * including bar `t`. The engines execute it at the next bar's open (or at
   * bar `t`'s close with `fill: this_close`). NaN means "no decision yet"
   * (warm-up) and is treated as 0.
   */
  readonly weights: Float64Array[];
  /** Symbols, in panel order. */
  readonly symbols: readonly string[];
  /** What produced the signal (`sma_crossover`, `ppo`, …), for reports. */
  readonly source: string;
  /** The parameters of the producer, for reports (plain data). */
  readonly params?: Readonly<Record<string, unknown>>;
}
