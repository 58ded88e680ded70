/**
 * The stage behind `drlwb train`: trains a standalone `kind: agent` spec on a
 * control task (CartPole-v1, Pendulum-v1: envs that need no market data),
 * saves the model, and scores N seeds × M deterministic episodes (mean ± std,
 * interquartile mean). Trading envs are trained in experiments instead.
 */
import { basename } from "node:path";
import { createSeedPlan } from "../core/seed-plan.js";
import { specError } from "../core/spec-error.js";
import { specLocation, type SpecLocation } from "../core/spec-location.js";
import { agentsMessages } from "../messages/agents.js";
import { outputFields, type RunContext, type Stage } from "../core/stage.js";
import type { AgentSpec } from "../spec/types.generated.js";
import { createAlgorithmRegistry } from "./algos/registry.js";
import { type BackendInfo, initBackend } from "./backend/init-backend.js";
import { createEnvRegistry } from "./envs/registry.js";
import { proportionalCosts } from "./envs/trading-costs.js";
import { type ScoreSummary, summarize } from "./evaluation/summary-stats.js";
import { saveSnapshot } from "./io/model-io.js";
import { checkAgentSpec } from "./section-check.js";
import { createAgent, envBuilder } from "./session.js";
import { checkpointOption } from "./stage.js";
import { algorithmSeed, type SeedResult, trainOneSeed } from "./train-segments.js";
import type { TrainingSummary } from "./training/trainer.js";

export interface TrainStageOptions {
  /** The spec file, named in the hint for trading envs (`extends: ./<file>`). */
  readonly specFile?: string;
  /** The spec's root (the agent section is the root of a `kind: agent` spec), placed in the YAML. */
  readonly loc?: SpecLocation;
}

/** How the trained agent scored: N seeds × M deterministic episodes, pooled. */
export interface TrainEvaluation {
  readonly seeds: number;
  readonly episodesPerSeed: number;
  readonly summary: ScoreSummary;
  readonly perSeed: readonly { seed: number; summary: ScoreSummary }[];
}

/** The train stage's output; `metrics` lands in the run's metrics.json. */
export interface TrainedAgent {
  readonly modelDir: string;
  readonly backend: BackendInfo;
  readonly training: TrainingSummary;
  readonly evaluation: TrainEvaluation;
  readonly metrics: Record<string, number | string | null>;
}

function rootOf(options: TrainStageOptions): SpecLocation {
  return options.loc ?? specLocation(options.specFile ?? "");
}

function checkStandalone(section: AgentSpec, loc: SpecLocation): ReturnType<typeof checkAgentSpec> {
  return checkAgentSpec(section, createAlgorithmRegistry(), createEnvRegistry(), loc);
}

/** Every field of the train stage's output. */
const TRAINED_AGENT_FIELDS = outputFields<TrainedAgent>({
  modelDir: true,
  backend: true,
  training: true,
  evaluation: true,
  metrics: true,
});

/**
 * The stage of `drlwb train`'s one-stage plan (kind `train`) that trains the
 * agent of a `kind: agent` spec on its control env. Throws a UserError at
 * `/env/type` for trading envs and at `/ensemble` for ensembles.
 */
