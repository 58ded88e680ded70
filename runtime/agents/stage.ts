import { isAbsolute } from "node:path";
import { createCostModel, type CostsSection } from "../backtest/costs/index.js";
import type { BacktestSection } from "../backtest/sections.js";
import type { TargetSignal } from "../backtest/signal.js";
import { UserError } from "../core/errors.js";
import type { FeaturePanel, OhlcvPanel, Segments } from "../data/panel.js";
import { agentsMessages } from "../messages/agents.js";
import type { RunContext, Stage } from "../core/stage.js";
import type { AgentSection } from "./agent-section.js";
import { createAlgorithmRegistry } from "./algos/registry.js";
import { type BackendInfo, initBackend } from "./backend/init-backend.js";
import { isTradingEnv } from "./envs/env.js";
import { createEnvRegistry } from "./envs/registry.js";
import type { TradingCosts } from "./envs/trading-costs.js";
import { type BaselineComparison, compareWithBaselines } from "./evaluation/baseline-comparison.js";
import { policyToWeights } from "./evaluation/policy-signal.js";
import { type ScoreSummary, summarize } from "./evaluation/summary-stats.js";
import { saveSnapshot } from "./io/model-io.js";
import { checkAgentSection } from "./section-check.js";
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
  readonly costs?: CostsSection;
  /**
   * The experiment's `backtest` section: the agent's own comparison against
   * buy-and-hold and the baseline runs the backtest engine with it (test segment, no risk overlay).
   */
  readonly backtest?: BacktestSection;
}

/**
 * Where seed k keeps its checkpoints: the spec's checkpoint folder when it asks
 * for checkpoints, else a folder in the run written only when a signal stops
 * training, from which `drlwb run --resume` continues (`resume`).
 */
export function checkpointOption(
  section: AgentSection,
  ctx: RunContext,
  k: number,
): { checkpointDir?: string; interruptCheckpointDir?: string; resume?: boolean } {
  const base = section.training?.checkpoint_dir;
  const resume = ctx.resuming ? { resume: true } : {};
  if (!section.training?.checkpoint_freq && !base) {
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

function pooled(
  results: readonly SeedResult[],
  key: "train" | "valid" | "test",
): ScoreSummary | null {
  const all = results.flatMap((r) => r.episodes[key]);
  return all.length ? summarize(all) : null;
}

/**
 * The `signal` stage for `agent:` specs: trains the agent on the train
 * segment (validating on valid), saves the model, evaluates N seeds × M
 * episodes on every segment, turns the policy into target weights on every
 * bar, and compares it with buy-and-hold and a rule baseline on the test segment.
 */
export function createAgentSignalStage(
  section: AgentSection,
  options: AgentStageOptions = {},
): Stage<AgentStageInput, AgentSignal> {
  const algorithms = createAlgorithmRegistry();
  const envs = createEnvRegistry();
  const { env: envEntry, algorithm } = checkAgentSection(section, algorithms, envs);
  if (!envEntry.needsMarket) {
    throw new UserError(
      agentsMessages.badEnvConfig(
        `env type "${section.env.type}" does not trade; a signal stage needs a trading env (single_asset, multi_stock, portfolio)`,
      ),
      [
        {
          file: "",
          path: "/agent/env/type",
          message: `env type "${section.env.type}" does not trade`,
          severity: "error",
          hint: "use single_asset, multi_stock or portfolio",
        },
      ],
    );
  }
  return {
    kind: "signal",
    type: section.type,
    inputs: ["data", "features"],
    config: section,
    async run(ctx: RunContext, input: AgentStageInput): Promise<AgentSignal> {
      const backend = await initBackend(section.backend ?? "auto");
      ctx.logger.log(
        "info",
        agentsMessages.backendChosen(backend.name, backend.skipped.map((s) => s.name).join(", ")),
      );
      ctx.artifacts.writeJson("backend.json", backend);
      const { panel, segments } = input.data;
      const market = { panel, features: input.features };
      const costSection = options.backtest?.costs ?? options.costs;
      const costs: TradingCosts = costSection
        ? createCostModel(costSection, panel)
        : createCostModel({ commission: section.env.cost_pct ?? 0.001 }, panel);
      const buildEnv = envBuilder(envEntry, section.env, market, costs);
      if (!segments.valid) ctx.logger.log("warn", agentsMessages.noValidSegment());
      const trainSeed = async (k: number, seeds: number): Promise<SeedResult> => {
        const seedRng = ctx.rng.fork(`agent-seed-${k}`);
        const result = await trainOneSeed({
          section,
          algorithm,
          buildEnv,
          segments,
          seed: seedRng.uint32(),
          rng: seedRng.fork("sampling"),
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
      const seeds = section.ensemble ? 1 : (section.evaluation?.seeds ?? 1);
      const results: SeedResult[] = [];
      let weights: Float64Array[];
      let ensemble: EnsembleResult | null = null;
      if (section.ensemble) {
        ensemble = await runEnsemble({
          section,
          algorithms: Object.fromEntries(
            section.ensemble.algorithms.map((a) => [a, algorithms.get(a)]),
          ),
          buildEnv,
          segments,
          bars: panel.timestamps.length,
          numSymbols: panel.symbols.length,
          seed: ctx.rng.fork("ensemble").uint32(),
          rng: ctx.rng.fork("ensemble-sampling"),
          progress: ctx.progress,
          metricsPath: (w, algo) => ctx.artifacts.path(`metrics-window-${w}-${algo}.jsonl`),
          signal: ctx.signal,
        });
        results.push(
          scoreAgent(ensemble.latest, section, buildEnv, segments, ensemble.training.at(-1)!),
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
        const signalEnv = buildEnv({ start: 0, end: panel.timestamps.length }, 0, null);
        if (!isTradingEnv(signalEnv))
          throw new Error(`env ${section.env.type} cannot produce target weights`);
        weights = policyToWeights(
          results[0]!.agent,
          signalEnv,
          panel.symbols.length,
          panel.timestamps.length,
        );
      }
      const chosen = results[0]!;
      const modelDir = ctx.artifacts.path("model");
      await saveSnapshot(modelDir, chosen.agent.snapshot(), {
        section,
        backend: backend.name,
        training: chosen.training,
      });
      const evalBaseline = section.evaluation?.baseline;
      const comparison = compareWithBaselines(
        { weights, symbols: panel.symbols, source: section.type },
        input.data,
        {
          ...(options.backtest ?? {}),
          costs: options.backtest?.costs ??
            options.costs ?? { commission: section.env.cost_pct ?? 0.001 },
          segment: "test",
          ...(evalBaseline
            ? {
                baseline: {
                  type: "sma_crossover",
                  fast: evalBaseline.fast ?? 10,
                  slow: evalBaseline.slow ?? 20,
                },
              }
            : {}),
        },
      );
      ctx.logger.log("info", comparison.verdict);
      const evaluation: AgentEvaluation = {
        seeds,
        episodesPerSeed: section.evaluation?.episodes ?? 5,
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
      for (const r of results) r.agent.dispose();
      return {
        weights,
        symbols: panel.symbols,
        source: section.type,
        params: {
          env: section.env,
          hyperparameters: section.hyperparameters ?? {},
          total_timesteps: section.total_timesteps,
        },
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
