import type { RegistryBackend } from "../runtime/registry/backend.js";
import type { ModelRegistry } from "../runtime/registry/index.js";
import { asRegistryBackend } from "../runtime/registry/lowdb-backend.js";
import { findVersion } from "../runtime/registry/refs.js";
import type { Predictor, PredictorLoader } from "../runtime/serving/predictor.js";

interface Slot {
  current?: Predictor;
  /** The version being loaded in the background while `current` keeps serving. */
  loading?: { version: number; promise: Promise<Predictor> };
}

/**
 * Loaded models, lazily and once per version. A request names a model and a
 * version or alias; when an alias moves, the new version is loaded in the
 * background while the old one keeps answering, then swapped in: no request
 * is dropped or kept waiting by the swap.
 */
export class ModelCache {
  private readonly byVersion = new Map<string, Promise<Predictor>>();
  private readonly byAlias = new Map<string, Slot>();
  private readonly registry: RegistryBackend;

  constructor(
    registry: ModelRegistry | RegistryBackend,
    private readonly load: PredictorLoader,
    private readonly onLoaded: (name: string, version: number, seconds: number) => void = () => {},
  ) {
    this.registry = asRegistryBackend(registry);
  }

  private loadVersion(name: string, version: number): Promise<Predictor> {
    const key = `${name}@${version}`;
    let promise = this.byVersion.get(key);
    if (!promise) {
      const started = performance.now();
      promise = this.registry
        .getVersion(name, version)
        .then((found) =>
          this.load({ name, version, artifactDir: this.registry.artifactDir(found) }),
        )
        .then((predictor) => {
          this.onLoaded(name, version, (performance.now() - started) / 1000);
          return predictor;
        });
      promise.catch(() => this.byVersion.delete(key));
      this.byVersion.set(key, promise);
    }
    return promise;
  }

  /** The predictor for `ref`: a version number, an alias, or "latest"/undefined (champion if set, else latest). */
  async get(name: string, ref?: string | number): Promise<Predictor> {
    if (typeof ref === "number") return this.loadVersion(name, ref);
    const model = await this.registry.getModel(name);
    const alias = ref ?? (Object.hasOwn(model.aliases, "champion") ? "champion" : "latest");
    const target = findVersion(model, alias).version;
    const slotKey = `${name}#${alias}`;
    const slot = this.byAlias.get(slotKey) ?? {};
    this.byAlias.set(slotKey, slot);
    if (slot.current?.version === target) return slot.current;
    if (slot.loading?.version !== target) {
      const promise = this.loadVersion(name, target);
      slot.loading = { version: target, promise };
      promise.then(
        (predictor) => {
          if (slot.loading?.version === predictor.version) {
            slot.current = predictor;
            slot.loading = undefined;
          }
        },
        () => {
          if (slot.loading?.version === target) slot.loading = undefined;
        },
      );
    }
    // Keep serving the previous version until the new one is ready.
    return slot.current ?? slot.loading!.promise;
  }

  loadedVersions(): string[] {
    return [...this.byVersion.keys()].sort();
  }
}
