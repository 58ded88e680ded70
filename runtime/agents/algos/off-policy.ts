import { YieldClock } from "../../core/interrupt.js";
import { createRng, type Rng } from "../../core/rng.js";
import type { Env } from "../envs/env.js";
import { ObservationNormalizer } from "../envs/running-stats.js";
import type { Action } from "../envs/spaces.js";
import type { Optimizer } from "../nn/optimizers.js";
import type { Agent, AgentSnapshot, LearnHooks, ResumeState } from "./agent.js";
import { serializeSpace } from "./agent.js";
import { type AgentOptions, requireEnvFactory } from "./agent-options.js";
import { EpisodeLog, episodeSeed } from "./episode-log.js";
import type { HyperparametersOf } from "./algorithm-hyperparameters.js";
import {
  type OffPolicyLoop,
  offPolicyResumeState,
  readOffPolicyResumeState,
} from "./off-policy-resume.js";
import { ParameterStore } from "./parameter-store.js";
import { type ReplayBatch, ReplayBuffer } from "./replay-buffer.js";
import { ResumableRng } from "./resumable-rng.js";
import { agentsMessages } from "../../messages/agents.js";
import { ENV_KEY, resumeError } from "./resume-error.js";

export interface OffPolicyCommon {
  readonly bufferSize: number;
  readonly learningStarts: number;
  readonly batchSize: number;
  readonly tau: number;
  readonly gamma: number;
  readonly trainFreq: number;
  readonly gradientSteps: number;
  readonly normalizeObs: boolean;
  /** Environment steps between progress reports. */
  readonly logInterval: number;
}

/** The resolved hyperparameters of an off-policy algorithm (the schema's defaults filled). */
export type OffPolicyHyperparameters = HyperparametersOf<"dqn" | "sac" | "td3" | "ddpg">;

function offPolicyCommon(hp: OffPolicyHyperparameters): OffPolicyCommon {
  return {
    bufferSize: hp.buffer_size,
    learningStarts: hp.learning_starts,
    batchSize: hp.batch_size,
    tau: hp.tau,
    gamma: hp.gamma,
    trainFreq: hp.train_freq,
    gradientSteps: hp.gradient_steps,
    normalizeObs: hp.normalize,
    logInterval: hp.log_interval,
  };
}

/**
 * The Stable-Baselines3 off-policy loop shared by DQN, SAC, TD3 and DDPG:
 * uniform random actions until `learning_starts`, then the algorithm's
 * exploration policy; every `train_freq` steps, `gradient_steps` updates on
 * minibatches from the replay buffer. Time-limit truncations are stored as
 * non-terminal transitions so the critic bootstraps through them.
 *
 * Every episode starts from `reset(episodeSeed(seed, t))`, and `resumeState`
 * holds the replay buffer, the sampling stream's position and the episode in
 * progress (seed and actions), so a checkpointed run resumes bit for bit.
 */
export abstract class OffPolicyAgent implements Agent {
  abstract readonly algo: string;
  numTimesteps = 0;
  protected readonly store = new ParameterStore();
  protected readonly rng: ResumableRng;
  protected readonly initRng: Rng;
  protected readonly obsNorm: ObservationNormalizer;
  protected readonly normBuffer: Float64Array;
  protected nUpdates = 0;
  protected buffer: ReplayBuffer | null = null;
  protected readonly common: OffPolicyCommon;
  private readonly episode: EpisodeLog;
  private loop: OffPolicyLoop = { sinceReport: 0, episodes: [], losses: {} };
  /** Set by `restoreResumeState`: the next `learn` rebuilds the episode in progress. */
  private resumePending = false;