export function createAgentTrainStage(
  section: AgentSpec,
  options: TrainStageOptions = {},
): Stage<"train", never, never> {
  const file = basename(options.specFile ?? "agent.yaml");
  const loc = rootOf(options);
  if (section.ensemble) {
    throw specError(
      loc.at("/ensemble"),
      agentsMessages.trainNoEnsemble(),
      agentsMessages.trainNoEnsembleHint(file),
    );
  }
  const { env: envEntry, algorithm } = checkStandalone(section, loc);
  if (envEntry.needsMarket) {
    throw specError(
      loc.at("/env/type"),
      agentsMessages.trainNeedsControlEnv(section.env.type),
      agentsMessages.trainInExperimentHint(file),
    );
  }
  return {
    kind: "train",
    type: section.type,
    inputs: [],
    config: section,
    produces: TRAINED_AGENT_FIELDS,
    reads: {},
    // model/ (modelDir), backend.json, training.json, evaluation.json (metrics go to metrics.json).
    records: ["modelDir", "backend", "training", "evaluation"],
    run: (ctx: RunContext): Promise<TrainedAgent> => train(ctx),
  };

  async function train(ctx: RunContext): Promise<TrainedAgent> {
    const backend = await initBackend(section.backend);
    ctx.logger.log(
      "info",
      agentsMessages.backendChosen(backend.name, backend.skipped.map((s) => s.name).join(", ")),
    );
    ctx.artifacts.writeJson("backend.json", backend);
    const buildEnv = envBuilder(envEntry, section.env, undefined, proportionalCosts(0), loc);
    const seeds = section.evaluation.seeds;
    const results: SeedResult[] = [];
    for (let k = 0; k < seeds; k++) {
      const result = await trainOneSeed({
        section,
        loc,
        algorithm,
        buildEnv,
        segments: undefined,
        seeds: ctx.seeds.fork("agent", k),
        progress: ctx.progress,
        metricsPath: ctx.artifacts.path(seeds > 1 ? `metrics-seed-${k}.jsonl` : "metrics.jsonl"),
        ...checkpointOption(section, ctx, k),
        signal: ctx.signal,
        label: `train ${section.type} on ${section.env.type} (seed ${k + 1}/${seeds})`,
      });
      if (result.training.stoppedBy === "time_budget") {
        ctx.logger.log("warn", agentsMessages.timeBudgetHit(result.training.wallSeconds));
      }
      results.push(result);
    }
    const chosen = results[0]!;
    const modelDir = ctx.artifacts.path("model");
    await saveSnapshot(modelDir, chosen.agent.snapshot(), {
      section,
      backend: backend.name,
      training: chosen.training,
    });
    const evaluation: TrainEvaluation = {
      seeds,
      episodesPerSeed: section.evaluation.episodes,
      summary: summarize(results.flatMap((r) => r.episodes.train)),
      perSeed: results.map((r) => ({ seed: r.seed, summary: r.scores.train })),
    };
    ctx.artifacts.writeJson("evaluation.json", evaluation);
    ctx.artifacts.writeJson(
      "training.json",
      results.map((r) => r.training),
    );
    for (const r of results) r.agent.dispose();
    const { summary } = evaluation;
    const training = chosen.training;
    ctx.logger.log(
      "info",
      agentsMessages.trainResult(
        section.type,
        section.env.type,
        summary.mean,
        summary.std,
        summary.iqm,
        summary.n,
        training.timesteps,
        training.stepsPerSecond,
      ),
    );
    return {
      modelDir,
      backend,
      training,
      evaluation,
      metrics: {
        algo: section.type,
        env: section.env.type,
        backend: backend.name,
        mean_reward: summary.mean,
        std_reward: summary.std,
        iqm_reward: summary.iqm,
        min_reward: summary.min,
        max_reward: summary.max,
        eval_episodes: summary.n,
        timesteps: training.timesteps,
        training_episodes: training.episodes,
        stopped_by: training.stoppedBy,
        // Wall-clock figures (steps/s, seconds) stay in training.json: metrics.json is deterministic.
      },
    };
  }
}

/**
 * Builds the spec's agent once on its env and disposes it: a hyperparameter
 * the algorithm rejects (one it does not read, a value out of its range) is
 * a UserError here, before a run folder exists. Call after
 * `createAgentTrainStage` accepted the section.
 */
export async function checkAgentBuilds(
  section: AgentSpec,
  options: TrainStageOptions = {},
): Promise<void> {
  const loc = rootOf(options);
  const { env: envEntry, algorithm } = checkStandalone(section, loc);
  await initBackend(section.backend);
  const buildEnv = envBuilder(envEntry, section.env, undefined, proportionalCosts(0), loc);
  // A probe that never acts, so any seeds do: those seed 0's first agent trains with.
  const seeds = createSeedPlan(0).fork("train", "agent", 0);
  const makeEnv = (i: number) => buildEnv(undefined, seeds.fork("env", i).seed);
  createAgent(
    algorithm,
    section,
    loc,
    makeEnv(0),
    algorithmSeed(seeds),
    seeds.fork("sampling").rng(),
    makeEnv,
  ).dispose();
}
