import type { RegistryBackend } from "./backend.js";
import type { GarbageOptions } from "./gc.js";
import { type RegisterModelInput, ModelRegistry } from "./registry.js";
import type { ModelVersion } from "./types.js";
import type { VersionFilter } from "./version-queries.js";

/**
 * The embedded default: the lowdb registry (registry.json under the registry
 * folder, changed under its cross-process lock) behind the async interface.
 */
export class LowdbRegistryBackend implements RegistryBackend {
  readonly kind = "lowdb";

  constructor(readonly registry: ModelRegistry) {}

  get root(): string {
    return this.registry.root;
  }

  async registerModel(input: RegisterModelInput) {
    return this.registry.registerModel(input);
  }

  async listModels() {
    return this.registry.listModels();
  }

  async getModel(name: string) {
    return this.registry.getModel(name);
  }

  async getVersion(name: string, ref: string | number) {
    return this.registry.getVersion(name, ref);
  }

  artifactDir(version: Pick<ModelVersion, "artifact">): string {
    return this.registry.artifactDir(version);
  }

  async setAlias(name: string, alias: string, ref: string | number) {
    return this.registry.setAlias(name, alias, ref);
  }

  async removeAlias(name: string, alias: string) {
    this.registry.removeAlias(name, alias);
  }

  async setTag(name: string, ref: string | number | undefined, key: string, value: string) {
    this.registry.setTag(name, ref, key, value);
  }

  async compareVersions(name: string, a: string | number, b: string | number) {
    return this.registry.compareVersions(name, a, b);
  }

  async searchVersions(filter?: VersionFilter) {
    return this.registry.searchVersions(filter);
  }

  async delete(name: string, ref?: string | number) {
    return this.registry.delete(name, ref);
  }

  async gc(options?: GarbageOptions) {
    return this.registry.gc(options);
  }

  async countModels() {
    return Object.keys(this.registry.read().models).length;
  }

  async close() {}
}

/** A registry given either way (tests and notebooks hand a ModelRegistry): as a backend. */
export function asRegistryBackend(registry: ModelRegistry | RegistryBackend): RegistryBackend {
  return registry instanceof ModelRegistry ? new LowdbRegistryBackend(registry) : registry;
}