  constructor(
    protected readonly options: AgentOptions,
    /** The algorithm's resolved hyperparameters (saved with the model). */
    private readonly hyperparameters: OffPolicyHyperparameters,
  ) {
    const common = offPolicyCommon(hyperparameters);
    this.common = common;
    const root = createRng(options.seed);
    this.rng = new ResumableRng(options.rng ?? root.fork("sampling"));
    this.episode = new EpisodeLog(options.actionSpace);
    this.initRng = root.fork("init");
    this.obsNorm = new ObservationNormalizer(options.observationSize, common.normalizeObs);
    this.normBuffer = new Float64Array(options.observationSize);
  }

  /** Size of the stored action vector (1 for discrete). */
  protected abstract get storedActionSize(): number;
  /** Exploration action for a normalised observation; `stored` goes to the buffer. */
  protected abstract explore(normObs: Float64Array): { env: Action; stored: ArrayLike<number> };
  /** A uniformly random action (before learning starts). */
  protected abstract randomAction(): { env: Action; stored: ArrayLike<number> };
  /** Deterministic action for a normalised observation. */
  protected abstract exploit(normObs: Float64Array): Action;
  protected abstract trainStep(
    batch: ReplayBatch,
    progressRemaining: number,
  ): Record<string, number>;
  protected abstract optimizers(): Record<string, Optimizer>;
  /** Called after every environment step (schedules, target updates by step). */
  protected afterStep(_progressRemaining: number): void {}
  protected abstract syncNetworks(): void;
  /** Per-step algorithm state a resume needs besides the snapshot (e.g. DQN's current ε). */
  protected algoState(): Record<string, number> {
    return {};
  }
  protected restoreAlgoState(_state: Readonly<Record<string, number>>): void {}

  predict(obs: Float64Array, _deterministic = true): Action {
    this.obsNorm.normalize(obs, this.normBuffer);
    return this.exploit(this.normBuffer);
  }

  private normalizeBatch = (raw: Float32Array, out: Float32Array): void => {
    const d = this.options.observationSize;
    const { mean, var: variance } = this.obsNorm.stats;
    for (let i = 0; i < raw.length; i++) {
      const j = i % d;
      const z = (raw[i]! - mean[j]!) / Math.sqrt(variance[j]! + this.obsNorm.epsilon);
      out[i] = Math.max(-this.obsNorm.clip, Math.min(this.obsNorm.clip, z));
    }
  };

  async learn(totalTimesteps: number, hooks?: LearnHooks): Promise<void> {
    const makeEnv = requireEnvFactory(this.options, this.algo);
    const env: Env = makeEnv(0);
    const c = this.common;
    this.buffer ??= new ReplayBuffer(
      Math.min(c.bufferSize, Math.max(totalTimesteps, 1)),
      this.options.observationSize,
      this.storedActionSize,
    );
    if (!this.resumePending) this.loop = { sinceReport: 0, episodes: [], losses: {} };
    let obs = this.resumePending ? this.rebuildEpisode(env) : this.startEpisode(env);
    this.resumePending = false;
    const loop = this.loop;
    const normObs = new Float64Array(this.options.observationSize);
    const clock = new YieldClock();
    while (this.numTimesteps < totalTimesteps) {
      // A safe point: a step is complete, so a checkpoint taken here resumes exactly.
      if (clock.due()) await clock.pass();
      if (this.options.signal?.aborted) break;
      if (c.normalizeObs) this.obsNorm.stats.update(obs, 1);
      this.obsNorm.normalize(obs, normObs);
      const { env: action, stored } =
        this.numTimesteps < c.learningStarts ? this.randomAction() : this.explore(normObs);
      const step = env.step(action);
      this.numTimesteps++;
      loop.sinceReport++;
      this.episode.record(action, step.reward);
      this.buffer.add(obs, step.obs, stored, step.reward, step.terminated);
      const progressRemaining = 1 - this.numTimesteps / totalTimesteps;
      this.afterStep(progressRemaining);
      if (step.terminated || step.truncated) {
        loop.episodes.push({ env: 0, return: this.episode.return, length: this.episode.length });
        obs = this.startEpisode(env);
      } else {
        obs = Float64Array.from(step.obs);
      }
      if (this.numTimesteps > c.learningStarts && this.numTimesteps % c.trainFreq === 0) {
        for (let g = 0; g < c.gradientSteps; g++) {
          const batch = this.buffer.sample(
            c.batchSize,
            this.rng,
            c.normalizeObs ? this.normalizeBatch : undefined,
          );
          loop.losses = this.trainStep(batch, progressRemaining);
          this.nUpdates++;
        }
        this.syncNetworks();
      }
      if (loop.sinceReport >= c.logInterval || this.numTimesteps >= totalTimesteps) {
        const episodes = loop.episodes;
        loop.sinceReport = 0;
        loop.episodes = [];
        const proceed = await hooks?.onIteration({
          timesteps: this.numTimesteps,
          episodes,
          losses: loop.losses,
        });
        if (proceed === false) break;
      }
    }
  }

