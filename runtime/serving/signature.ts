import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SerializedSpace } from "../agents/algos/agent.js";
import { firstCompleteBar } from "../agents/envs/market-view.js";
import type { OhlcvPanel } from "../contracts/panel.js";
import { UserError } from "../core/errors.js";
import {
  columnsNeeded,
  computeFeatures,
  type ValueColumn,
} from "../data/features/compute-features.js";
import type { FeatureSpec } from "../data/features/feature-types.js";
import { resolveFeatures } from "../data/features/resolve-features.js";
import { createFeatureRegistry } from "../data/features/feature-registry.js";
import { createStrategyRegistry } from "../backtest/strategies/registry.js";
import { servingMessages as m } from "../messages/serving.js";
import { resolveSchemaValue } from "../spec/resolve-value.js";
import type {
  AgentSpec,
  ApiModelSignature,
  BacktestCosts,
  RiskSpec,
  StrategySpec,
} from "../spec/types.generated.js";
import { createRiskRuleRegistry } from "../risk/registry.js";
import type { RuleHistory } from "../risk/rule.js";
import { ARTIFACT_FILES } from "./artifact-files.js";
import { featuresLookback } from "../data/features/feature-lookback.js";
import { seriesSymbols } from "../regime/detectors/config.js";
import { EXPERIMENT_SIGNAL, switchingEntries } from "../regime/switching.js";
import type { RegimeSpec } from "../spec/types.generated.js";
import { sectionLocation } from "../core/spec-location.js";

const SIGNATURE_FILE = ARTIFACT_FILES.signature;

type RiskRuleSpec = RiskSpec["rules"][number];

/** The price history a rule reads at each bar (its own `history`, by the risk rule registry). */
function ruleHistory(rule: RiskRuleSpec): RuleHistory {
  return createRiskRuleRegistry().get(rule.type).history(rule);
}

/** Bars the cost model's volatility and volume estimates read (lagged windows). */
function costLookback(costs: BacktestCosts | undefined): number {
  if (!costs) return 1;
  const slip = costs.slippage?.type === "volatility" ? costs.slippage.window : 0;
  const impact = costs.impact ? costs.impact.window : 0;
  return Math.max(slip, impact) + 2;
}

function costColumns(costs: BacktestCosts | undefined): ValueColumn[] {
  return costs?.impact ? ["close", "volume"] : ["close"];
}

/** What the features read, in words (catalog), and their columns. */
function featureDependencies(specs: readonly FeatureSpec[]): string[] {
  const resolved = resolveFeatures(specs, createFeatureRegistry());
  return resolved.map((f) => {
    const bars = f.feature.lookback;
    return bars === null ? m.dependsOnInfinite(f.name) : m.dependsOnFeature(f.name, bars);
  });
}

function riskSection(rules: RiskSpec["rules"] | undefined): ApiModelSignature["risk"] {
  const list = rules ?? [];
  return {
    rules: list.map((r) => r.name ?? r.type),
    dependsOn: list.map((r) => {
      const name = r.name ?? r.type;
      const { bars, fromStart } = ruleHistory(r);
      if (fromStart) return m.dependsOnEwmaRisk(name);
      return bars > 1 ? m.dependsOnRiskBars(name, bars) : m.dependsOnPortfolio(name);
    }),
  };
}

const unique = (columns: readonly ValueColumn[]): ValueColumn[] => {
  const order: readonly ValueColumn[] = ["open", "high", "low", "close", "volume"];
  return order.filter((c) => columns.includes(c));
};

/** The regime a switched model labels and switches with (the run's regime section and its fitted states). */
export interface RegimeSignatureInput {
  readonly section: RegimeSpec;
  readonly stateNames: readonly string[];
}

/** The symbols of the series a regime section models (every symbol for a basket of all, and for turbulence). */
function modelledSymbols(section: RegimeSpec, panel: OhlcvPanel): readonly string[] {
  if (!("series" in section)) return panel.symbols;
  return seriesSymbols(section.series, { panel, loc: sectionLocation("regime") }) ?? panel.symbols;
}

/** The signals `switching` follows by name, besides the experiment's own. */
function followedSignals(section: RegimeSpec): string[] {
  const names = new Set<string>();
  for (const [, target] of switchingEntries(section.switching ?? {})) {
    if (target === "flat" || target.strategy === undefined) continue;
    const declared = section.signals?.[target.strategy];
    if (target.strategy !== EXPERIMENT_SIGNAL && declared !== EXPERIMENT_SIGNAL)
      names.add(target.strategy);
  }
  return [...names];
}

