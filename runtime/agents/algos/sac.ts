import { tf, type Variable } from "../backend/tf.js";
import { hyperparametersMessages } from "../../messages/hyperparameters.js";
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

const LOG_STD_MIN = -20;
const LOG_STD_MAX = 2;

/** Parses `ent_coef`: a number (fixed), `auto` (learned from 1.0) or `auto_0.1` (learned from 0.1). */
export function parseEntCoef(value: string | number): { learn: boolean; initial: number } {
  if (typeof value === "number") return { learn: false, initial: value };
  if (value === "auto") return { learn: true, initial: 1 };
  const m = /^auto_([0-9.eE+-]+)$/.exec(value);
  if (m && Number(m[1]) > 0) return { learn: true, initial: Number(m[1]) };
  throw new RangeError(hyperparametersMessages.sacEntCoef(value));
}

/**
 * Soft Actor-Critic (Haarnoja et al. 2018) as in SB3: tanh-squashed Gaussian
 * actor, twin critics with Polyak-averaged targets, automatic entropy
 * tuning towards −dim(A).
 */
export class SacAgent extends OffPolicyAgent {
  readonly algo = "sac";
  private readonly space: BoxSpace;
  private readonly actor: Mlp;
  private readonly critics: Critic[];
  private readonly targets: Critic[];
  private readonly logAlpha: Variable;
  private readonly actorOpt: Optimizer;
  private readonly criticOpt: Optimizer;
  private readonly alphaOpt: Optimizer | null;
  private readonly lr: Schedule;
  private readonly targetEntropy: number;
  private readonly targetUpdateInterval: number;
  private readonly n: number;