  /** A new episode, reset with the seed of the current step count. */
  private startEpisode(env: Env): Float64Array {
    return this.episode.start(env, episodeSeed(this.options.seed, this.numTimesteps));
  }

  /** The checkpointed episode replayed in `env`, checked against the buffer's last transition. */
  private rebuildEpisode(env: Env): Float64Array {
    const obs = this.episode.replay(env);
    const last = this.episode.length > 0 ? this.buffer?.lastNextObs() : null;
    if (last?.some((v, i) => v !== Math.fround(obs[i]!))) {
      throw resumeError(
        agentsMessages.resumeEnvDiverged(this.algo, null),
        agentsMessages.resumeEnvHint(),
        ENV_KEY,
      );
    }
    return obs;
  }

  resumeState(): ResumeState {
    return offPolicyResumeState({
      rng: this.rng.position(),
      buffer: this.buffer,
      episode: this.episode,
      loop: this.loop,
      algo: this.algoState(),
    });
  }

  restoreResumeState(state: ResumeState): void {
    const saved = readOffPolicyResumeState(state, this.algo);
    const b = saved.buffer?.bufferPosition();
    if (
      b &&
      (b.obsSize !== this.options.observationSize || b.actionSize !== this.storedActionSize)
    ) {
      throw resumeError(
        agentsMessages.resumeMismatch(
          `${this.algo}: its replay buffer holds observations of ${b.obsSize} and actions of ${b.actionSize} values; this agent has ${this.options.observationSize} and ${this.storedActionSize}`,
        ),
        agentsMessages.resumeMismatchHint(),
      );
    }
    this.rng.restore(saved.rng);
    this.buffer = saved.buffer;
    this.episode.restore(saved.episode, saved.episodeActions);
    this.loop = saved.loop;
    this.restoreAlgoState(saved.algo);
    this.resumePending = true;
  }

  snapshot(): AgentSnapshot {
    const optimizers: AgentSnapshot["optimizers"] = Object.fromEntries(
      Object.entries(this.optimizers()).map(([k, o]) => [k, o.state()]),
    );
    return {
      algo: this.algo,
      hyperparameters: this.hyperparameters,
      observationSize: this.options.observationSize,
      actionSpace: serializeSpace(this.options.actionSpace),
      networks: this.store.topologies(),
      weights: this.store.weights(),
      optimizers,
      observationStats: this.obsNorm.enabled ? this.obsNorm.stats.state() : null,
      rewardStats: null,
      numTimesteps: this.numTimesteps,
      counters: { updates: this.nUpdates },
    };
  }

  restore(snapshot: AgentSnapshot): void {
    this.store.restore(snapshot.weights);
    for (const [k, o] of Object.entries(this.optimizers())) {
      const state = snapshot.optimizers[k];
      if (state) o.restore(state);
    }
    if (snapshot.observationStats) this.obsNorm.stats.restore(snapshot.observationStats);
    this.numTimesteps = snapshot.numTimesteps;
    this.nUpdates = snapshot.counters.updates ?? 0;
    this.syncNetworks();
  }

  dispose(): void {
    this.store.dispose();
  }
}
