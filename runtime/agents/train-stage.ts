/**
 * The stage behind `drlwb train`: trains a standalone `kind: agent` spec on a
 * control task (CartPole-v1, Pendulum-v1: envs that need no market data),
 * saves the model, and scores N seeds × M deterministic episodes (mean ± std,
 * interquartile mean). Trading envs are trained in experiments instead.
 */
import { basename } from "node:path";
import { type Diagnostic, UserError } from "../core/errors.js";
import { createRng } from "../core/rng.js";
import { agentsMessages } from "../messages/agents.js";
import type { RunContext, Stage } from "../core/stage.js";
import type { AgentSection } from "./agent-section.js";
import { createAlgorithmRegistry } from "./algos/registry.js";
import { type BackendInfo, initBackend } from "./backend/init-backend.js";
import { createEnvRegistry } from "./envs/registry.js";
import { proportionalCosts } from "./envs/trading-costs.js";
import { type ScoreSummary, summarize } from "./evaluation/summary-stats.js";
import { saveSnapshot } from "./io/model-io.js";
import { checkAgentSection } from "./section-check.js";
import { createAgent, envBuilder } from "./session.js";
import { checkpointOption } from "./stage.js";
import { type SeedResult, trainOneSeed } from "./train-segments.js";
import type { TrainingSummary } from "./training/trainer.js";

export interface TrainStageOptions {
  /** The spec file, named in the hint for trading envs (`extends: ./<file>`). */
  readonly specFile?: string;
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

function specError(path: string, message: string, hint: string): never {
  const diagnostic: Diagnostic = { file: "", path, message, severity: "error", hint };
  throw new UserError(message, [diagnostic]);
}

/**
 * The agent checks name paths inside an experiment (`/agent/...`); in a
 * `kind: agent` spec the agent is the root. Runs `body`, rewriting the paths
 * of its UserErrors.
 */
async function standalone<T>(body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw atRoot(error);
  }
}

function atRoot(error: unknown): unknown {
  if (!(error instanceof UserError)) return error;
  return new UserError(
    error.message,
    error.diagnostics.map((d) => ({ ...d, path: d.path.replace(/^\/agent(?=\/|$)/, "") })),
  );
}

function checkStandalone(section: AgentSection): ReturnType<typeof checkAgentSection> {
  try {
    return checkAgentSection(section, createAlgorithmRegistry(), createEnvRegistry());
  } catch (error) {
    throw atRoot(error);
  }
}

/**
 * A one-stage plan's stage (kind `signal`, the agent's place in a plan) that
 * trains the agent of a `kind: agent` spec on its control env. Throws a
 * UserError at `/env/type` for trading envs and at `/ensemble` for ensembles.
 */
export function createAgentTrainStage(
  section: AgentSection,
  options: TrainStageOptions = {},
): Stage<unknown, TrainedAgent> {
  const file = basename(options.specFile ?? "agent.yaml");
  if (section.ensemble) {
    specError(
      "/ensemble",
      agentsMessages.trainNoEnsemble(),
      agentsMessages.trainNoEnsembleHint(file),
    );
  }
  const { env: envEntry, algorithm } = checkStandalone(section);
  if (envEntry.needsMarket) {
    specError(
      "/env/type",
      agentsMessages.trainNeedsControlEnv(section.env.type),
      agentsMessages.trainInExperimentHint(file),
    );
  }
  return {
    kind: "signal",
    type: section.type,
    inputs: [],
    config: section,
    run: (ctx: RunContext): Promise<TrainedAgent> => standalone(() => train(ctx)),
  };

  async function train(ctx: RunContext): Promise<TrainedAgent> {
    const backend = await initBackend(section.backend ?? "auto");
    ctx.logger.log(
      "info",
      agentsMessages.backendChosen(backend.name, backend.skipped.map((s) => s.name).join(", ")),
    );
    ctx.artifacts.writeJson("backend.json", backend);
    const buildEnv = envBuilder(envEntry, section.env, undefined, proportionalCosts(0));
    const seeds = section.evaluation?.seeds ?? 1;
    const results: SeedResult[] = [];
    for (let k = 0; k < seeds; k++) {
      const seedRng = ctx.rng.fork(`agent-seed-${k}`);
      const result = await trainOneSeed({
        section,
        algorithm,
        buildEnv,
        segments: undefined,
        seed: seedRng.uint32(),
        rng: seedRng.fork("sampling"),
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
      episodesPerSeed: section.evaluation?.episodes ?? 5,
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
export async function checkAgentBuilds(section: AgentSection): Promise<void> {
  await standalone(async () => {
    const { env: envEntry, algorithm } = checkStandalone(section);
    await initBackend(section.backend ?? "auto");
    const buildEnv = envBuilder(envEntry, section.env, undefined, proportionalCosts(0));
    const makeEnv = (i: number) => buildEnv(undefined, i);
    createAgent(algorithm, section, makeEnv(0), 0, createRng(0), makeEnv).dispose();
  });
}
