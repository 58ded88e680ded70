import { YieldClock } from "../../core/interrupt.js";
import { createRng } from "../../core/rng.js";
import { tf } from "../backend/tf.js";
import { ObservationNormalizer, RewardScaler } from "../envs/running-stats.js";
import { type Action, clipToBox } from "../envs/spaces.js";
import { VecEnv } from "../envs/vec-env.js";
import { computeGradients, createOptimizer, type Optimizer } from "../nn/optimizers.js";
import { ActorCritic } from "./actor-critic.js";
import type { Agent, AgentSnapshot, IterationReport, LearnHooks, ResumeState } from "./agent.js";
import { serializeSpace } from "./agent.js";
import { type AgentOptions, requireEnvFactory } from "./agent-options.js";
import { type HyperparametersOf, resolveHyperparameters } from "./algorithm-hyperparameters.js";
import { onPolicyResumeState, readOnPolicyResumeState } from "./on-policy-resume.js";
import { ParameterStore } from "./parameter-store.js";
import { ResumableRng } from "./resumable-rng.js";
import { RolloutBuffer } from "./rollout-buffer.js";
import { parseSchedule, type Schedule } from "./schedules.js";
import { VecEpisodeLog } from "./vec-episode-log.js";
import { agentsMessages } from "../../messages/agents.js";
import { resumeError } from "./resume-error.js";

export type OnPolicyVariant = "ppo" | "a2c";

interface OnPolicyParams {
  learningRate: Schedule;
  nSteps: number;
  batchSize: number;
  nEpochs: number;
  gamma: number;
  gaeLambda: number;
  clipRange: Schedule;
  clipRangeVf: Schedule | null;
  normalizeAdvantage: boolean;
  entCoef: number;
  vfCoef: number;
  maxGradNorm: number;
  targetKl: number | undefined;
  nEnvs: number;
  normalizeObs: boolean;
  normalizeReward: boolean;
}

/** PPO's or A2C's resolved hyperparameters (the schema's defaults filled). */
type OnPolicyHyperparameters =
  | { readonly variant: "ppo"; readonly values: HyperparametersOf<"ppo"> }
  | { readonly variant: "a2c"; readonly values: HyperparametersOf<"a2c"> };

function resolveOnPolicy(variant: OnPolicyVariant, values: object): OnPolicyHyperparameters {
  return variant === "ppo"
    ? { variant, values: resolveHyperparameters("ppo", values) }
    : { variant, values: resolveHyperparameters("a2c", values) };
}

/**
 * The training settings of PPO or A2C from its hyperparameters. A2C takes one
 * full-batch step per rollout and does not clip (SB3's A2C): no batch size,
 * epochs or clip ranges of its own.
 */
function readParams(h: OnPolicyHyperparameters): OnPolicyParams & {
  arch: number[];
  activation: "tanh" | "relu";
  logStdInit: number;
  optimizer: "adam" | "rmsprop";
  optimizerEps: number;
} {
  const hp = h.values;
  const ppo = h.variant === "ppo" ? h.values : undefined;
  const vfClip = ppo?.clip_range_vf;
  const useRms = hp.use_rms_prop;
  return {
    learningRate: parseSchedule(hp.learning_rate, `${h.variant}.learning_rate`),
    nSteps: hp.n_steps,
    batchSize: ppo ? ppo.batch_size : hp.n_steps * hp.n_envs,
    nEpochs: ppo ? ppo.n_epochs : 1,
    gamma: hp.gamma,
    gaeLambda: hp.gae_lambda,
    clipRange: ppo ? parseSchedule(ppo.clip_range, "ppo.clip_range") : () => 0,
    clipRangeVf: vfClip !== undefined ? () => vfClip : null,
    normalizeAdvantage: hp.normalize_advantage,
    entCoef: hp.ent_coef,
    vfCoef: hp.vf_coef,
    maxGradNorm: hp.max_grad_norm,
    targetKl: ppo?.target_kl,
    nEnvs: hp.n_envs,
    normalizeObs: hp.normalize_observations ?? hp.normalize,
    normalizeReward: hp.normalize_reward ?? hp.normalize,
    arch: [...hp.net_arch],
    activation: hp.activation_fn,
    logStdInit: hp.log_std_init,
    optimizer: useRms ? "rmsprop" : "adam",
    optimizerEps: (useRms ? hp.rms_prop_eps : undefined) ?? hp.optimizer_eps,
  };
}

