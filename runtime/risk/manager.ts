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
 * rule's targets. `step` is pure (state in, state out) and is what the
 * prediction server calls; `apply`/`reset` keep the state inside for the
 * backtest engines (TargetOverlay).
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
  const step = (
    proposed: Float64Array,
    portfolio: PortfolioState,
    state: RiskManagerState,
  ): RiskStep => {
    let targets = proposed;
    const events: RiskEvent[] = [];
    const next: RuleState[] = [];
    const ctx = { portfolio, proposed };
    rules.forEach((rule, i) => {
      const outcome = rule.apply(targets, ctx, state.rules[i] ?? rule.initialState());
      next.push(outcome.state);
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
    });
    return {
      targets: targets === proposed ? Float64Array.from(proposed) : targets,
      events,
      state: { rules: next },
    };
  };
  let state = initialState();
  let log: RiskEvent[] = [];
  return {
    rules,
    initialState,
    step,
    reset() {
      state = initialState();
      log = [];
    },
    apply(proposed, portfolio) {
      const out = step(proposed, portfolio, state);
      state = out.state;
      for (const e of out.events) log.push(e);
      return { targets: out.targets, events: out.events };
    },
    currentState: () => state,
    eventLog: () => log,
  };
}
