import type { GarbageOptions, GarbageReport } from "./gc.js";
import type { RegisterModelInput } from "./registry.js";
import type { ModelVersion, RegisteredModel } from "./types.js";
import type { VersionComparison, VersionFilter } from "./version-queries.js";

/** Where a registry keeps its metadata: registry.json (embedded) or the tracking store (shared). */
export type RegistryBackendKind = "lowdb" | "store";

export const REGISTRY_BACKEND_KINDS: readonly RegistryBackendKind[] = ["lowdb", "store"];

/**
 * The model registry as the server, the CLI and the register stage use it,
 * whatever holds its metadata. Artifacts are always content-addressed folders
 * under `root` (a folder every host sharing the registry sees); names,
 * versions, aliases, tags, metrics and lineage live in the backend. Every
 * implementation checks names with runtime/registry/refs.ts and reports
 * problems with the same catalog messages; the contract suite
 * (test/registry/backend-contract.ts) runs against each.
 */
export interface RegistryBackend {
  readonly kind: RegistryBackendKind;
  /** The registry folder: artifacts, and the server's keys and audit log beside them. */
  readonly root: string;
  /** Stores the artifact and records the next version (1, 2, …) of `input.name`. */
  registerModel(input: RegisterModelInput): Promise<ModelVersion>;
  /** Every model, sorted by name. */
  listModels(): Promise<RegisteredModel[]>;
  getModel(name: string): Promise<RegisteredModel>;
  /** A version by number, alias or "latest". */
  getVersion(name: string, ref: string | number): Promise<ModelVersion>;
  /** The folder holding a version's files (read-only by convention). */
  artifactDir(version: Pick<ModelVersion, "artifact">): string;
  setAlias(name: string, alias: string, ref: string | number): Promise<ModelVersion>;
  removeAlias(name: string, alias: string): Promise<void>;
  /** Tags the model (`ref` undefined) or one of its versions. */
  setTag(name: string, ref: string | number | undefined, key: string, value: string): Promise<void>;
  compareVersions(name: string, a: string | number, b: string | number): Promise<VersionComparison>;
  searchVersions(filter?: VersionFilter): Promise<{ name: string; version: ModelVersion }[]>;
  /** Deletes one version (or the whole model) and removes artifacts no version references any more. */
  delete(
    name: string,
    ref?: string | number,
  ): Promise<{ removedVersions: number[]; freedArtifacts: number }>;
  /** Removes unreferenced artifacts and stale temporary leftovers older than `minAgeMs`. */
  gc(options?: GarbageOptions): Promise<GarbageReport>;
  /** How many models there are; throws when the metadata cannot be read (readiness). */
  countModels(): Promise<number>;
  /** Releases what the backend opened (not a store it was handed). */
  close(): Promise<void>;
}

/**
 * How a run opens the registry it registers into when the metadata is not the
 * embedded registry.json: given the registry folder (the spec's
 * `register.registry`, a server's workspace registry, or the default), the
 * backend over it. The caller (the CLI, a server job) chooses the backend and
 * the store; the runtime never reads the environment or opens a store on its
 * own. The register stage closes what it opened.
 */
export type OpenRegistry = (root: string) => Promise<RegistryBackend>;
