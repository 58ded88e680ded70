import type { Diagnostic } from "../core/errors.js";
import type { PortfolioState } from "../backtest/contracts.js";

/** What a rule sees besides the targets handed to it by the rules before it. */
export interface RuleContext {
  readonly portfolio: PortfolioState;
  /** The signal's targets before any rule (drawdown control tracks their shadow equity). */
  readonly proposed: Float64Array;
}

/** Facts about the market a rule is built for. */
export interface RuleEnvironment {
  readonly symbols: readonly string[];
  /** Bars per year, for annualising volatility. */
  readonly periodsPerYear: number;
}

/** A rule's state is plain JSON so a server call can pass the state it has. */
export type RuleState = unknown;

export interface RuleOutcome<S> {
  /**
   * New targets. A rule never modifies its input; it may return the input
   * unchanged, or a buffer of its own that it reuses on the next call.
   */
  readonly targets: Float64Array;
  readonly state: S;
  /** Why the rule changed the targets (a catalog message); absent when it did not intervene. */
  readonly reason?: string;
  /** Report an event even though the targets did not change (e.g. a re-entry). */
  readonly notice?: boolean;
}

/**
 * One risk rule: a function of (targets, context, state) → (targets, state)
 * with no hidden state, so a backtest and the prediction server replay the
 * same decisions from the same inputs. For speed a rule may update the state
 * object it is given in place and return it; the manager's pure `step` hands
 * rules a copy, so callers' states are never modified.
 */
export interface RiskRule<S = RuleState> {
  readonly type: string;
  /** Name used in events: the spec's `name`, else the type. */
  readonly name: string;
  initialState(): S;
  apply(targets: Float64Array, ctx: RuleContext, state: S): RuleOutcome<S>;
}

/** A rule implementation registered by `type:`. */
export interface RiskRuleFactory {
  readonly type: string;
  /** Semantic checks beyond the schema (contradictory limits…); `path` is the rule's JSON pointer. */
  check(config: Record<string, unknown>, path: string, file: string): Diagnostic[];
  create(config: Record<string, unknown>, env: RuleEnvironment): RiskRule;
}

/** Numeric option or undefined. */
export function opt(config: Record<string, unknown>, key: string): number | undefined {
  const v = config[key];
  return typeof v === "number" ? v : undefined;
}

export function diagnostic(file: string, path: string, message: string, hint?: string): Diagnostic {
  return { file, path, message, severity: "error", ...(hint ? { hint } : {}) };
}

export function ruleName(config: Record<string, unknown>, type: string): string {
  return typeof config.name === "string" ? config.name : type;
}

/**
 * A reusable outcome: a rule fills and returns the same object on every call
 * (the manager reads it at once), so the per-bar path allocates nothing.
 */
export function outcomeWriter(): <S>(
  targets: Float64Array,
  state: S,
  reason?: string,
  notice?: boolean,
) => RuleOutcome<S> {
  const o: { targets: Float64Array; state: unknown; reason: string | undefined; notice: boolean } =
    {
      targets: new Float64Array(0),
      state: null,
      reason: undefined,
      notice: false,
    };
  return <S>(targets: Float64Array, state: S, reason?: string, notice = false): RuleOutcome<S> => {
    o.targets = targets;
    o.state = state;
    o.reason = reason;
    o.notice = notice;
    return o as unknown as RuleOutcome<S>;
  };
}
