import { isAbsolute } from "node:path";
import { createCostModel } from "../backtest/costs/index.js";
import type { TargetSignal } from "../contracts/signal.js";
import { specError } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import type { FeaturePanel, OhlcvPanel, Segments } from "../contracts/panel.js";
import { agentsMessages } from "../messages/agents.js";
import { outputFields, type RunContext, type Stage } from "../core/stage.js";
import { resolveSchemaValue } from "../spec/resolve-value.js";
import { sectionDefaults } from "../spec/section-defaults.js";
import type { AgentSpec, BacktestCosts, BacktestSpec } from "../spec/types.generated.js";
import { createAlgorithmRegistry } from "./algos/registry.js";
import { type BackendInfo, initBackend } from "./backend/init-backend.js";
import { isTradingEnv } from "./envs/env.js";
import { createEnvRegistry } from "./envs/registry.js";
import type { TradingCosts } from "./envs/trading-costs.js";
import { type BaselineComparison, compareWithBaselines } from "./evaluation/baseline-comparison.js";
import { policyToWeights } from "./evaluation/policy-signal.js";
import { type ScoreSummary, summarize } from "./evaluation/summary-stats.js";
import { saveSnapshot } from "./io/model-io.js";
import { checkAgentSpec } from "./section-check.js";
import { envBuilder } from "./session.js";
import { type EnsembleResult, runEnsemble } from "./ensemble.js";
import { checkpointFolder, type SeedResult, scoreAgent, trainOneSeed } from "./train-segments.js";
import type { TrainingSummary } from "./training/trainer.js";

/** What the agent stage reads: a MarketDataset (panel + segments) and its features. */
export interface AgentStageInput {
  readonly data: { readonly panel: OhlcvPanel; readonly segments: Segments };
  readonly features: FeaturePanel;
  readonly regime?: unknown;
}

export interface AgentEvaluation {
  /** N seeds × M deterministic episodes, pooled per segment. */
  readonly seeds: number;
  readonly episodesPerSeed: number;
  readonly train: ScoreSummary;
  readonly valid: ScoreSummary | null;
  readonly test: ScoreSummary | null;
  readonly perSeed: readonly {
    seed: number;
    train: ScoreSummary;
    valid: ScoreSummary | null;
    test: ScoreSummary | null;
  }[];
  /** The trained policy against buy-and-hold and the rule baseline on the test segment. */
  readonly comparison: BaselineComparison;
  readonly verdict: string;
}

/** The agent stage's output: a TargetSignal plus where the model is and how it did. */
export interface AgentSignal extends TargetSignal {
  readonly modelDir: string;
  readonly backend: BackendInfo;
  readonly training: TrainingSummary;
  readonly evaluation: AgentEvaluation;
  readonly metrics: Record<string, number | string | boolean | null>;
}

export interface AgentStageOptions {
  /** The experiment's `backtest.costs`, so training charges what the backtest charges. */
  readonly costs?: BacktestCosts;
  /**
   * The experiment's `backtest` section: the agent's own comparison against
   * buy-and-hold and the baseline runs the backtest engine with it (test segment, no risk overlay).
   */
  readonly backtest?: BacktestSpec;
  /** The agent section's place in the spec (default: an experiment's `/agent`). */
  readonly loc?: SpecLocation;
}

/**
 * Where seed k keeps its checkpoints: the spec's checkpoint folder when it asks
 * for checkpoints, else a folder in the run written only when a signal stops
 * training, from which `drlwb run --resume` continues (`resume`).
 */
export function checkpointOption(
  section: AgentSpec,
  ctx: RunContext,
  k: number,
): { checkpointDir?: string; interruptCheckpointDir?: string; resume?: boolean } {
  const base = section.training.checkpoint_dir;
  const resume = ctx.resuming ? { resume: true } : {};
  if (!section.training.checkpoint_freq && !base) {
    return {
      interruptCheckpointDir: ctx.artifacts.path(`interrupt-checkpoint-seed-${k}`),
      ...resume,
    };
  }
  const root = base
    ? isAbsolute(base)
      ? base
      : ctx.artifacts.path(base)
    : ctx.artifacts.path("checkpoints");
  return { checkpointDir: checkpointFolder(root, k), ...resume };
}

/**
 * The costs training and the agent's own comparison charge: the experiment's
 * `backtest.costs`, else the env's `cost_pct` as a proportional commission.
 */
