import type { OhlcvPanel } from "../contracts/panel.js";
import type { SpecLocation } from "../core/spec-location.js";
import {
  applyRegimeSwitching,
  EXPERIMENT_SIGNAL,
  type SwitchingSpec,
  switchingEntries,
} from "../regime/switching.js";
import type { RegimeSignals } from "../spec/types.generated.js";
import type { TargetSignal } from "../contracts/signal.js";
import { strategyOrThrow, strategySignal } from "./stage.js";
import { resolveParams } from "./strategies/rule-strategy.js";

/** What switching reads of the regime stage's output. */
export interface RegimeSwitchingInput {
  /** Label per bar, decided with data ≤ t (-1 = unknown). */
  readonly labels: Int32Array;
  readonly switching?: SwitchingSpec;
}

/**
 * The target weights ([symbol][t]) of a signal a `switching` entry names:
 * an entry of the regime section's `signals` (a strategy section with its
 * own parameters, or `experiment`, the experiment's own signal),
 * or a rule strategy type run with its default parameters. `loc` is the
 * regime section.
 */
export function namedSignalWeights(
  name: string,
  signals: RegimeSignals | undefined,
  panel: OhlcvPanel,
  loc: SpecLocation,
  experiment: Float64Array[],
): Float64Array[] {
  const declared = signals && Object.hasOwn(signals, name) ? signals[name] : undefined;
  if (declared === EXPERIMENT_SIGNAL) return experiment;
  if (declared !== undefined) {
    return strategySignal(declared, panel, loc.at(`/signals/${name}`)).weights;
  }
  const at = loc.at("/switching");
  return strategySignal(resolveParams(strategyOrThrow(name, at), { type: name }), panel, at)
    .weights;
}

/**
 * The signal under `regime.switching`: at bar t the entry of the regime
 * labelled at t scales the experiment's signal (`weight`), follows a named
 * signal (`strategy`), holds fixed `weights`, or is flat (also every regime
 * without an entry). The label at t is decided with data up to t, so
 * switching adds no look-ahead. Applied once, in the signal stage, so the
 * risk overlay, the backtest and the report all see these targets.
 */
export function switchedSignal(
  signal: TargetSignal,
  regime: RegimeSwitchingInput,
  panel: OhlcvPanel,
  named: (name: string) => Float64Array[],
): TargetSignal {
  const switching = regime.switching;
  if (!switching) return signal;
  if (regime.labels.length !== panel.timestamps.length) {
    throw new Error(
      `regime labels cover ${regime.labels.length} bars, the data ${panel.timestamps.length}`,
    );
  }
  const weights = new Map<string, Float64Array[]>();
  for (const [, target] of switchingEntries(switching)) {
    if (target === "flat" || target.strategy === undefined) continue;
    if (target.strategy === EXPERIMENT_SIGNAL || weights.has(target.strategy)) continue;
    weights.set(target.strategy, named(target.strategy));
  }
  return {
    ...signal,
    weights: applyRegimeSwitching(regime.labels, switching, panel.symbols, {
      base: signal.weights,
      named: weights,
    }),
  };
}
