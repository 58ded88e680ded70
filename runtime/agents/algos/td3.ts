import { tf } from "../backend/tf.js";
import type { Action, BoxSpace } from "../envs/spaces.js";
import { Mlp } from "../nn/mlp.js";
import { computeGradients, createOptimizer, type Optimizer } from "../nn/optimizers.js";
import type { AgentOptions } from "./agent-options.js";
import {
  type Critic,
  createCritics,
  normalNoise,
  requireBox,
  unscaleAction,
} from "./continuous.js";
import { resolveHyperparameters } from "./algorithm-hyperparameters.js";
import { OffPolicyAgent } from "./off-policy.js";
import type { ReplayBatch } from "./replay-buffer.js";
import { parseSchedule, type Schedule } from "./schedules.js";

export type DeterministicVariant = "td3" | "ddpg";

/**
 * TD3 (Fujimoto et al. 2018: twin critics, delayed policy updates, target
 * policy smoothing) and DDPG (Lillicrap et al. 2016: one critic, no delay, no
 * smoothing) with SB3's defaults; Gaussian exploration noise `action_noise`
 * (std, in the squashed [−1, 1] action scale; rl-zoo uses 0.1).
 */
export class Td3Agent extends OffPolicyAgent {
  readonly algo: DeterministicVariant;
  private readonly space: BoxSpace;
  private readonly actor: Mlp;
  private readonly actorTarget: Mlp;
  private readonly critics: Critic[];
  private readonly targets: Critic[];
  private readonly actorOpt: Optimizer;
  private readonly criticOpt: Optimizer;
  private readonly lr: Schedule;
  private readonly n: number;
  private readonly policyDelay: number;
  private readonly targetNoise: number;
  private readonly targetNoiseClip: number;
  private readonly actionNoise: number;

  constructor(variant: DeterministicVariant, options: AgentOptions) {
    const hp =
      variant === "td3"
        ? resolveHyperparameters("td3", options.hyperparameters)
        : resolveHyperparameters("ddpg", options.hyperparameters);
    super(options, hp);
    this.algo = variant;
    this.space = requireBox(options.actionSpace, variant);
    this.n = this.space.size;
    this.lr = parseSchedule(hp.learning_rate, `${variant}.learning_rate`);
    this.policyDelay = hp.policy_delay;
    this.targetNoise = hp.target_policy_noise;
    this.targetNoiseClip = hp.target_noise_clip;
    this.actionNoise = hp.action_noise;
    const nCritics = hp.n_critics;
    const arch = [...hp.net_arch];
    const activation = hp.activation_fn;
    const d = options.observationSize;
    const rng = this.initRng;
    const actorConfig = {
      inputSize: d,
      hidden: arch,
      outputSize: this.n,
      activation,
      init: "fan_in_uniform",
    } as const;
    this.actor = this.store.addNetwork(new Mlp("actor", actorConfig, rng.fork("actor")));
    this.actorTarget = this.store.addNetwork(
      new Mlp("actor_target", actorConfig, rng.fork("actor")),
    );
    this.critics = createCritics("critic", nCritics, d, this.n, arch, activation, this.store, rng);
    this.targets = createCritics(
      "critic_target",
      nCritics,
      d,
      this.n,
      arch,
      activation,
      this.store,
      rng,
    );
    this.targets.forEach((t, i) => {
      t.net.updateFrom(this.critics[i]!.net, 1);
    });
    this.actorOpt = createOptimizer("adam", this.actor.variables);
    this.criticOpt = createOptimizer(
      "adam",
      this.critics.flatMap((c) => c.net.variables),
    );
    this.syncNetworks();
  }

  protected get storedActionSize(): number {
    return this.n;
  }

  protected randomAction(): { env: Action; stored: ArrayLike<number> } {
    const squashed = Float64Array.from({ length: this.n }, () => 2 * this.rng.next() - 1);
    return { env: unscaleAction(this.space, squashed), stored: squashed };
  }

  private policy(normObs: Float64Array): Float64Array {
    const out = this.actor.forward(normObs);
    return Float64Array.from({ length: this.n }, (_, i) => Math.tanh(out[i]!));
  }

  protected explore(normObs: Float64Array): { env: Action; stored: ArrayLike<number> } {
    const a = this.policy(normObs);
    for (let i = 0; i < this.n; i++)
      a[i] = Math.max(-1, Math.min(1, a[i]! + this.actionNoise * this.rng.normal()));
    return { env: unscaleAction(this.space, a), stored: a };
  }

  protected exploit(normObs: Float64Array): Action {
    return unscaleAction(this.space, this.policy(normObs));
  }

  protected trainStep(batch: ReplayBatch, progressRemaining: number): Record<string, number> {
    const m = batch.size;
    const d = this.options.observationSize;
    const lr = this.lr(progressRemaining);
    const gamma = this.common.gamma;
    const y = tf.tidy(() => {
      const next = tf.tensor2d(batch.nextObs, [m, d]);
      let nextActions = tf.tanh(this.actorTarget.apply(next));
      if (this.targetNoise > 0) {
        const noise = normalNoise(this.rng, m, this.n, this.targetNoise, this.targetNoiseClip);
        nextActions = tf.clipByValue(tf.add(nextActions, noise), -1, 1);
      }
      const minQ = this.targets
        .map((t) => t.apply(next, nextActions))
        .reduce((a, b) => tf.minimum(a, b));
      const notDone = tf.sub(1, tf.tensor1d(batch.dones));
      return tf
        .add(tf.tensor1d(batch.rewards), tf.mul(gamma, tf.mul(notDone, minQ)))
        .dataSync() as Float32Array;
    });
    const critic = computeGradients(
      this.critics.flatMap((c) => c.net.variables),
      () => {
        const obs = tf.tensor2d(batch.obs, [m, d]);
        const acts = tf.tensor2d(batch.actions, [m, this.n]);
        const target = tf.tensor1d(y);
        return tf.addN(
          this.critics.map((c) => tf.mean(tf.square(tf.sub(c.apply(obs, acts), target)))),
        ) as tf.Scalar;
      },
    );
    this.criticOpt.apply(critic.grads, lr);
    const losses: Record<string, number> = { critic_loss: critic.loss, learning_rate: lr };
    if ((this.nUpdates + 1) % this.policyDelay === 0) {
      const actor = computeGradients(this.actor.variables, () => {
        const obs = tf.tensor2d(batch.obs, [m, d]);
        return tf.neg(
          tf.mean(this.critics[0]!.apply(obs, tf.tanh(this.actor.apply(obs)))),
        ) as tf.Scalar;
      });
      this.actorOpt.apply(actor.grads, lr);
      losses.actor_loss = actor.loss;
      this.actorTarget.updateFrom(this.actor, this.common.tau);
      this.targets.forEach((t, i) => {
        t.net.updateFrom(this.critics[i]!.net, this.common.tau);
      });
    }
    return losses;
  }

  protected optimizers(): Record<string, Optimizer> {
    return { actor: this.actorOpt, critic: this.criticOpt };
  }

  protected syncNetworks(): void {
    this.actor.sync();
  }
}
