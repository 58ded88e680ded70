import { tf, type Variable } from "../backend/tf.js";

/** Serializable optimizer state (moments per variable, step count). */
export interface OptimizerState {
  readonly type: "adam" | "rmsprop";
  readonly step: number;
  readonly slots: readonly (readonly Float32Array[])[];
}

export interface Optimizer {
  readonly type: OptimizerState["type"];
  /**
   * Applies one update from `grads` (one per variable, same order) at learning
   * rate `lr`, after clipping the global gradient norm to `maxGradNorm` when set.
   * Returns the gradient norm before clipping.
   */
  apply(grads: readonly Float32Array[], lr: number): number;
  state(): OptimizerState;
  restore(state: OptimizerState): void;
}

export interface OptimizerOptions {
  readonly maxGradNorm?: number;
  readonly eps?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  /** RMSprop decay α. */
  readonly alpha?: number;
}

function globalNorm(grads: readonly Float32Array[]): number {
  let sq = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!;
  return Math.sqrt(sq);
}

function writeBack(variables: readonly Variable[], params: readonly Float32Array[]): void {
  variables.forEach((v, i) => {
    // A copy: the CPU backend keeps the array it is given as the tensor's storage, and `params`
    // is updated in place at the next step. Without it, a variable sharing this storage (a DQN
    // target network after a hard copy, `assign` shares data) would silently follow the online one.
    const t = tf.tensor(params[i]!.slice(), v.shape, "float32");
    v.assign(t);
    t.dispose();
  });
}

/**
 * Adam (Kingma & Ba) and RMSprop (PyTorch's formulation, as SB3's A2C uses)
 * applied in plain typed arrays to gradients computed by tfjs. Doing the
 * element-wise update in JavaScript keeps the update exactly reproducible on
 * every backend and the state trivially serializable.
 */
export function createOptimizer(
  type: OptimizerState["type"],
  variables: readonly Variable[],
  options: OptimizerOptions = {},
): Optimizer {
  const params = variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  const slotCount = type === "adam" ? 2 : 1;
  let slots = Array.from({ length: slotCount }, () =>
    variables.map((v) => new Float32Array(v.size)),
  );
  let step = 0;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const alpha = options.alpha ?? 0.99;
  const eps = options.eps ?? (type === "adam" ? 1e-8 : 1e-5);
  return {
    type,
    apply(grads, lr) {
      const norm = globalNorm(grads);
      const scale =
        options.maxGradNorm !== undefined && norm > options.maxGradNorm
          ? options.maxGradNorm / (norm + 1e-6)
          : 1;
      step++;
      // Re-read parameters: another writer (target copy, restore) may have changed them.
      variables.forEach((v, i) => {
        params[i]!.set(v.dataSync() as Float32Array);
      });
      if (type === "adam") {
        const bc1 = 1 - beta1 ** step;
        const bc2 = 1 - beta2 ** step;
        const stepSize = lr / bc1;
        grads.forEach((g, k) => {
          const p = params[k]!;
          const m = slots[0]![k]!;
          const s = slots[1]![k]!;
          for (let i = 0; i < g.length; i++) {
            const gi = g[i]! * scale;
            m[i] = beta1 * m[i]! + (1 - beta1) * gi;
            s[i] = beta2 * s[i]! + (1 - beta2) * gi * gi;
            p[i] = p[i]! - (stepSize * m[i]!) / (Math.sqrt(s[i]! / bc2) + eps);
          }
        });
      } else {
        grads.forEach((g, k) => {
          const p = params[k]!;
          const s = slots[0]![k]!;
          for (let i = 0; i < g.length; i++) {
            const gi = g[i]! * scale;
            s[i] = alpha * s[i]! + (1 - alpha) * gi * gi;
            p[i] = p[i]! - (lr * gi) / (Math.sqrt(s[i]!) + eps);
          }
        });
      }
      writeBack(variables, params);
      return norm;
    },
    state: () => ({
      type,
      step,
      slots: slots.map((group) => group.map((a) => Float32Array.from(a))),
    }),
    restore(state) {
      if (state.type !== type)
        throw new Error(`optimizer state is ${state.type}, expected ${type}`);
      step = state.step;
      slots = state.slots.map((group) => group.map((a) => Float32Array.from(a)));
    },
  };
}

/**
 * Gradients of `lossFn` with respect to `variables` as Float32Arrays, and the
 * loss value. `lossFn` runs inside tfjs' gradient tape; intermediate tensors
 * are released.
 */
export function computeGradients(
  variables: readonly Variable[],
  lossFn: () => tf.Scalar,
): { loss: number; grads: Float32Array[] } {
  const { value, grads } = tf.variableGrads(lossFn, variables as Variable[]);
  const out = variables.map((v) => {
    const g = grads[v.name];
    return g ? (g.dataSync() as Float32Array).slice() : new Float32Array(v.size);
  });
  const loss = value.dataSync()[0]!;
  tf.dispose([value, ...Object.values(grads)]);
  return { loss, grads: out };
}