/** What one switching entry holds, in words. */
function holdsOf(target: ReturnType<typeof switchingEntries>[number][1] | undefined): string {
  if (target === undefined) return m.switchUnlisted();
  if (target === "flat") return m.switchFlat();
  const weight = target.weight ?? 1;
  if (target.weights !== undefined) return m.switchFixed(JSON.stringify(target.weights), weight);
  if (target.strategy !== undefined && target.strategy !== EXPERIMENT_SIGNAL)
    return m.switchStrategy(target.strategy, weight);
  return m.switchWeight(weight);
}

/**
 * The regime part of a switched model's signature, with the columns and the
 * words it adds to `bars` (labelling reads every bar since the run's first).
 */
function regimeSignature(
  input: RegimeSignatureInput,
  panel: OhlcvPanel,
): {
  regime: NonNullable<ApiModelSignature["regime"]>;
  columns: ValueColumn[];
  dependsOn: string[];
} {
  const { section, stateNames } = input;
  const series = modelledSymbols(section, panel);
  const named = followedSignals(section);
  const entries = new Map(switchingEntries(section.switching ?? {}));
  const keys = [...stateNames.map((_, k) => String(k)), "unknown"];
  const switching = keys.map((key) => ({
    regime: key,
    state: key === "unknown" ? "unknown" : stateNames[Number(key)]!,
    holds: holdsOf(entries.get(key)),
  }));
  const features = "features" in section ? section.features : [];
  const dependsOn = [
    m.dependsOnRegime(section.type, m.regimeSeries(series)),
    ...named.map((name) => {
      const declared = section.signals?.[name];
      const type = declared !== undefined && declared !== EXPERIMENT_SIGNAL ? declared.type : name;
      return m.dependsOnNamedSignal(name, type);
    }),
  ];
  const columns: ValueColumn[] = [
    "close",
    ...(features.some((f) => f === "range") ? (["high", "low"] as const) : []),
    // A named rule strategy reads what the backtest's strategies read.
    ...(named.length > 0 ? (["open", "high", "low", "close", "volume"] as const) : []),
  ];
  return {
    regime: {
      detector: section.type,
      series: [...series],
      states: stateNames.length,
      stateNames: [...stateNames],
      switching,
      ...(named.length > 0 ? { signals: named } : {}),
      dependsOn,
    },
    columns,
    dependsOn,
  };
}

export interface AgentSignatureInput {
  readonly panel: OhlcvPanel;
  readonly features: readonly FeatureSpec[];
  readonly agent: AgentSpec;
  /** The costs the training env charged (the agent stage's costSectionOf). */
  readonly costs: BacktestCosts;
  readonly algo: string;
  readonly observationSize: number;
  readonly actionSpace: SerializedSpace;
  readonly normalized: boolean;
  readonly risk?: RiskSpec["rules"];
  /** A regime-switched model: its regime section and states. */
  readonly regime?: RegimeSignatureInput;
}

function actionOf(
  agent: AgentSpec,
  space: SerializedSpace,
  symbols: readonly string[],
): ApiModelSignature["action"] {
  const env = agent.env;
  const transform =
    env.type === "single_asset" ? env.actions : env.type === "portfolio" ? "softmax" : "identity";
  const described =
    env.type === "single_asset"
      ? m.actionScheme(env.actions, env.symbol ?? symbols[0] ?? "")
      : env.type === "portfolio"
        ? m.actionSoftmax(space.kind === "box" ? space.low.length : 0)
        : m.actionRaw(env.type);
  return { space, transform, description: described };
}

/** The env's symbols as panel names (single_asset: its symbol or the first; portfolio: its list or all). */
export function envSymbols(agent: AgentSpec, symbols: readonly string[]): string[] {
  const env = agent.env;
  if (env.type === "single_asset") return [env.symbol ?? symbols[0]!];
  if (env.type === "portfolio" || env.type === "multi_stock") return env.symbols ?? [...symbols];
  return [];
}

/** Why an agent's env cannot be served from bars, or undefined when it can. */
export function barsUnsupported(agent: AgentSpec): string | undefined {
  if (agent.ensemble) return m.ensembleFromBars();
  if (agent.env.type === "multi_stock") return m.multiStockFromBars();
  if (agent.env.type !== "single_asset" && agent.env.type !== "portfolio")
    return m.controlEnvFromBars(agent.env.type);
  return undefined;
}

