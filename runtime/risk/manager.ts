import type { PortfolioState, RiskEvent, TargetOverlay } from "../backtest/contracts.js";
import type { RiskRule, RuleState } from "./rule.js";
import { changed } from "./rules/exposure.js";

/** The whole overlay's state: one entry per rule, plain JSON (the server stores and passes it). */
export interface RiskManagerState {
  readonly rules: readonly RuleState[];
}

export interface RiskStep {
  readonly targets: Float64Array;
  readonly events: RiskEvent[];
  readonly state: RiskManagerState;
}

/**
 * The risk manager: rules applied in spec order, each seeing the previous
 * rule's targets. `step` is pure (state in, new state out; the input is not
 * modified) and is what the prediction server calls; `apply`/`reset` keep the
 * state inside for the backtest engines (TargetOverlay).
 *
 * Performance contract of `apply`: the returned `targets` array is owned by
 * the manager and overwritten by the next `apply` call (the engines copy it
 * into their pending orders); copy it to keep it. `step` always returns a
 * fresh array.
 */
export interface RiskManager extends TargetOverlay {
  readonly rules: readonly RiskRule[];
  initialState(): RiskManagerState;
  step(proposed: Float64Array, portfolio: PortfolioState, state: RiskManagerState): RiskStep;
  /** The state after the last `apply` (for saving with a run or handing to the server). */
  currentState(): RiskManagerState;
  /** Every event produced by `apply` since the last reset, in order. */
  eventLog(): readonly RiskEvent[];
}

export function createRiskManager(rules: readonly RiskRule[]): RiskManager {
  const initialState = (): RiskManagerState => ({ rules: rules.map((r) => r.initialState()) });
  /** Runs the rules on `working` (which they may update in place); returns the final targets' array. */
  const run = (
    proposed: Float64Array,
    portfolio: PortfolioState,
    working: RuleState[],
    events: RiskEvent[],
  ): Float64Array => {
    let targets = proposed;
    const ctx = { portfolio, proposed };
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      const outcome = rule.apply(targets, ctx, working[i] ?? rule.initialState());
      working[i] = outcome.state;
      if (outcome.reason !== undefined && (outcome.notice || changed(targets, outcome.targets))) {
        events.push({
          bar: portfolio.bar,
          time: portfolio.time,
          rule: rule.name,
          message: outcome.reason,
          before: Array.from(targets),
          after: Array.from(outcome.targets),
        });
      }
      targets = outcome.targets;
    }
    return targets;
  };
  const step = (proposed: Float64Array, portfolio: PortfolioState, state: RiskManagerState) => {
    const working = structuredClone([...state.rules]);
    const events: RiskEvent[] = [];
    // Rules may return buffers they reuse: hand out a copy.
    const targets = new Float64Array(run(proposed, portfolio, working, events));
    return { targets, events, state: { rules: working } };
  };
  let state: RuleState[] = initialState().rules.slice();
  let log: RiskEvent[] = [];
  let output = new Float64Array(0);
  return {
    rules,
    initialState,
    step,
    reset() {
      state = initialState().rules.slice();
      log = [];
    },
    apply(proposed, portfolio) {
      const events: RiskEvent[] = [];
      const final = run(proposed, portfolio, state, events);
      for (const e of events) log.push(e);
      if (output.length !== final.length) output = new Float64Array(final.length);
      output.set(final);
      return { targets: output, events };
    },
    currentState: () => structuredClone({ rules: state }),
    eventLog: () => log,
  };
}