/**
 * PPO (Schulman et al. 2017: clipped surrogate, optional value clipping,
 * entropy bonus, minibatch epochs, gradient clipping, linear schedules) and
 * A2C (Mnih et al. 2016: one full-batch step per rollout, RMSprop), both on
 * GAE advantages, following Stable-Baselines3's implementation.
 *
 * Env copy i starts each episode from `reset(vecEpisodeSeed(seed, i, t))`;
 * `resumeState` holds the sampling stream's position, the episodes in
 * progress (seeds and actions), the current observations and the reward
 * scaler's running returns, so a run checkpointed between updates resumes
 * bit for bit (see on-policy-resume.ts). A second `learn` call continues the
 * same episodes.
 */
export class OnPolicyAgent implements Agent {
  readonly algo: OnPolicyVariant;
  numTimesteps = 0;
  private readonly params: ReturnType<typeof readParams>;
  private readonly hyperparameters: OnPolicyHyperparameters;
  private readonly store = new ParameterStore();
  private readonly policy: ActorCritic;
  private readonly optimizer: Optimizer;
  private readonly obsNorm: ObservationNormalizer;
  private readonly rewardScaler: RewardScaler;
  private readonly rng: ResumableRng;
  private readonly normBuffer: Float64Array;
  private iterations = 0;
  private readonly episodeLog: VecEpisodeLog;
  /** Raw observations of the env copies between rollouts; `null` before the first `learn`. */
  private rawObs: Float64Array | null = null;
  /** Whether each copy's last step ended its episode (the next step starts one). */
  private lastDones: Uint8Array;

  constructor(
    variant: OnPolicyVariant,
    private readonly options: AgentOptions,
  ) {
    this.algo = variant;
    this.hyperparameters = resolveOnPolicy(variant, options.hyperparameters);
    this.params = readParams(this.hyperparameters);
    const root = createRng(options.seed);
    this.rng = new ResumableRng(options.rng ?? root.fork("sampling"));
    this.episodeLog = new VecEpisodeLog(options.actionSpace, this.params.nEnvs, options.seed);
    this.lastDones = new Uint8Array(this.params.nEnvs).fill(1);
    this.policy = new ActorCritic(
      {
        observationSize: options.observationSize,
        actionSpace: options.actionSpace,
        piArch: this.params.arch,
        vfArch: this.params.arch,
        activation: this.params.activation,
        logStdInit: this.params.logStdInit,
      },
      this.store,
      root.fork("init"),
    );
    this.policy.sync();
    const variables = this.store.named().map((n) => n.variable);
    this.optimizer = createOptimizer(this.params.optimizer, variables, {
      maxGradNorm: this.params.maxGradNorm,
      eps: this.params.optimizerEps,
    });
    this.obsNorm = new ObservationNormalizer(options.observationSize, this.params.normalizeObs);
    this.rewardScaler = new RewardScaler(
      this.params.nEnvs,
      this.params.normalizeReward,
      this.params.gamma,
    );
    this.normBuffer = new Float64Array(options.observationSize);
  }

  predict(obs: Float64Array, deterministic = true): Action {
    this.obsNorm.normalize(obs, this.normBuffer);
    const { action } = this.policy.act(this.normBuffer, 0, deterministic ? null : this.rng, false);
    return this.envAction(action);
  }

  private envAction(action: Action): Action {
    const space = this.options.actionSpace;
    return space.kind === "box" ? clipToBox(space, action as Float64Array) : action;
  }

