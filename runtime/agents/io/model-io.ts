import type { AgentSnapshot } from "../algos/agent.js";
import type { tf } from "../backend/tf.js";
import type { OptimizerState } from "../nn/optimizers.js";
import { fileIOHandler } from "./file-io-handler.js";

/** Extra, non-weight content saved with a model (the spec section, backend, training summary). */
export type ModelMetadata = Record<string, unknown>;

interface OptimizerMeta {
  type: OptimizerState["type"];
  step: number;
  slots: number;
  variables: number;
}

/** Packs an agent snapshot into tfjs model artifacts: weights and optimizer slots in one binary. */
export function snapshotToArtifacts(
  snapshot: AgentSnapshot,
  metadata: ModelMetadata = {},
): tf.io.ModelArtifacts {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const arrays: Float32Array[] = [];
  for (const w of snapshot.weights) {
    specs.push({ name: w.name, shape: w.shape, dtype: "float32", group: "model" });
    arrays.push(w.values);
  }
  const optimizerMeta: Record<string, OptimizerMeta> = {};
  for (const [name, state] of Object.entries(snapshot.optimizers)) {
    optimizerMeta[name] = {
      type: state.type,
      step: state.step,
      slots: state.slots.length,
      variables: state.slots[0]?.length ?? 0,
    };
    state.slots.forEach((group, s) => {
      group.forEach((values, v) => {
        specs.push({
          name: `optimizer/${name}/${s}/${v}`,
          shape: [values.length],
          dtype: "float32",
          group: "optimizer",
        });
        arrays.push(values);
      });
    });
  }
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const a of arrays) {
    data.set(a, offset);
    offset += a.length;
  }
  return {
    format: "drlwb-agent",
    modelTopology: {
      algo: snapshot.algo,
      observationSize: snapshot.observationSize,
      actionSpace: snapshot.actionSpace,
      networks: snapshot.networks,
    } as unknown as tf.io.ModelArtifacts["modelTopology"],
    weightSpecs: specs,
    weightData: data.buffer,
    userDefinedMetadata: {
      hyperparameters: snapshot.hyperparameters,
      observationStats: snapshot.observationStats,
      rewardStats: snapshot.rewardStats,
      numTimesteps: snapshot.numTimesteps,
      counters: snapshot.counters,
      optimizers: optimizerMeta,
      metadata,
    } as unknown as tf.io.ModelArtifacts["userDefinedMetadata"],
  };
}

export function artifactsToSnapshot(artifacts: tf.io.ModelArtifacts): {
  snapshot: AgentSnapshot;
  metadata: ModelMetadata;
} {
  const topology = artifacts.modelTopology as unknown as Pick<
    AgentSnapshot,
    "algo" | "observationSize" | "actionSpace" | "networks"
  >;
  const meta = (artifacts.userDefinedMetadata ?? {}) as unknown as {
    hyperparameters: AgentSnapshot["hyperparameters"];
    observationStats: AgentSnapshot["observationStats"];
    rewardStats: AgentSnapshot["rewardStats"];
    numTimesteps: number;
    counters: Record<string, number>;
    optimizers: Record<string, OptimizerMeta>;
    metadata: ModelMetadata;
  };
  const buffer = Array.isArray(artifacts.weightData)
    ? artifacts.weightData[0]!
    : artifacts.weightData!;
  const all = new Float32Array(buffer);
  const byName = new Map<string, Float32Array>();
  const weights: { name: string; shape: number[]; values: Float32Array }[] = [];
  let offset = 0;
  for (const spec of artifacts.weightSpecs ?? []) {
    const size = spec.shape.reduce((n, s) => n * s, 1);
    const values = all.slice(offset, offset + size);
    offset += size;
    if (spec.group === "optimizer") byName.set(spec.name, values);
    else weights.push({ name: spec.name, shape: spec.shape, values });
  }
  const optimizers: Record<string, OptimizerState> = {};
  for (const [name, o] of Object.entries(meta.optimizers ?? {})) {
    const slots = Array.from({ length: o.slots }, (_, s) =>
      Array.from(
        { length: o.variables },
        (_, v) => byName.get(`optimizer/${name}/${s}/${v}`) ?? new Float32Array(0),
      ),
    );
    optimizers[name] = { type: o.type, step: o.step, slots };
  }
  return {
    snapshot: {
      ...topology,
      hyperparameters: meta.hyperparameters,
      weights,
      optimizers,
      observationStats: meta.observationStats,
      rewardStats: meta.rewardStats,
      numTimesteps: meta.numTimesteps,
      counters: meta.counters,
    },
    metadata: meta.metadata ?? {},
  };
}

/** Saves a snapshot (weights, optimizer state, normalization statistics, metadata) to a folder. */
export async function saveSnapshot(
  dir: string,
  snapshot: AgentSnapshot,
  metadata: ModelMetadata = {},
): Promise<void> {
  await fileIOHandler(dir).save!(snapshotToArtifacts(snapshot, metadata));
}

export async function loadSnapshot(
  dir: string,
): Promise<{ snapshot: AgentSnapshot; metadata: ModelMetadata }> {
  return artifactsToSnapshot(await fileIOHandler(dir).load!());
}
