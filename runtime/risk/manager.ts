import { copyInto } from "../core/copy-into.js";
import type { PortfolioState, RiskEvent, TargetOverlay } from "../contracts/portfolio.js";
import type { Mutable } from "../core/mutable.js";
import type { RiskRule, RuleContext, RuleReport, RuleState } from "./rule.js";
import { changed } from "./rules/exposure.js";

/** The whole overlay's state: one entry per rule, plain JSON (the server stores and passes it). */
export interface RiskManagerState {
  readonly rules: readonly RuleState[];
}

export interface RiskStep {
  readonly targets: Float64Array;
  readonly events: readonly RiskEvent[];
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
 * into their pending orders); copy it to keep it. So is the returned object
 * itself. `step` always returns fresh objects.
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

/** A plain copy of a weight vector (Array.from on a typed array goes through its iterator: slow). */
function toArray(w: Float64Array): number[] {
  const out = new Array<number>(w.length);
  for (let i = 0; i < w.length; i++) out[i] = w[i]!;
  return out;
}

/** The context's placeholder before the first `apply` (never read by a rule). */
const NO_PORTFOLIO: PortfolioState = {
  bar: -1,
  time: 0,
  equity: 0,
  peakEquity: 0,
  cash: 0,
  weights: new Float64Array(0),
  closes: [],
};

/** Shared by every call that produced no event. */
const NO_EVENTS: readonly RiskEvent[] = Object.freeze([]);

/** The manager's side of RuleReport: what the rule just called said, read and cleared after each rule. */
class PendingReport implements RuleReport {
  reason: string | undefined = undefined;
  always = false;
  intervene(reason: string): void {
    this.reason = reason;
    this.always = false;
  }
  notice(reason: string): void {
    this.reason = reason;
    this.always = true;
  }
}

export function createRiskManager(rules: readonly RiskRule[]): RiskManager {
  const initialState = (): RiskManagerState => ({ rules: rules.map((r) => r.initialState()) });
  const report = new PendingReport();
  /** The targets of the last `run` (possibly a rule's reused buffer or the input). */
  let finalTargets: Float64Array = new Float64Array(0);
  /**
   * Runs the rules, which update their entries of `working` in place; returns
   * the events (null when there were none) and leaves the targets in `finalTargets`.
   */
  const run = (ctx: RuleContext, working: RuleState[]): RiskEvent[] | null => {
    const { portfolio, proposed } = ctx;
    let events: RiskEvent[] | null = null;
    let targets = proposed;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      let current = working[i];
      if (current === undefined) current = working[i] = rule.initialState();
      const next = rule.apply(targets, ctx, current, report);
      if (report.reason !== undefined) {
        if (report.always || changed(targets, next)) {
          events ??= [];
          events.push({
            bar: portfolio.bar,
            time: portfolio.time,
            rule: rule.name,
            message: report.reason,
            before: toArray(targets),
            after: toArray(next),
          });
        }
        report.reason = undefined;
      }
      targets = next;
    }
    finalTargets = targets;
    return events;
  };
  const step = (proposed: Float64Array, portfolio: PortfolioState, state: RiskManagerState) => {
    const working = structuredClone([...state.rules]);
    const events = run({ portfolio, proposed }, working);
    // Rules may return buffers they reuse: hand out a copy.
    return {
      targets: new Float64Array(finalTargets),
      events: events ?? [],
      state: { rules: working },
    };
  };
  let state: RuleState[] = initialState().rules.slice();
  let log: RiskEvent[] = [];
  let output = new Float64Array(0);
  const applied = { targets: output, events: NO_EVENTS };
  // The backtest path reuses one context (the engines pass the same portfolio view every bar).
  const ctx: Mutable<RuleContext> = { portfolio: NO_PORTFOLIO, proposed: output };
  return {
    rules,
    initialState,
    step,
    reset() {
      state = initialState().rules.slice();
      log = [];
    },
    apply(proposed, portfolio) {
      ctx.portfolio = portfolio;
      ctx.proposed = proposed;
      const events = run(ctx, state) ?? NO_EVENTS;
      for (let i = 0; i < events.length; i++) log.push(events[i]!);
      if (output.length !== finalTargets.length) output = new Float64Array(finalTargets.length);
      copyInto(output, finalTargets);
      applied.targets = output;
      applied.events = events;
      return applied;
    },
    currentState: () => structuredClone({ rules: state }),
    eventLog: () => log,
  };
}