export function costSectionOf(section: AgentSpec, options: AgentStageOptions): BacktestCosts {
  const costs = options.backtest?.costs ?? options.costs;
  if (costs) return costs;
  const defaults = sectionDefaults("backtest/costs");
  return "cost_pct" in section.env ? { ...defaults, commission: section.env.cost_pct } : defaults;
}

function pooled(
  results: readonly SeedResult[],
  key: "train" | "valid" | "test",
): ScoreSummary | null {
  const all = results.flatMap((r) => r.episodes[key]);
  return all.length ? summarize(all) : null;
}

/** Every field of the agent signal stage's output. */
const AGENT_SIGNAL_FIELDS = outputFields<AgentSignal>({
  weights: true,
  symbols: true,
  source: true,
  params: true,
  modelDir: true,
  backend: true,
  training: true,
  evaluation: true,
  metrics: true,
});

/**
 * The `signal` stage for `agent:` specs: trains the agent on the train
 * segment (validating on valid), saves the model, evaluates N seeds × M
 * episodes on every segment, turns the policy into target weights on every
 * bar, and compares it with buy-and-hold and a rule baseline on the test segment.
 */
export function createAgentSignalStage(
  section: AgentSpec,
  options: AgentStageOptions = {},
): Stage<"signal", "data" | "features", never, AgentSignal> {
  const algorithms = createAlgorithmRegistry();
  const envs = createEnvRegistry();
  const loc = options.loc ?? sectionLocation("agent");
  const { env: envEntry, algorithm } = checkAgentSpec(section, algorithms, envs, loc);
  if (!envEntry.needsMarket) {
    throw specError(
      loc.at("/env/type"),
      agentsMessages.badEnvConfig(agentsMessages.signalNeedsTradingEnv(section.env.type)),
      agentsMessages.tradingEnvHint(),
    );
  }
  // The rule baseline as the strategy it is (the strategy schema's defaults filled).
  const evalBaseline = section.evaluation.baseline;
  const baseline = evalBaseline
    ? resolveSchemaValue("strategy", evalBaseline, "agent.evaluation.baseline")
    : undefined;
  return {
    kind: "signal",
    type: section.type,
    inputs: ["data", "features"],
    config: section,
    produces: AGENT_SIGNAL_FIELDS,
    reads: { data: ["panel", "segments"], features: ["values"] },
    // backend.json, training.json, evaluation.json, signal.json (metrics go to metrics.json).
    records: ["backend", "training", "evaluation", "source", "params", "symbols"],
    async run(ctx, input): Promise<AgentSignal> {
      const backend = await initBackend(section.backend);
      ctx.logger.log(
        "info",
        agentsMessages.backendChosen(backend.name, backend.skipped.map((s) => s.name).join(", ")),
      );
      ctx.artifacts.writeJson("backend.json", backend);
      const { panel, segments } = input.data;
      const market = { panel, features: input.features };
      const costs: TradingCosts = createCostModel(costSectionOf(section, options), panel);
      const buildEnv = envBuilder(envEntry, section.env, market, costs, loc);
      if (!segments.valid) ctx.logger.log("warn", agentsMessages.noValidSegment());
      const trainSeed = async (k: number, seeds: number): Promise<SeedResult> => {
        const result = await trainOneSeed({
          section,
          loc,
          algorithm,
          buildEnv,
          segments,
          seeds: ctx.seeds.fork("agent", k),
          progress: ctx.progress,
          metricsPath: ctx.artifacts.path(seeds > 1 ? `metrics-seed-${k}.jsonl` : "metrics.jsonl"),
          ...checkpointOption(section, ctx, k),
          signal: ctx.signal,
          label: `train ${section.type} (seed ${k + 1}/${seeds})`,
        });
        if (result.training.stoppedBy === "time_budget") {
          ctx.logger.log("warn", agentsMessages.timeBudgetHit(result.training.wallSeconds));
        }
        return result;
      };
      const seeds = section.ensemble ? 1 : section.evaluation.seeds;
      const results: SeedResult[] = [];
      let weights: Float64Array[];
      let ensemble: EnsembleResult | null = null;
      if (section.ensemble) {
        ensemble = await runEnsemble({
          section,
          loc,
          algorithms: Object.fromEntries(
            section.ensemble.algorithms.map((a) => [a, algorithms.get(a)]),
          ),
          buildEnv,
          segments,
          timestamps: panel.timestamps,
          bars: panel.timestamps.length,
          numSymbols: panel.symbols.length,
          seeds: ctx.seeds.fork("ensemble"),
          progress: ctx.progress,
          metricsPath: (w, algo) => ctx.artifacts.path(`metrics-window-${w}-${algo}.jsonl`),
          signal: ctx.signal,
        });
        results.push(
          scoreAgent(
            ensemble.latest,
            section,
            buildEnv,
            segments,
            ensemble.training.at(-1)!,
            ensemble.latestSeeds,
          ),
        );
        weights = ensemble.weights;
        ctx.artifacts.writeJson("ensemble.json", ensemble.windows);
        for (const w of ensemble.windows) {
          ctx.logger.log(
            "info",
            agentsMessages.ensembleChoice(
              w.trade.start,
              w.chosen,
              w.sharpe[w.chosen] ?? Number.NaN,
            ),
          );
        }
      } else {
        for (let k = 0; k < seeds; k++) results.push(await trainSeed(k, seeds));
        // The signal comes from the first seed's agent, run from its "policy" fork.
        const policy = ctx.seeds.fork("agent", 0, "policy");
        const signalEnv = buildEnv(
          { start: 0, end: panel.timestamps.length },
          policy.fork("env").seed,
          null,
        );
        if (!isTradingEnv(signalEnv))
          throw new Error(agentsMessages.envCannotTrade(section.env.type));
        weights = policyToWeights(
          results[0]!.agent,
          signalEnv,
          panel.symbols.length,
          panel.timestamps.length,
          policy,
        );
      }
      const chosen = results[0]!;
      const modelDir = ctx.artifacts.path("model");
      await saveSnapshot(modelDir, chosen.agent.snapshot(), {
        section,
        backend: backend.name,
        training: chosen.training,
      });
      const comparison = compareWithBaselines(
        { weights, symbols: panel.symbols, source: section.type },
        input.data,
        {
          ...(options.backtest ?? sectionDefaults("backtest")),
          costs: costSectionOf(section, options),
          segment: "test",
          ...(baseline ? { baseline } : {}),
        },
      );
      ctx.logger.log("info", comparison.verdict);
      const evaluation: AgentEvaluation = {
        seeds,
        episodesPerSeed: section.evaluation.episodes,
        train: pooled(results, "train")!,
        valid: pooled(results, "valid"),
        test: pooled(results, "test"),
        perSeed: results.map((r) => ({ seed: r.seed, ...r.scores })),
        comparison,
        verdict: comparison.verdict,
      };
      ctx.artifacts.writeJson("evaluation.json", {
        ...evaluation,
        comparison: {
          verdict: comparison.verdict,
          range: comparison.range,
          agent: comparison.agent.stats,
          buyAndHold: comparison.buyAndHold.stats,
          baseline: { name: comparison.baseline.name, stats: comparison.baseline.stats },
        },
      });
      ctx.artifacts.writeJson(
        "training.json",
        results.map((r) => r.training),
      );
      const params = {
        env: section.env,
        hyperparameters: section.hyperparameters,
        total_timesteps: section.total_timesteps,
      };
      // What produced the target weights, as a strategy's signal stage writes it.
      ctx.artifacts.writeJson("signal.json", {
        source: section.type,
        params,
        symbols: panel.symbols,
        bars: panel.timestamps.length,
      });
      for (const r of results) r.agent.dispose();
      return {
        weights,
        symbols: panel.symbols,
        source: section.type,
        params,
        modelDir,
        backend,
        training: chosen.training,
        evaluation,
        metrics: {
          backend: backend.name,
          timesteps: chosen.training.timesteps,
          stopped_by: chosen.training.stoppedBy,
          eval_test_mean: evaluation.test?.mean ?? null,
          eval_valid_mean: evaluation.valid?.mean ?? null,
          test_sharpe: comparison.agent.stats.sharpeRatio,
          test_return: comparison.agent.stats.totalReturn,
          buy_and_hold_sharpe: comparison.buyAndHold.stats.sharpeRatio,
          baseline_sharpe: comparison.baseline.stats.sharpeRatio,
          beats_buy_and_hold: comparison.beatsBuyAndHold,
          beats_baseline: comparison.beatsBaseline,
        },
      };
    },
  };
}
