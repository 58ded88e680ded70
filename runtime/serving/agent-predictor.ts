import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Agent } from "../agents/algos/agent.js";
import { initBackend } from "../agents/backend/init-backend.js";
import { observePortfolio, portfolioStep, softmax } from "../agents/envs/portfolio.js";
import {
  observeSingleAsset,
  singleAssetStep,
  targetPosition,
} from "../agents/envs/single-asset.js";
import type { Action } from "../agents/envs/spaces.js";
import { loadAgent } from "../agents/io/load-agent.js";
import { createCostModel } from "../backtest/costs/index.js";
import type { FeaturePanel, OhlcvPanel } from "../contracts/panel.js";
import { UserError } from "../core/errors.js";
import { computeFeatures } from "../data/features/compute-features.js";
import { featureSpecs } from "../data/features/feature-specs.js";
import { servingMessages as m } from "../messages/serving.js";
import type { RiskManager } from "../risk/manager.js";
import { resolveSchemaValue } from "../spec/resolve-value.js";
import type {
  AgentEnv,
  ApiBars,
  ApiModelSignature,
  BacktestCosts,
} from "../spec/types.generated.js";
import { type AgentEnvState, callerEnvState } from "./agent-env-state.js";
import { ARTIFACT_FILES } from "./artifact-files.js";
import { barsPanel } from "./bars.js";
import { createPredictorLoader } from "./artifact-loaders.js";
import type {
  BarsOptions,
  BarsPrediction,
  Prediction,
  Predictor,
  PredictorLoader,
} from "./predictor.js";
import { loadServedRegime, type RegimeAtBar, type ServedRegime } from "./served-regime.js";
import { applyServedRisk, loadRisk, servedPortfolio } from "./served-risk.js";

const ENV_FILE = ARTIFACT_FILES.env;

/** What env.json holds: the agent's env section and the costs its env charged (the run's own). */
interface ServedEnv {
  readonly env: AgentEnv;
  readonly costs: BacktestCosts;
}

function loadServedEnv(artifactDir: string): ServedEnv | undefined {
  const file = join(artifactDir, ENV_FILE);
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(readFileSync(file, "utf8")) as { env?: unknown; costs?: unknown };
  // A trust boundary: both sections are checked against their schemas again.
  return {
    env: resolveSchemaValue("agent/env", raw.env, ENV_FILE),
    costs: resolveSchemaValue("backtest/costs", raw.costs, ENV_FILE),
  };
}

/**
 * Target weights for an action given as an observation, by the env the agent
 * was trained in: single_asset maps the action by its scheme from the
 * position the observation holds (its last number); portfolio takes the
 * softmax over the symbols and cash and answers the symbols' weights.
 */
function targetsFor(
  env: AgentEnv | undefined,
  action: Action,
  observation: readonly number[],
  symbols: readonly string[],
): number[] {
  if (env?.type === "single_asset" && typeof action === "number") {
    const position = observation[observation.length - 1] ?? 0;
    const weights = new Array<number>(symbols.length).fill(0);
    weights[Math.max(0, symbols.indexOf(env.symbol ?? symbols[0]!))] = targetPosition(
      env.actions,
      action,
      position,
    );
    return weights;
  }
  if (env?.type === "portfolio" && typeof action !== "number") {
    const traded = env.symbols ?? symbols;
    const w = softmax(action, new Float64Array(traded.length + 1));
    const weights = new Array<number>(symbols.length).fill(0);
    traded.forEach((s, k) => {
      weights[symbols.indexOf(s)] = w[k]!;
    });
    return weights;
  }
  // Control tasks and multi_stock: the action itself.
  return typeof action === "number" ? [action] : Array.from(action);
}

/** The first feature (and symbol) not defined over the observation window at bar t, if any. */
function incompleteFeature(
  features: FeaturePanel,
  symbols: readonly number[],
  window: number,
  t: number,
): { feature: string; symbol: string } | undefined {
  for (const s of symbols) {
    for (let f = 0; f < features.values.length; f++) {
      const column = features.values[f]![s]!;
      for (let k = 0; k < window; k++) {
        if (!Number.isFinite(column[t - k] ?? Number.NaN))
          return { feature: features.names[f]!, symbol: features.symbols[s]! };
      }
    }
  }
  return undefined;
}

