import type { Agent, SerializedSpace } from "../algos/agent.js";
import { createAlgorithmRegistry } from "../algos/registry.js";
import { box, discrete, type Space } from "../envs/spaces.js";
import { loadSnapshot, type ModelMetadata } from "./model-io.js";

export function deserializeSpace(space: SerializedSpace): Space {
  return space.kind === "discrete" ? discrete(space.n) : box(space.low, space.high);
}

/**
 * Loads a saved agent (any algorithm) from a model folder written by
 * `saveSnapshot`: ready to `predict`, and to continue training when given an
 * env factory later. Call `initBackend` first to choose the backend.
 */
export async function loadAgent(dir: string): Promise<{ agent: Agent; metadata: ModelMetadata }> {
  const { snapshot, metadata } = await loadSnapshot(dir);
  const entry = createAlgorithmRegistry().get(snapshot.algo);
  const agent = entry.create({
    observationSize: snapshot.observationSize,
    actionSpace: deserializeSpace(snapshot.actionSpace),
    hyperparameters: snapshot.hyperparameters,
    seed: 0,
  });
  agent.restore(snapshot);
  return { agent, metadata };
}
