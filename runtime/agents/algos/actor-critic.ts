import type { Rng } from "../../core/rng.js";
import { type Tensor, tf, type Variable } from "../backend/tf.js";
import type { Action, Space } from "../envs/spaces.js";
import { type Activation, Mlp } from "../nn/mlp.js";
import { argmax, gaussianLogProb, logSoftmax, sampleCategorical } from "./categorical.js";
import type { ParameterStore } from "./parameter-store.js";

export interface ActorCriticConfig {
  readonly observationSize: number;
  readonly actionSpace: Space;
  readonly piArch: readonly number[];
  readonly vfArch: readonly number[];
  readonly activation: Activation;
  readonly logStdInit: number;
}

export interface ActResult {
  action: Action;
  /** The raw (unclipped) action for continuous spaces, stored for the log-probability. */
  rawAction: Float64Array | null;
  logProb: number;
  value: number;
}

/**
 * SB3's ActorCriticPolicy: separate policy and value MLPs (orthogonal init,
 * gains √2 / 0.01 / 1), categorical or diagonal-Gaussian action distribution
 * with a state-independent log standard deviation.
 */
export class ActorCritic {
  readonly pi: Mlp;
  readonly vf: Mlp;
  readonly logStd: Variable | null;
  private logStdCache: Float64Array;
  private readonly logProbs: Float64Array;
  readonly discrete: boolean;
  readonly actionSize: number;

  constructor(
    readonly config: ActorCriticConfig,
    store: ParameterStore,
    rng: Rng,
  ) {
    const space = config.actionSpace;
    this.discrete = space.kind === "discrete";
    this.actionSize = space.kind === "discrete" ? space.n : space.size;
    this.pi = store.addNetwork(
      new Mlp(
        "pi",
        {
          inputSize: config.observationSize,
          hidden: config.piArch,
          outputSize: this.actionSize,
          activation: config.activation,
          init: "orthogonal",
          outputGain: 0.01,
        },
        rng.fork("pi"),
      ),
    );
    this.vf = store.addNetwork(
      new Mlp(
        "vf",
        {
          inputSize: config.observationSize,
          hidden: config.vfArch,
          outputSize: 1,
          activation: config.activation,
          init: "orthogonal",
          outputGain: 1,
        },
        rng.fork("vf"),
      ),
    );
    this.logStdCache = new Float64Array(this.discrete ? 0 : this.actionSize).fill(
      config.logStdInit,
    );
    this.logStd = this.discrete
      ? null
      : store.addVariable(
          "log_std",
          tf.variable(tf.fill([this.actionSize], config.logStdInit), true),
        );
    this.logProbs = new Float64Array(this.actionSize);
  }

  sync(): void {
    this.pi.sync();
    this.vf.sync();
    if (this.logStd) this.logStdCache = Float64Array.from(this.logStd.dataSync() as Float32Array);
  }

  value(obs: Float64Array, offset = 0): number {
    return this.vf.forward(obs, offset)[0]!;
  }

  /** Samples (or, deterministically, takes the mode of) the policy for one observation. */
  act(obs: Float64Array, offset: number, rng: Rng | null, withValue = true): ActResult {
    const out = this.pi.forward(obs, offset);
    const value = withValue ? this.value(obs, offset) : 0;
    if (this.discrete) {
      logSoftmax(out, this.actionSize, this.logProbs);
      const action = rng
        ? sampleCategorical(this.logProbs, this.actionSize, rng)
        : argmax(out, this.actionSize);
      return { action, rawAction: null, logProb: this.logProbs[action]!, value };
    }
    const raw = new Float64Array(this.actionSize);
    for (let i = 0; i < this.actionSize; i++) {
      raw[i] = rng ? out[i]! + Math.exp(this.logStdCache[i]!) * rng.normal() : out[i]!;
    }
    return {
      action: raw,
      rawAction: raw,
      logProb: gaussianLogProb(raw, out, this.logStdCache, this.actionSize),
      value,
    };
  }

  /** Log-probabilities and entropies of `actions` under the current policy, as tensors. */
  evaluate(obs: Tensor, actions: Tensor): { logProb: Tensor; entropy: Tensor } {
    const out = this.pi.apply(obs);
    if (this.discrete) {
      const logp = tf.logSoftmax(out);
      const logProb = tf.sum(tf.mul(logp, tf.oneHot(actions as tf.Tensor1D, this.actionSize)), 1);
      const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1));
      return { logProb, entropy };
    }
    const logStd = this.logStd!;
    const z = tf.div(tf.sub(actions, out), tf.exp(logStd));
    const logProb = tf.sum(
      tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), logStd), 0.5 * Math.log(2 * Math.PI)),
      1,
    );
    const entropy = tf.mul(
      tf.ones([obs.shape[0]!]),
      tf.sum(tf.add(logStd, 0.5 + 0.5 * Math.log(2 * Math.PI))),
    );
    return { logProb, entropy };
  }

  values(obs: Tensor): Tensor {
    return tf.squeeze(this.vf.apply(obs), [1]);
  }
}
