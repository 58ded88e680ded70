import type { ModelRegistry } from "../runtime/registry/index.js";
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

  constructor(
    private readonly registry: ModelRegistry,
    private readonly load: PredictorLoader,
    private readonly onLoaded: (name: string, version: number, seconds: number) => void = () => {},
  ) {}

  private loadVersion(name: string, version: number): Promise<Predictor> {
    const key = `${name}@${version}`;
    let promise = this.byVersion.get(key);
    if (!promise) {
      const started = performance.now();
      const artifactDir = this.registry.artifactDir(this.registry.getVersion(name, version));
      promise = this.load({ name, version, artifactDir }).then((predictor) => {
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
    const model = this.registry.getModel(name);
    const alias = ref ?? (model.aliases.champion !== undefined ? "champion" : "latest");
    const target = this.registry.getVersion(name, alias).version;
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