  async learn(totalTimesteps: number, hooks?: LearnHooks): Promise<void> {
    const p = this.params;
    const makeEnv = requireEnvFactory(this.options, this.algo);
    const log = this.episodeLog;
    const vec = new VecEnv(
      Array.from({ length: p.nEnvs }, (_, i) => makeEnv(i)),
      (i) => log.seedFor(i, this.numTimesteps),
    );
    const d = this.options.observationSize;
    const actionSize = this.policy.discrete ? 1 : this.policy.actionSize;
    const buffer = new RolloutBuffer(p.nSteps, p.nEnvs, d, actionSize);
    let rawObs: Float64Array;
    if (this.rawObs) {
      rawObs = log.rebuild(vec, this.rawObs, this.algo);
    } else {
      rawObs = log.start(vec, this.numTimesteps);
      if (this.obsNorm.enabled) this.obsNorm.stats.update(rawObs, p.nEnvs);
      this.lastDones.fill(1);
    }
    this.rawObs = rawObs;
    let lastDones = this.lastDones;
    const normObs = new Float64Array(p.nEnvs * d);
    const actions: Action[] = new Array(p.nEnvs);
    const dones = new Float64Array(p.nEnvs);
    const clock = new YieldClock();
    while (this.numTimesteps < totalTimesteps) {
      if (clock.due()) await clock.pass();
      // Stops only between updates: the resume state is taken there.
      if (this.options.signal?.aborted) break;
      const episodes: IterationReport["episodes"][number][] = [];
      for (let step = 0; step < p.nSteps; step++) {
        // Lets signal handlers run during a long rollout; the stop waits for the update.
        if (clock.due()) await clock.pass();
        for (let e = 0; e < p.nEnvs; e++) this.obsNorm.normalize(rawObs, normObs, e * d, e * d);
        for (let e = 0; e < p.nEnvs; e++) {
          const i = step * p.nEnvs + e;
          const act = this.policy.act(normObs, e * d, this.rng);
          buffer.obs.set(normObs.subarray(e * d, (e + 1) * d), i * d);
          if (act.rawAction) buffer.actions.set(act.rawAction, i * actionSize);
          else buffer.actions[i] = act.action as number;
          buffer.logProbs[i] = act.logProb;
          buffer.values[i] = act.value;
          buffer.episodeStarts[i] = lastDones[e]!;
          actions[e] = this.envAction(act.action);
        }
        const result = vec.step(actions);
        log.record(actions, result, this.numTimesteps);
        this.numTimesteps += p.nEnvs;
        episodes.push(...result.episodes);
        for (let e = 0; e < p.nEnvs; e++)
          dones[e] = result.terminated[e]! || result.truncated[e]! ? 1 : 0;
        const rewards = Float64Array.from(result.rewards);
        this.rewardScaler.scale(rewards, dones, true);
        for (let e = 0; e < p.nEnvs; e++) {
          // Bootstrap through time limits (SB3: reward += γ·V(terminal obs) when truncated).
          const final = result.finalObs[e];
          if (final && result.truncated[e] && !result.terminated[e]) {
            const normFinal = this.obsNorm.normalize(final, new Float64Array(d));
            rewards[e] = rewards[e]! + p.gamma * this.policy.value(normFinal);
          }
          buffer.rewards[step * p.nEnvs + e] = rewards[e]!;
          lastDones[e] = dones[e]!;
        }
        rawObs = Float64Array.from(result.obs);
        this.rawObs = rawObs;
        if (this.obsNorm.enabled) this.obsNorm.stats.update(rawObs, p.nEnvs);
      }
      const lastValues = new Float64Array(p.nEnvs);
      for (let e = 0; e < p.nEnvs; e++) {
        this.obsNorm.normalize(rawObs, normObs, e * d, e * d);
        lastValues[e] = this.policy.value(normObs, e * d);
      }
      buffer.computeReturnsAndAdvantage(lastValues, lastDones, p.gamma, p.gaeLambda);
      const progressRemaining = 1 - this.numTimesteps / totalTimesteps;
      const losses = this.train(buffer, progressRemaining);
      this.iterations++;
      lastDones = Uint8Array.from(lastDones);
      this.lastDones = lastDones;
      const proceed = await hooks?.onIteration({ timesteps: this.numTimesteps, episodes, losses });
      if (proceed === false) break;
    }
  }