/**
 * Decides at the last of the bars exactly as the run's signal did: the
 * spec's features computed on the bars by the features stage's function, the
 * env's book stepped from the previous decision with the env's own step and
 * cost model, the observation written by the env's own code, the policy's
 * action mapped by the env's transform, then the risk overlay.
 */
function barsDecider(
  agent: Agent,
  observationSize: number,
  signature: ApiModelSignature,
  served: ServedEnv,
  risk: RiskManager | undefined,
  regime: ServedRegime | undefined,
): (bars: ApiBars, options: BarsOptions) => BarsPrediction {
  const { env, costs: costSection } = served;
  if (env.type !== "single_asset" && env.type !== "portfolio")
    return () => {
      throw new UserError(m.barsNotSupported(m.multiStockFromBars()));
    };
  const history = signature.bars!;
  const specs = featureSpecs(signature.features?.specs ?? []);
  const symbols = signature.symbols;
  const tradedNames =
    env.type === "single_asset" ? [env.symbol ?? symbols[0]!] : (env.symbols ?? symbols);
  const traded = tradedNames.map((s) => symbols.indexOf(s));
  const window = env.window;
  const S = traded.length;
  const bookSize = env.type === "single_asset" ? 1 : S + 1;
  const withHighLow = history.columns.includes("high") && history.columns.includes("low");
  return (bars, options) => {
    const panel = barsPanel(bars, signature, history, options.limits);
    const t = panel.timestamps.length - 1;
    const bar = options.portfolio?.bar ?? t;
    const first = bar - t;
    if (first < 0) throw new UserError(m.barBeforeHistory(bar, t + 1));
    const features = computeFeatures(panel, specs);
    const costs = createCostModel(costSection, panel);
    const previous = callerEnvState(options.envState, bookSize, bar);
    // The env's book at t: flat at its first bar, else stepped from the previous decision.
    let book: number[];
    let equity: number;
    if (previous === undefined) {
      book = env.type === "single_asset" ? [0] : [...new Array<number>(S).fill(0), 1];
      equity = env.type === "single_asset" ? env.initial_cash : 1;
    } else if (env.type === "single_asset") {
      const moved = singleAssetStep(
        { position: previous.book[0]!, equity: previous.equity },
        previous.target[0]!,
        costs,
        traded[0]!,
        panel.close[traded[0]!]!,
        t - 1,
      );
      book = [moved.position];
      equity = moved.equity;
    } else {
      const weights = Float64Array.from(previous.book);
      const { ret } = portfolioStep(
        weights,
        previous.equity,
        Float64Array.from(previous.target),
        costs,
        traded,
        traded.map((s) => panel.close[s]!),
        t - 1,
      );
      book = Array.from(weights);
      equity = previous.equity * (1 + ret);
    }
    const missing = incompleteFeature(features, traded, window, t);
    if (missing) throw new UserError(m.partialFeatureWindow(missing.feature, missing.symbol));
    const obs = new Float64Array(observationSize);
    if (env.type === "single_asset")
      observeSingleAsset(features, traded[0]!, window, t, book[0]!, obs);
    else observePortfolio(features, traded, window, t, book, obs);
    const action = agent.predict(obs, options.deterministic);
    let target: number[];
    const proposed = new Float64Array(symbols.length);
    if (env.type === "single_asset") {
      target = [targetPosition(env.actions, action as number, book[0]!)];
      proposed[traded[0]!] = target[0]!;
    } else {
      target = Array.from(softmax(action as Float64Array, new Float64Array(S + 1)));
      traded.forEach((s, k) => {
        proposed[s] = target[k]!;
      });
    }
    // Under `regime.switching`: the env's target switched by the regime at t, as the run's signal
    // stage switched the agent's signal (the env's own book follows its unswitched target).
    const switched = regime ? switchAt(regime, panel, proposed, t) : undefined;
    if (switched) proposed.set(switched.proposed);
    const time = panel.timestamps[t]!;
    const portfolio = servedPortfolio(options.portfolio, symbols.length, bar, time, {
      closes: panel.close,
      ...(withHighLow ? { highs: panel.high, lows: panel.low } : {}),
      first,
    });
    const decision = applyServedRisk(risk, proposed, portfolio, options.riskState);
    const envState: AgentEnvState = { bar, equity, book, target };
    return {
      bar,
      time,
      action: typeof action === "number" ? action : Array.from(action),
      proposed: Array.from(proposed),
      weights: Array.from(decision.targets),
      riskEvents: decision.events,
      ...(decision.state ? { riskState: decision.state } : {}),
      envState: { ...envState },
      ...(switched ? { regime: switched.regime } : {}),
      observation: obs,
    };
  };
}