  constructor(options: AgentOptions) {
    const hp = resolveHyperparameters("sac", options.hyperparameters);
    super(options, hp);
    this.space = requireBox(options.actionSpace, "sac");
    this.n = this.space.size;
    this.lr = parseSchedule(hp.learning_rate, "sac.learning_rate");
    const ent = parseEntCoef(hp.ent_coef);
    const target = hp.target_entropy;
    this.targetEntropy = typeof target === "number" ? target : -this.n;
    this.targetUpdateInterval = hp.target_update_interval;
    const arch = [...hp.net_arch];
    const activation = hp.activation_fn;
    const nCritics = hp.n_critics;
    const d = options.observationSize;
    const rng = this.initRng;
    this.actor = this.store.addNetwork(
      new Mlp(
        "actor",
        { inputSize: d, hidden: arch, outputSize: 2 * this.n, activation, init: "fan_in_uniform" },
        rng.fork("actor"),
      ),
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
    this.logAlpha = this.store.addVariable(
      "log_ent_coef",
      tf.variable(tf.scalar(Math.log(ent.initial)), ent.learn),
    );
    this.actorOpt = createOptimizer("adam", this.actor.variables);
    this.criticOpt = createOptimizer(
      "adam",
      this.critics.flatMap((c) => c.net.variables),
    );
    this.alphaOpt = ent.learn ? createOptimizer("adam", [this.logAlpha]) : null;
    this.syncNetworks();
  }

  protected get storedActionSize(): number {
    return this.n;
  }

  protected randomAction(): { env: Action; stored: ArrayLike<number> } {
    const squashed = Float64Array.from({ length: this.n }, () => 2 * this.rng.next() - 1);
    return { env: unscaleAction(this.space, squashed), stored: squashed };
  }

  protected explore(normObs: Float64Array): { env: Action; stored: ArrayLike<number> } {
    const out = this.actor.forward(normObs);
    const squashed = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const logStd = Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, out[this.n + i]!));
      squashed[i] = Math.tanh(out[i]! + Math.exp(logStd) * this.rng.normal());
    }
    return { env: unscaleAction(this.space, squashed), stored: squashed };
  }

  protected exploit(normObs: Float64Array): Action {
    const out = this.actor.forward(normObs);
    return unscaleAction(
      this.space,
      Float64Array.from({ length: this.n }, (_, i) => Math.tanh(out[i]!)),
    );
  }

  /** Reparameterised tanh-Gaussian sample and its log-probability (with the tanh correction). */
  private sample(obs: tf.Tensor, rows: number): { actions: tf.Tensor; logProb: tf.Tensor } {
    const out = this.actor.apply(obs);
    const mean = tf.slice(out, [0, 0], [rows, this.n]);
    const logStd = tf.clipByValue(
      tf.slice(out, [0, this.n], [rows, this.n]),
      LOG_STD_MIN,
      LOG_STD_MAX,
    );
    const eps = normalNoise(this.rng, rows, this.n);
    const u = tf.add(mean, tf.mul(tf.exp(logStd), eps));
    const actions = tf.tanh(u);
    const gaussian = tf.sub(
      tf.sub(tf.mul(-0.5, tf.square(eps)), logStd),
      0.5 * Math.log(2 * Math.PI),
    );
    const correction = tf.log(tf.add(tf.sub(1, tf.square(actions)), 1e-6));
    return { actions, logProb: tf.sum(tf.sub(gaussian, correction), 1) };
  }

  protected trainStep(batch: ReplayBatch, progressRemaining: number): Record<string, number> {
    const m = batch.size;
    const d = this.options.observationSize;
    const lr = this.lr(progressRemaining);
    const alpha = Math.exp(this.logAlpha.dataSync()[0]!);
    const gamma = this.common.gamma;
    const y = tf.tidy(() => {
      const next = tf.tensor2d(batch.nextObs, [m, d]);
      const { actions, logProb } = this.sample(next, m);
      const qs = this.targets.map((t) => t.apply(next, actions));
      const minQ = qs.reduce((a, b) => tf.minimum(a, b));
      const soft = tf.sub(minQ, tf.mul(alpha, logProb));
      const notDone = tf.sub(1, tf.tensor1d(batch.dones));
      return tf
        .add(tf.tensor1d(batch.rewards), tf.mul(gamma, tf.mul(notDone, soft)))
        .dataSync() as Float32Array;
    });
    const obsData = batch.obs;
    const critic = computeGradients(
      this.critics.flatMap((c) => c.net.variables),
      () => {
        const obs = tf.tensor2d(obsData, [m, d]);
        const acts = tf.tensor2d(batch.actions, [m, this.n]);
        const target = tf.tensor1d(y);
        const losses = this.critics.map((c) =>
          tf.mean(tf.square(tf.sub(c.apply(obs, acts), target))),
        );
        return tf.mul(0.5, tf.addN(losses)) as tf.Scalar;
      },
    );
    this.criticOpt.apply(critic.grads, lr);
    let logProbMean = 0;
    const actor = computeGradients(this.actor.variables, () => {
      const obs = tf.tensor2d(obsData, [m, d]);
      const { actions, logProb } = this.sample(obs, m);
      const qs = this.critics.map((c) => c.apply(obs, actions));
      const minQ = qs.reduce((a, b) => tf.minimum(a, b));
      logProbMean = tf.mean(logProb).dataSync()[0]!;
      return tf.mean(tf.sub(tf.mul(alpha, logProb), minQ)) as tf.Scalar;
    });
    this.actorOpt.apply(actor.grads, lr);
    if (this.alphaOpt) {
      // d/d(log α) of −log α · (log π + H̄) averaged over the batch.
      this.alphaOpt.apply([Float32Array.of(-(logProbMean + this.targetEntropy))], lr);
    }
    if ((this.nUpdates + 1) % this.targetUpdateInterval === 0) {
      this.targets.forEach((t, i) => {
        t.net.updateFrom(this.critics[i]!.net, this.common.tau);
      });
    }
    return { critic_loss: critic.loss, actor_loss: actor.loss, ent_coef: alpha, learning_rate: lr };
  }

  protected optimizers(): Record<string, Optimizer> {
    return {
      actor: this.actorOpt,
      critic: this.criticOpt,
      ...(this.alphaOpt ? { ent_coef: this.alphaOpt } : {}),
    };
  }

  protected syncNetworks(): void {
    this.actor.sync();
  }
}
