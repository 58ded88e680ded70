import type { Rng } from "../../core/rng.js";
import { type Tensor, tf } from "../backend/tf.js";
import type { BoxSpace } from "../envs/spaces.js";
import { type Activation, Mlp } from "../nn/mlp.js";
import type { ParameterStore } from "./parameter-store.js";

/** Maps a squashed action in [−1, 1] to the env's box (SB3's `unscale_action`). */
export function unscaleAction(space: BoxSpace, squashed: ArrayLike<number>): Float64Array {
  const out = new Float64Array(space.size);
  for (let i = 0; i < space.size; i++) {
    const lo = space.low[i]!;
    const hi = space.high[i]!;
    out[i] = lo + 0.5 * (squashed[i]! + 1) * (hi - lo);
  }
  return out;
}

export function requireBox(space: { kind: string }, algo: string): BoxSpace {
  if (space.kind !== "box") throw new RangeError(`${algo} needs a continuous (Box) action space`);
  const box = space as BoxSpace;
  for (let i = 0; i < box.size; i++) {
    if (!Number.isFinite(box.low[i]!) || !Number.isFinite(box.high[i]!)) {
      throw new RangeError(`${algo} needs a bounded action space`);
    }
  }
  return box;
}

/** Q(s, a) on the concatenation of observation and action (SB3's ContinuousCritic, one of `n_critics`). */
export class Critic {
  readonly net: Mlp;
  constructor(
    name: string,
    observationSize: number,
    actionSize: number,
    arch: readonly number[],
    activation: Activation,
    store: ParameterStore,
    rng: Rng,
  ) {
    this.net = store.addNetwork(
      new Mlp(
        name,
        {
          inputSize: observationSize + actionSize,
          hidden: arch,
          outputSize: 1,
          activation,
          init: "fan_in_uniform",
        },
        rng,
      ),
    );
  }

  apply(obs: Tensor, actions: Tensor): Tensor {
    return tf.squeeze(this.net.apply(tf.concat([obs, actions], 1)), [1]);
  }
}

/** Standard normal noise from the agent's seeded stream, as a tensor (no tfjs randomness). */
export function normalNoise(
  rng: Rng,
  rows: number,
  cols: number,
  scale = 1,
  clip?: number,
): Tensor {
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < values.length; i++) {
    let v = scale * rng.normal();
    if (clip !== undefined) v = Math.max(-clip, Math.min(clip, v));
    values[i] = v;
  }
  return tf.tensor2d(values, [rows, cols]);
}

/**
 * `count` critics named `<prefix>/<i>`, critic i initialised from the stream
 * `critic<i>`; online critics and their targets use the same streams, so each
 * target starts equal to its critic.
 */
export function createCritics(
  prefix: string,
  count: number,
  observationSize: number,
  actionSize: number,
  arch: readonly number[],
  activation: Activation,
  store: ParameterStore,
  rng: Rng,
): Critic[] {
  return Array.from(
    { length: count },
    (_, i) =>
      new Critic(
        `${prefix}/${i}`,
        observationSize,
        actionSize,
        arch,
        activation,
        store,
        rng.fork(`critic${i}`),
      ),
  );
}
