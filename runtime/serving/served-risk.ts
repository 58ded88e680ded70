import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PortfolioState, RiskEvent } from "../contracts/portfolio.js";
import { UserError } from "../core/errors.js";
import { servingMessages as m } from "../messages/serving.js";
import { compileRiskSection } from "../risk/compile.js";
import type { RiskManager, RiskManagerState } from "../risk/manager.js";
import type { RiskDocument } from "../risk/risk-document.js";
import { resolveSchemaValue } from "../spec/resolve-value.js";
import type { PortfolioInput } from "./predictor.js";
import { callerRiskState } from "./risk-state.js";

/**
 * What the server reads of risk.json (the risk stage's document, copied into
 * the model artifact by the register stage): the rules and what they were
 * compiled for; compiling them again checks them.
 */
type SavedRisk = Pick<RiskDocument, "rules" | "symbols" | "periodsPerYear">;

/** The risk overlay the run used, from the artifact's risk.json (undefined: the run had none). */
export function loadRisk(artifactDir: string): RiskManager | undefined {
  const file = join(artifactDir, "risk.json");
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, "utf8")) as SavedRisk;
  // A trust boundary: the rules are checked against the risk schema (and its defaults filled) again.
  return compileRiskSection(resolveSchemaValue("risk", { rules: saved.rules }, "risk.json"), {
    symbols: saved.symbols,
    periodsPerYear: saved.periodsPerYear,
  });
}

/**
 * A price series as the rules index it — by the caller's bar numbers — over
 * the bars a request sent: bar b is `values[b − first]`. Reading a bar
 * before the first one sent is refused (the decision would rest on prices
 * the server does not have), so nothing is decided from a partial history.
 */
function barSeries(values: Float64Array, first: number): Float64Array {
  return new Proxy(values, {
    get(target, key) {
      if (typeof key === "string") {
        const code = key.charCodeAt(0);
        if ((code >= 48 && code <= 57) || code === 45) {
          const bar = Number(key);
          if (Number.isInteger(bar)) {
            if (bar < first) throw new UserError(m.riskHistoryMissing(bar, first));
            return target[bar - first];
          }
        }
        if (key === "length") return first + target.length;
      }
      return Reflect.get(target, key, target);
    },
  });
}

/** The prices a request sent, for the rules (per symbol, in the model's order). */
export interface RiskPrices {
  readonly closes: readonly Float64Array[];
  readonly highs?: readonly Float64Array[];
  readonly lows?: readonly Float64Array[];
  /** The caller's bar number of `closes[s][0]`. */
  readonly first: number;
}

/** The portfolio the rules see: the caller's, at bar `bar`, with the prices sent. */
export function servedPortfolio(
  input: PortfolioInput | undefined,
  symbols: number,
  bar: number,
  time: number,
  prices: RiskPrices,
): PortfolioState {
  if (input?.weights !== undefined && input.weights.length !== symbols)
    throw new UserError(m.weightsLength(input.weights.length, symbols));
  const equity = input?.equity ?? 1;
  const weights = Float64Array.from({ length: symbols }, (_, i) => input?.weights?.[i] ?? 0);
  const view = (series: readonly Float64Array[]) => series.map((s) => barSeries(s, prices.first));
  return {
    bar,
    time,
    equity,
    peakEquity: Math.max(equity, input?.peakEquity ?? equity),
    cash: input?.cash ?? equity * (1 - weights.reduce((a, w) => a + Math.abs(w), 0)),
    weights,
    closes: view(prices.closes),
    ...(prices.highs ? { highs: view(prices.highs) } : {}),
    ...(prices.lows ? { lows: view(prices.lows) } : {}),
  };
}

export interface RiskDecision {
  readonly targets: Float64Array;
  readonly events: readonly RiskEvent[];
  readonly state?: RiskManagerState;
}

/**
 * The model's risk overlay on `proposed`, exactly as the backtest applies it
 * (the manager's pure `step`), from the state the caller passed back (or the
 * initial one). Without an overlay the targets pass unchanged.
 */
export function applyServedRisk(
  risk: RiskManager | undefined,
  proposed: Float64Array,
  portfolio: PortfolioState,
  riskState: unknown,
): RiskDecision {
  if (risk === undefined) return { targets: proposed, events: [] };
  const state = callerRiskState(risk, riskState) ?? risk.initialState();
  const step = risk.step(proposed, portfolio, state);
  return { targets: step.targets, events: step.events, state: step.state };
}
