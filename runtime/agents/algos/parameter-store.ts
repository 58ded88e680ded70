import { tf, type Variable } from "../backend/tf.js";
import type { Mlp, MlpTopology } from "../nn/mlp.js";
import type { AgentSnapshot } from "./agent.js";

/**
 * The named trainable state of an agent: its networks and free variables.
 * Names are stable (`pi/0`, `pi/1`, `log_std`) so a snapshot restores into a
 * freshly built agent of the same configuration.
 */
export class ParameterStore {
  private readonly networks = new Map<string, Mlp>();
  private readonly free = new Map<string, Variable>();

  addNetwork(net: Mlp): Mlp {
    this.networks.set(net.name, net);
    return net;
  }

  addVariable(name: string, variable: Variable): Variable {
    this.free.set(name, variable);
    return variable;
  }

  topologies(): MlpTopology[] {
    return [...this.networks.values()].map((n) => n.topology);
  }

  named(): { name: string; variable: Variable }[] {
    const out: { name: string; variable: Variable }[] = [];
    for (const [name, net] of this.networks) {
      net.variables.forEach((variable, i) => {
        out.push({ name: `${name}/${i}`, variable });
      });
    }
    for (const [name, variable] of this.free) out.push({ name, variable });
    return out;
  }

  weights(): AgentSnapshot["weights"] {
    return this.named().map(({ name, variable }) => ({
      name,
      shape: [...variable.shape],
      values: Float32Array.from(variable.dataSync() as Float32Array),
    }));
  }

  restore(weights: AgentSnapshot["weights"]): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    for (const { name, variable } of this.named()) {
      const w = byName.get(name);
      if (!w) throw new Error(`saved model has no weights for "${name}"`);
      if (w.values.length !== variable.size) {
        throw new Error(
          `saved weights "${name}" have ${w.values.length} values, the network needs ${variable.size}`,
        );
      }
      const t = tf.tensor(w.values, variable.shape, "float32");
      variable.assign(t);
      t.dispose();
    }
    for (const net of this.networks.values()) net.sync();
  }

  syncAll(): void {
    for (const net of this.networks.values()) net.sync();
  }

  dispose(): void {
    for (const net of this.networks.values()) net.dispose();
    for (const v of this.free.values()) v.dispose();
  }
}
