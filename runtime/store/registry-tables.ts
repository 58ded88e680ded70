/**
 * The model registry's tables (migrations 0006-registry, 0007-registry-order), used when the
 * registry's metadata lives in the tracking store (runtime/registry/store-backend.ts).
 * Artifacts stay content-addressed folders under the registry folder; these
 * rows name them by hash. Documented in docs/store.md.
 */

export interface ModelsTable {
  /** The model name (checked by runtime/registry/refs.ts checkModelName). */
  name: string;
  created_at: string;
  description: string | null;
}

export interface ModelVersionsTable {
  model: string;
  /** 1, 2, … per model, assigned in the registering transaction. */
  version: number;
  /** sha256 content hash of the artifact folder `artifacts/<xx>/<hash>`. */
  artifact: string;
  artifact_bytes: number;
  created_at: string;
  description: string | null;
  /** Lineage (run id, spec/data hashes, code version, seed, parent) as JSON text. */
  lineage: string;
  /** Metric name → number, as JSON text. */
  metrics: string;
}

/** A movable name for a version (champion → 3); removed with its version. */
export interface ModelAliasesTable {
  model: string;
  alias: string;
  version: number;
  /** The order the model's aliases were first set in, 1, 2, … (migration 0007; 0 before it). */
  position: number;
}

/** Tags of a model (`version` 0) or of one of its versions. */
export interface ModelTagsTable {
  model: string;
  version: number;
  key: string;
  value: string;
  /** The order the tags of this model or version were first set in, 1, 2, … (migration 0007; 0 before it). */
  position: number;
}

export interface RegistryTables {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  model_aliases: ModelAliasesTable;
  model_tags: ModelTagsTable;
}
