import type { OhlcvPanel } from "../contracts/panel.js";
import { applyRegimeSwitching, type SwitchingSpec, switchingEntries } from "../regime/switching.js";
import type { TargetSignal } from "../contracts/signal.js";

/** What the backtest reads of the regime stage's output when the spec has `regime.switching`. */
export interface RegimeSwitchingInput {
  /** Label per bar, decided with data ≤ t (-1 in warm-up). */
  readonly labels: Int32Array;
  readonly switching?: SwitchingSpec;
}

/**
 * The signal the backtest trades under `regime.switching`: at bar t the entry
 * of the regime labelled at t scales the experiment's signal (`weight`),
 * follows a rule strategy (`strategy`, default parameters), holds fixed
 * `weights`, or is flat (also every regime without an entry). The label at t
 * is decided with data up to t, so switching adds no look-ahead; the risk
 * overlay then sees the switched targets.
 */
export function switchedSignal(
  signal: TargetSignal,
  regime: RegimeSwitchingInput,
  panel: OhlcvPanel,
  ruleWeights: (strategy: string) => Float64Array[],
): TargetSignal {
  const switching = regime.switching;
  if (!switching) return signal;
  if (regime.labels.length !== panel.timestamps.length) {
    throw new Error(
      `regime labels cover ${regime.labels.length} bars, the data ${panel.timestamps.length}`,
    );
  }
  const named = new Map<string, Float64Array[]>();
  for (const [, target] of switchingEntries(switching)) {
    if (target === "flat" || target.strategy === undefined || named.has(target.strategy)) continue;
    named.set(target.strategy, ruleWeights(target.strategy));
  }
  return {
    ...signal,
    weights: applyRegimeSwitching(regime.labels, switching, panel.symbols, {
      base: signal.weights,
      named,
    }),
  };
}
