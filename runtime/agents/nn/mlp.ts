import type { Rng } from "../../core/rng.js";
import { type Tensor, tf, type Variable } from "../backend/tf.js";
import { fanInUniform, orthogonal } from "./initializers.js";

export type Activation = "tanh" | "relu";
export type Initializer = "orthogonal" | "fan_in_uniform";

export interface MlpConfig {
  readonly inputSize: number;
  readonly hidden: readonly number[];
  readonly outputSize: number;
  readonly activation: Activation;
  readonly init: Initializer;
  /** Gain of the output layer for orthogonal init (SB3: 0.01 policy, 1 value). */
  readonly outputGain?: number;
}

/** Serializable description of one MLP (its "topology"). */
export interface MlpTopology extends MlpConfig {
  readonly name: string;
}

/**
 * A multilayer perceptron whose weights are tfjs variables (for training with
 * gradients) mirrored into Float64Arrays for a plain typed-array forward pass:
 * acting and inference run per observation, where tfjs' per-op overhead costs
 * more than the arithmetic. Call `sync()` after the variables change.
 */
export class Mlp {
  readonly variables: Variable[];
  private readonly sizes: number[];
  private readonly cache: Float64Array[];
  private readonly scratch: Float64Array[];

  constructor(
    readonly name: string,
    readonly config: MlpConfig,
    rng: Rng,
  ) {
    this.sizes = [config.inputSize, ...config.hidden, config.outputSize];
    this.variables = [];
    this.cache = [];
    this.scratch = [];
    const layers = this.sizes.length - 1;
    for (let l = 0; l < layers; l++) {
      const rows = this.sizes[l]!;
      const cols = this.sizes[l + 1]!;
      const isOutput = l === layers - 1;
      const weights =
        config.init === "orthogonal"
          ? orthogonal(rows, cols, isOutput ? (config.outputGain ?? 1) : Math.SQRT2, rng)
          : fanInUniform(rows, cols, rng);
      const bias =
        config.init === "orthogonal" ? new Float32Array(cols) : fanInUniform(rows, cols, rng, cols);
      this.variables.push(tf.variable(tf.tensor2d(weights, [rows, cols]), true));
      this.variables.push(tf.variable(tf.tensor1d(Float32Array.from(bias)), true));
      this.cache.push(Float64Array.from(weights), Float64Array.from(bias));
      this.scratch.push(new Float64Array(cols));
    }
  }

  get topology(): MlpTopology {
    return { name: this.name, ...this.config };
  }

  get outputSize(): number {
    return this.config.outputSize;
  }

  /** Forward pass on a batch as tfjs ops (inside a gradient scope when training). */
  apply(x: Tensor): Tensor {
    let h = x;
    const layers = this.sizes.length - 1;
    for (let l = 0; l < layers; l++) {
      const hidden = l < layers - 1;
      const relu = hidden && this.config.activation === "relu";
      h = tf.add(tf.matMul(h, this.variables[2 * l]!), this.variables[2 * l + 1]!);
      if (relu) h = tf.relu(h);
      if (hidden && !relu) h = tf.tanh(h);
    }
    return h;
  }

  /** Copies the variables' current values into the typed-array mirror. */
  sync(): void {
    this.variables.forEach((v, i) => {
      this.cache[i]!.set(v.dataSync() as Float32Array);
    });
  }

  /**
   * Typed-array forward pass for one input vector (read from `input` at
   * `offset`); returns a buffer owned by the network (overwritten next call).
   */
  forward(input: ArrayLike<number>, offset = 0): Float64Array {
    const layers = this.sizes.length - 1;
    const tanh = this.config.activation === "tanh";
    let inp: ArrayLike<number> = input;
    let inOffset = offset;
    for (let l = 0; l < layers; l++) {
      const rows = this.sizes[l]!;
      const cols = this.sizes[l + 1]!;
      const w = this.cache[2 * l]!;
      const b = this.cache[2 * l + 1]!;
      const out = this.scratch[l]!;
      out.set(b);
      for (let i = 0; i < rows; i++) {
        const xi = inp[inOffset + i]!;
        if (xi === 0) continue;
        const rowStart = i * cols;
        for (let j = 0; j < cols; j++) out[j]! += xi * w[rowStart + j]!;
      }
      if (l < layers - 1) {
        if (tanh) for (let j = 0; j < cols; j++) out[j] = Math.tanh(out[j]!);
        else for (let j = 0; j < cols; j++) out[j] = Math.max(out[j]!, 0);
      }
      inp = out;
      inOffset = 0;
    }
    return this.scratch[layers - 1]!;
  }

  /** Copies weights from `source` (same shape): τ = 1 hard copy, else Polyak averaging. */
  updateFrom(source: Mlp, tau = 1): void {
    tf.tidy(() => {
      this.variables.forEach((v, i) => {
        const s = source.variables[i]!;
        v.assign(tau === 1 ? s : tf.add(tf.mul(s, tau), tf.mul(v, 1 - tau)));
      });
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