/** The signature of a trained agent: observation layout, action transform, outputs, history. */
export function agentSignature(input: AgentSignatureInput): ApiModelSignature {
  const { panel, features, agent } = input;
  const symbols = [...panel.symbols];
  const resolved = resolveFeatures(features, createFeatureRegistry());
  const names = resolved.flatMap((f) => [...f.outputNames]);
  const traded = envSymbols(agent, symbols);
  const env = agent.env;
  const window = "window" in env ? env.window : 1;
  const nF = names.length;
  const layout: NonNullable<ApiModelSignature["observation"]>["layout"] = [];
  if (env.type === "single_asset" || env.type === "portfolio") {
    layout.push({
      name: "features",
      offset: 0,
      size: traded.length * nF * window,
      description: m.layoutFeatures(traded, names, window),
    });
    layout.push(
      env.type === "single_asset"
        ? { name: "position", offset: nF * window, size: 1, description: m.layoutPosition() }
        : {
            name: "weights",
            offset: traded.length * nF * window,
            size: traded.length + 1,
            description: m.layoutWeights(traded),
          },
    );
  }
  const unsupported = barsUnsupported(agent);
  const lookback = featuresLookback(resolved);
  const riskHistories = (input.risk ?? []).map(ruleHistory);
  const market = computeFeatures(panel, features);
  const tradedIdx = traded.map((s) => panel.symbols.indexOf(s));
  const firstBar = firstCompleteBar(market, tradedIdx, window, 0, panel.timestamps.length);
  const regime = input.regime ? regimeSignature(input.regime, panel) : undefined;
  const bars: ApiModelSignature["bars"] =
    unsupported === undefined
      ? {
          columns: unique([
            ...columnsNeeded(features),
            ...costColumns(input.costs),
            ...riskHistories.flatMap((h) => h.columns),
            ...(regime?.columns ?? []),
            "close",
          ]),
          minimum: Math.max(
            // The observation's window of features; the env's step reads bar t−1 too.
            (lookback ?? 1) + window - 1,
            2,
            costLookback(input.costs),
            ...riskHistories.map((h) => h.bars),
          ),
          // The regime's labels depend on every bar since the run's first.
          fromStart: lookback === null || regime !== undefined,
          firstTime: panel.timestamps[0]!,
          firstBar,
          dependsOn: [
            ...featureDependencies(features),
            m.dependsOnWindow(window),
            m.dependsOnEnvState(env.type),
            ...(regime?.dependsOn ?? []),
          ],
        }
      : undefined;
  return {
    format: 1,
    kind: "agent",
    source: input.algo,
    symbols,
    ...(bars ? { bars } : {}),
    features: { specs: features.map((f) => ({ ...f })), names, lookback },
    observation: {
      dtype: "float64",
      shape: [input.observationSize],
      window,
      layout,
      normalized: input.normalized,
    },
    action: actionOf(agent, input.actionSpace, traded),
    outputs: {
      weights: symbols,
      cash: true,
      description: m.outputsDescription(),
    },
    env: {
      type: env.type,
      state:
        env.type === "single_asset"
          ? ["bar", "position", "equity", "target"]
          : ["bar", "weights", "equity", "target"],
    },
    ...(regime ? { regime: regime.regime } : {}),
    risk: riskSection(input.risk),
  };
}

/** The signature of a rule strategy registered as a model: decided from bars with the backtest's code. */
export function strategySignature(input: {
  readonly panel: OhlcvPanel;
  readonly strategy: StrategySpec;
  readonly risk?: RiskSpec["rules"];
  readonly regime?: RegimeSignatureInput;
}): ApiModelSignature {
  const { panel, strategy } = input;
  const regime = input.regime ? regimeSignature(input.regime, panel) : undefined;
  const symbols = [...panel.symbols];
  const warmup = createStrategyRegistry().get(strategy.type).warmup(strategy);
  const riskHistories = (input.risk ?? []).map(ruleHistory);
  return {
    format: 1,
    kind: "strategy",
    source: strategy.type,
    symbols,
    bars: {
      columns: unique(["open", "high", "low", "close", "volume"]),
      minimum: Math.max(warmup + 1, ...riskHistories.map((h) => h.bars)),
      // A rule strategy keeps its position between bars (entries, exits, carried signals).
      fromStart: true,
      firstTime: panel.timestamps[0]!,
      firstBar: 0,
      dependsOn: [m.dependsOnStrategy(strategy.type, warmup), ...(regime?.dependsOn ?? [])],
    },
    action: { transform: "rule", description: m.actionRule(strategy.type) },
    outputs: { weights: symbols, cash: true, description: m.outputsDescription() },
    ...(regime ? { regime: regime.regime } : {}),
    risk: riskSection(input.risk),
  };
}

/**
 * The signature of a registered artifact, checked against its schema (a
 * trust boundary). A model registered before signatures existed is refused
 * with how to re-register it.
 */
export function readSignature(
  artifactDir: string,
  name: string,
  version: number,
): ApiModelSignature {
  const file = join(artifactDir, SIGNATURE_FILE);
  if (!existsSync(file)) throw new UserError(m.noSignature(name, version));
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UserError(m.signatureBroken(name, version, "not JSON"));
  }
  try {
    return resolveSchemaValue("api/ModelSignature", raw, SIGNATURE_FILE);
  } catch (error) {
    const problem = error instanceof UserError ? error.message : "invalid";
    throw new UserError(m.signatureBroken(name, version, problem));
  }
}
