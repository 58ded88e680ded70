import type { Diagnostic } from "../core/errors.js";
import type { SpecLocation } from "../core/spec-location.js";
import type { PortfolioState } from "../contracts/portfolio.js";
import type { RiskSpec } from "../spec/types.generated.js";

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

/**
 * Where a rule says why it changed the targets. The manager turns a call into
 * a RiskEvent (time, rule, before, after); a rule calls it only when it
 * intervenes, so the bars it leaves alone cost nothing.
 */
export interface RuleReport {
  /** Why the targets changed (a catalog message); an event is stored only if they did. */
  intervene(reason: string): void;
  /** An event even though the targets did not change (e.g. a re-entry). */
  notice(reason: string): void;
}

/**
 * One risk rule: (targets, context, state) → targets, with no hidden state,
 * so a backtest and the prediction server replay the same decisions from the
 * same inputs. `apply` updates `state` in place (plain JSON, so the server can
 * keep it between calls; the manager's pure `step` hands rules a copy) and
 * returns the new targets: the input unchanged, or a buffer of the rule's own
 * that it reuses on the next call. It never modifies `targets`.
 */
export interface RiskRule<S = RuleState> {
  readonly type: string;
  /** Name used in events: the spec's `name`, else the type. */
  readonly name: string;
  initialState(): S;
  apply(targets: Float64Array, ctx: RuleContext, state: S, report: RuleReport): Float64Array;
}

/** One resolved rule of a risk section (schemas/risk.schema.json: its type's keys, defaults filled). */
export type RiskRuleSpec = RiskSpec["rules"][number];

/**
 * The price history a rule reads at bar t, once its state from the previous
 * bar is passed back (serving says how many bars a prediction needs).
 */
export interface RuleHistory {
  /** Bars of prices, bar t included (1: none before t). */
  readonly bars: number;
  readonly columns: readonly ("high" | "low" | "close")[];
  /** The state holds an estimate over every bar since the first (EWMA): a first call reads them all. */
  readonly fromStart: boolean;
}

/** A rule implementation registered by `type:`; it reads its own rule type. */
export interface RiskRuleFactory<C extends RiskRuleSpec = RiskRuleSpec> {
  readonly type: C["type"];
  /** The price history the rule reads at each bar. */
  history(config: C): RuleHistory;
  /** Semantic checks beyond the schema (contradictory limits…); `loc` is the rule's place in the spec. */
  check(config: C, loc: SpecLocation): Diagnostic[];
  create(config: C, env: RuleEnvironment): RiskRule;
}

/** The name used in events: the spec's `name`, else the type. */
export function ruleName(config: RiskRuleSpec): string {
  return config.name ?? config.type;
}
