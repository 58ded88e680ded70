import type { Rng } from "../../core/rng.js";
import { type Tensor, tf } from "../backend/tf.js";
import { type Activation, Mlp } from "../nn/mlp.js";
import type { ParameterStore } from "./parameter-store.js";

/**
 * Q(s, ·) for discrete actions: a plain MLP, or the dueling architecture
 * (Wang et al. 2016) Q = V(s) + A(s, a) − mean_a A(s, a) over a shared body.
 */
export class QNetwork {
  private readonly body: Mlp;
  private readonly value: Mlp | null;
  private readonly advantage: Mlp | null;
  private readonly q: Float64Array;

  constructor(
    prefix: string,
    readonly observationSize: number,
    readonly actions: number,
    arch: readonly number[],
    readonly activation: Activation,
    readonly dueling: boolean,
    store: ParameterStore,
    rng: Rng,
  ) {
    this.q = new Float64Array(actions);
    const mlp = (
      name: string,
      inputSize: number,
      hidden: readonly number[],
      outputSize: number,
    ): Mlp =>
      store.addNetwork(
        new Mlp(
          `${prefix}${name}`,
          { inputSize, hidden, outputSize, activation, init: "fan_in_uniform" },
          rng.fork(name),
        ),
      );
    if (!dueling || arch.length === 0) {
      this.body = mlp("q", observationSize, arch, actions);
      this.value = null;
      this.advantage = null;
    } else {
      const last = arch[arch.length - 1]!;
      this.body = mlp("body", observationSize, arch.slice(0, -1), last);
      this.value = mlp("value", last, [], 1);
      this.advantage = mlp("advantage", last, [], actions);
    }
  }

  private act(h: Tensor): Tensor {
    return this.activation === "tanh" ? tf.tanh(h) : tf.relu(h);
  }

  apply(x: Tensor): Tensor {
    if (!this.value || !this.advantage) return this.body.apply(x);
    const h = this.act(this.body.apply(x));
    const a = this.advantage.apply(h);
    return tf.add(this.value.apply(h), tf.sub(a, tf.mean(a, 1, true)));
  }

  /** Q-values of one observation (typed-array forward). */
  forward(obs: Float64Array): Float64Array {
    const out = this.body.forward(obs);
    if (!this.value || !this.advantage) {
      this.q.set(out);
      return this.q;
    }
    const tanh = this.activation === "tanh";
    const h = Float64Array.from(out, (v) => (tanh ? Math.tanh(v) : Math.max(v, 0)));
    const v = this.value.forward(h)[0]!;
    const a = this.advantage.forward(h);
    let mean = 0;
    for (let i = 0; i < this.actions; i++) mean += a[i]!;
    mean /= this.actions;
    for (let i = 0; i < this.actions; i++) this.q[i] = v + a[i]! - mean;
    return this.q;
  }

  networks(): Mlp[] {
    return [
      this.body,
      ...(this.value ? [this.value] : []),
      ...(this.advantage ? [this.advantage] : []),
    ];
  }

  sync(): void {
    for (const n of this.networks()) n.sync();
  }

  updateFrom(source: QNetwork, tau: number): void {
    const mine = this.networks();
    source.networks().forEach((n, i) => {
      mine[i]!.updateFrom(n, tau);
    });
  }
}