  /** The update phase: epochs × shuffled minibatches of the rollout. */
  private train(buffer: RolloutBuffer, progressRemaining: number): Record<string, number> {
    const p = this.params;
    const lr = p.learningRate(progressRemaining);
    const clip = p.clipRange(progressRemaining);
    const clipVf = p.clipRangeVf?.(progressRemaining) ?? null;
    const n = buffer.size;
    const d = buffer.obsSize;
    const a = buffer.actionSize;
    const indices = new Int32Array(n).map((_, i) => i);
    const totals = {
      policy_loss: 0,
      value_loss: 0,
      entropy: 0,
      clip_fraction: 0,
      approx_kl: 0,
      grad_norm: 0,
    };
    let updates = 0;
    let stop = false;
    const variables = this.store.named().map((v) => v.variable);
    for (let epoch = 0; epoch < p.nEpochs && !stop; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const tmp = indices[i]!;
        indices[i] = indices[j]!;
        indices[j] = tmp;
      }
      for (let start = 0; start < n; start += p.batchSize) {
        const idx = indices.subarray(start, Math.min(n, start + p.batchSize));
        const m = idx.length;
        const obs = new Float32Array(m * d);
        const acts = this.policy.discrete ? new Int32Array(m) : new Float32Array(m * a);
        const oldLogp = new Float32Array(m);
        const adv = new Float32Array(m);
        const ret = new Float32Array(m);
        const oldV = new Float32Array(m);
        let mean = 0;
        for (let k = 0; k < m; k++) {
          const i = idx[k]!;
          obs.set(buffer.obs.subarray(i * d, (i + 1) * d), k * d);
          if (this.policy.discrete) acts[k] = buffer.actions[i]!;
          else acts.set(buffer.actions.subarray(i * a, (i + 1) * a), k * a);
          oldLogp[k] = buffer.logProbs[i]!;
          adv[k] = buffer.advantages[i]!;
          ret[k] = buffer.returns[i]!;
          oldV[k] = buffer.values[i]!;
          mean += adv[k]!;
        }
        if (p.normalizeAdvantage && m > 1) {
          mean /= m;
          let variance = 0;
          for (let k = 0; k < m; k++) variance += (adv[k]! - mean) ** 2;
          const std = Math.sqrt(variance / (m - 1));
          for (let k = 0; k < m; k++) adv[k] = (adv[k]! - mean) / (std + 1e-8);
        }
        const aux: Record<string, tf.Tensor> = {};
        const { grads } = computeGradients(variables, () =>
          this.loss({ obs, acts, oldLogp, adv, ret, oldV, m, d, a }, clip, clipVf, aux),
        );
        totals.grad_norm += this.optimizer.apply(grads, lr);
        // One read-back for all diagnostics of the minibatch.
        const keys = Object.keys(aux) as (keyof typeof totals)[];
        const stacked = tf.stack(keys.map((k) => aux[k]!));
        const values = stacked.dataSync();
        keys.forEach((k, i) => {
          totals[k] += values[i]!;
        });
        tf.dispose([stacked, ...Object.values(aux)]);
        updates++;
        if (p.targetKl !== undefined && totals.approx_kl / updates > 1.5 * p.targetKl) stop = true;
      }
    }
    this.policy.sync();
    const out: Record<string, number> = { learning_rate: lr };
    for (const [key, value] of Object.entries(totals)) out[key] = value / Math.max(1, updates);
    return out;
  }

  private loss(
    batch: {
      obs: Float32Array;
      acts: Int32Array | Float32Array;
      oldLogp: Float32Array;
      adv: Float32Array;
      ret: Float32Array;
      oldV: Float32Array;
      m: number;
      d: number;
      a: number;
    },
    clip: number,
    clipVf: number | null,
    aux: Record<string, tf.Tensor>,
  ): tf.Scalar {
    const { m, d, a } = batch;
    const obs = tf.tensor2d(batch.obs, [m, d]);
    const acts = this.policy.discrete
      ? tf.tensor1d(batch.acts as Int32Array, "int32")
      : tf.tensor2d(batch.acts as Float32Array, [m, a]);
    const adv = tf.tensor1d(batch.adv);
    const { logProb, entropy } = this.policy.evaluate(obs, acts);
    const values = this.policy.values(obs);
    let policyLoss: tf.Tensor;
    const logRatio = tf.sub(logProb, tf.tensor1d(batch.oldLogp));
    const ratio = tf.exp(logRatio);
    if (this.algo === "ppo") {
      const surrogate1 = tf.mul(adv, ratio);
      const surrogate2 = tf.mul(adv, tf.clipByValue(ratio, 1 - clip, 1 + clip));
      policyLoss = tf.neg(tf.mean(tf.minimum(surrogate1, surrogate2)));
      aux.clip_fraction = tf.keep(
        tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), clip), "float32")),
      );
    } else {
      policyLoss = tf.neg(tf.mean(tf.mul(adv, logProb)));
    }
    aux.approx_kl = tf.keep(tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)));
    const returns = tf.tensor1d(batch.ret);
    let predicted = values;
    if (clipVf !== null) {
      const oldV = tf.tensor1d(batch.oldV);
      predicted = tf.add(oldV, tf.clipByValue(tf.sub(values, oldV), -clipVf, clipVf));
    }
    const valueLoss = tf.mean(tf.square(tf.sub(returns, predicted)));
    const entropyMean = tf.mean(entropy);
    aux.policy_loss = tf.keep(policyLoss);
    aux.value_loss = tf.keep(valueLoss);
    aux.entropy = tf.keep(entropyMean);
    return tf.add(
      tf.add(policyLoss, tf.mul(-this.params.entCoef, entropyMean)),
      tf.mul(this.params.vfCoef, valueLoss),
    ) as tf.Scalar;
  }

  snapshot(): AgentSnapshot {
    return {
      algo: this.algo,
      hyperparameters: this.hyperparameters.values,
      observationSize: this.options.observationSize,
      actionSpace: serializeSpace(this.options.actionSpace),
      networks: this.store.topologies(),
      weights: this.store.weights(),
      optimizers: { main: this.optimizer.state() },
      observationStats: this.obsNorm.enabled ? this.obsNorm.stats.state() : null,
      rewardStats: this.rewardScaler.enabled ? this.rewardScaler.stats.state() : null,
      numTimesteps: this.numTimesteps,
      counters: { iterations: this.iterations },
    };
  }

  restore(snapshot: AgentSnapshot): void {
    this.store.restore(snapshot.weights);
    this.policy.sync();
    const main = snapshot.optimizers.main;
    if (main) this.optimizer.restore(main);
    if (snapshot.observationStats) this.obsNorm.stats.restore(snapshot.observationStats);
    if (snapshot.rewardStats) this.rewardScaler.stats.restore(snapshot.rewardStats);
    this.numTimesteps = snapshot.numTimesteps;
    this.iterations = snapshot.counters.iterations ?? 0;
  }

  resumeState(): ResumeState {
    return onPolicyResumeState({
      rng: this.rng.position(),
      observations: this.rawObs,
      rewardReturns: this.rewardScaler.runningReturns(),
      episodes: this.episodeLog.states(),
      episodeActions: this.episodeLog.actions(),
      lastDones: this.lastDones,
    });
  }

  /** After `restore` of the same checkpoint; the next `learn` rebuilds the episodes by replay. */
  restoreResumeState(state: ResumeState): void {
    const saved = readOnPolicyResumeState(state, this.algo, this.params.nEnvs);
    if (
      saved.observations &&
      saved.observations.length !== this.params.nEnvs * this.options.observationSize
    ) {
      throw resumeError(
        agentsMessages.resumeMismatch(
          `${this.algo}: its observations hold ${saved.observations.length} values; this agent needs ${this.params.nEnvs} × ${this.options.observationSize}`,
        ),
        agentsMessages.resumeMismatchHint(),
      );
    }
    this.rng.restore(saved.rng);
    this.episodeLog.restore(saved.episodes, saved.episodeActions);
    this.rewardScaler.restoreRunningReturns(saved.rewardReturns);
    this.lastDones = Uint8Array.from(saved.lastDones);
    this.rawObs = saved.observations ? Float64Array.from(saved.observations) : null;
  }

  dispose(): void {
    this.store.dispose();
  }
}