/**
 * The switched target at bar t of a decision `proposed` there: the agent's
 * signal is known at t only (the bars before are the caller's), which is all
 * switching reads of it at t (it switches bar by bar). NaN counts as 0, as in
 * the backtest engines.
 */
function switchAt(
  regime: ServedRegime,
  panel: OhlcvPanel,
  proposed: Float64Array,
  t: number,
): { proposed: Float64Array; regime: RegimeAtBar } {
  const n = panel.timestamps.length;
  const base = Array.from(proposed, (w) => {
    const series = new Float64Array(n).fill(Number.NaN);
    series[t] = w;
    return series;
  });
  const switched = regime.switch(panel, base, t);
  return {
    proposed: Float64Array.from(switched.weights, (w) => {
      const v = w[t]!;
      return Number.isNaN(v) ? 0 : v;
    }),
    regime: switched.regime,
  };
}

/**
 * Loads a registered agent for serving: the saved policy (with its
 * observation statistics), the env and costs it was trained with, the
 * features and the risk overlay the run used, so a prediction from an
 * observation or from bars decides what the backtest decided.
 */
export async function loadAgentPredictor(
  input: { name: string; version: number; artifactDir: string },
  signature: ApiModelSignature,
): Promise<Predictor> {
  const { name, version, artifactDir } = input;
  await initBackend("auto");
  const { agent } = await loadAgent(join(artifactDir, "model"));
  const served = loadServedEnv(artifactDir);
  const risk = loadRisk(artifactDir);
  const regime = loadServedRegime(artifactDir);
  const snapshot = agent.snapshot();
  const symbols = signature.symbols;
  const fromBars =
    served && signature.bars
      ? barsDecider(agent, snapshot.observationSize, signature, served, risk, regime)
      : () => {
          throw new UserError(
            m.barsNotSupported(
              served ? m.multiStockFromBars() : m.controlEnvFromBars(signature.env?.type ?? ""),
            ),
          );
        };
  return {
    name,
    version,
    signature,
    observationSize: snapshot.observationSize,
    predict(observations, options): Prediction {
      // The regime is labelled from bars: an observation alone cannot say which regime holds.
      if (regime) throw new UserError(m.regimeNeedsBars());
      const actions: (number | number[])[] = [];
      const weights: number[][] = [];
      const riskEvents: Prediction["riskEvents"] = [];
      const riskEventsByObservation: Prediction["riskEvents"][] = [];
      let riskState: unknown = options.riskState;
      let last: unknown;
      for (const obs of observations) {
        const action = agent.predict(Float64Array.from(obs), options.deterministic);
        actions.push(typeof action === "number" ? action : Array.from(action));
        const proposed = targetsFor(served?.env, action, obs, symbols);
        const bar = options.portfolio?.bar ?? 0;
        const portfolio = servedPortfolio(
          options.portfolio,
          proposed.length,
          bar,
          options.portfolio?.time ?? Date.now(),
          { closes: proposed.map(() => new Float64Array(0)), first: bar + 1 },
        );
        const decision = applyServedRisk(risk, Float64Array.from(proposed), portfolio, riskState);
        riskState = decision.state;
        last = decision.state;
        riskEvents.push(...decision.events);
        riskEventsByObservation.push([...decision.events]);
        weights.push(Array.from(decision.targets));
      }
      return {
        actions,
        weights,
        riskEvents,
        riskEventsByObservation,
        ...(last !== undefined ? { riskState: last } : {}),
      };
    },
    predictBars: (bars, options) => fromBars(bars, options),
    dispose: () => agent.dispose(),
  };
}

/** Whether an artifact folder holds a trained agent (model/). */
export function holdsAgent(artifactDir: string): boolean {
  return existsSync(join(artifactDir, "model"));
}

/**
 * The server's predictor loader under its first name: every artifact kind
 * the loader registry knows (trained agents and rule strategies), each
 * checked for its signature first.
 */
export function createAgentPredictorLoader(): PredictorLoader {
  return createPredictorLoader();
}
