import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { LowSync } from "lowdb";
import { nullProtoRecord, ownValue, setOwnValue } from "../core/own-keys.js";
import { RegistryFile } from "./adapter.js";
import { artifactPath, storeArtifact } from "./artifacts.js";
import {
  collectGarbage,
  type GarbageOptions,
  type GarbageReport,
  referencedArtifacts,
  removeUnreferenced,
} from "./gc.js";
import { withLock } from "./lock.js";
import {
  checkAlias,
  checkMetricValues,
  checkModelName,
  checkTagKey,
  findModel,
  findVersion,
} from "./refs.js";
import {
  byModelName,
  compareModelVersions,
  searchModelVersions,
  type VersionComparison,
  type VersionFilter,
} from "./version-queries.js";
import {
  emptyRegistry,
  type ExperimentRun,
  type Lineage,
  type MetricMap,
  type ModelVersion,
  type RegisteredModel,
  type RegistryData,
} from "./types.js";

export interface RegisterModelInput {
  readonly name: string;
  /** Folder with the model's files (weights, normalization stats, resolved spec, metrics). */
  readonly sourceDir: string;
  readonly lineage?: Lineage;
  readonly metrics?: MetricMap;
  readonly description?: string;
  readonly tags?: Record<string, string>;
  /** Aliases to point at the new version. */
  readonly aliases?: readonly string[];
}

export type { VersionComparison, VersionFilter } from "./version-queries.js";

/** The registry location: DRLWB_REGISTRY, else `registry/` under the working folder. */
export function defaultRegistryRoot(): string {
  return resolve(process.env.DRLWB_REGISTRY ?? "registry");
}

/**
 * The model registry: registered models with numbered versions, immutable
 * content-addressed artifacts, lineage, tags, movable aliases, experiment
 * runs. Stored in one lowdb JSON document replaced atomically under a
 * cross-process lock, so concurrent writers never lose or duplicate entries.
 */
export class ModelRegistry {
  private readonly db: LowSync<RegistryData>;
  private readonly lockDir: string;
  private readonly file: string;

  /**
   * @param maxStalenessMs how long a read may reuse the last snapshot without
   *   checking the file (0: check on every read). The server uses a few hundred
   *   ms so alias lookups on the prediction path cost no system call.
   */
  constructor(
    readonly root: string = defaultRegistryRoot(),
    private readonly maxStalenessMs = 0,
  ) {
    mkdirSync(root, { recursive: true });
    this.file = join(root, "registry.json");
    const displayFile = `${basename(resolve(root))}/registry.json`;
    this.db = new LowSync<RegistryData>(new RegistryFile(this.file, displayFile), emptyRegistry());
    this.lockDir = join(root, ".lock");
  }

  private snapshot?: { key: string; data: RegistryData; checkedAt: number };

  /**
   * A consistent snapshot (the file is only ever replaced whole, by rename).
   * Re-parsed only when the file changed (inode, size or mtime), so serving
   * paths can resolve aliases on every request cheaply.
   */
  read(): RegistryData {
    const now = Date.now();
    if (this.snapshot && now - this.snapshot.checkedAt < this.maxStalenessMs)
      return this.snapshot.data;
    let key = "missing";
    try {
      const st = statSync(this.file);
      key = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      /* no registry yet */
    }
    if (this.snapshot?.key !== key) {
      this.db.read();
      this.snapshot = { key, data: this.db.data, checkedAt: now };
    }
    this.snapshot.checkedAt = now;
    return this.snapshot.data;
  }

  private mutate<T>(change: (data: RegistryData) => T): T {
    return withLock(this.lockDir, () => {
      this.db.read();
      this.snapshot = undefined;
      const result = change(this.db.data);
      this.db.write();
      return result;
    });
  }

  registerModel(input: RegisterModelInput): ModelVersion {
    checkModelName(input.name);
    input.aliases?.forEach(checkAlias);
    Object.keys(input.tags ?? {}).forEach(checkTagKey);
    checkMetricValues(input.metrics);
    const { hash, bytes } = storeArtifact(this.root, input.sourceDir);
    return this.mutate((data) => {
      const model: RegisteredModel = ownValue(data.models, input.name) ?? {
        name: input.name,
        createdAt: new Date().toISOString(),
        tags: nullProtoRecord(),
        aliases: nullProtoRecord(),
        versions: [],
      };
      setOwnValue(data.models, input.name, model);
      const version: ModelVersion = {
        version: (model.versions.at(-1)?.version ?? 0) + 1,
        artifact: hash,
        artifactBytes: bytes,
        createdAt: new Date().toISOString(),
        lineage: input.lineage ?? {},
        metrics: nullProtoRecord(input.metrics),
        ...(input.description ? { description: input.description } : {}),
        tags: nullProtoRecord(input.tags),
      };
      model.versions.push(version);
      for (const alias of input.aliases ?? []) setOwnValue(model.aliases, alias, version.version);
      return version;
    });
  }

  listModels(): RegisteredModel[] {
    return Object.values(this.read().models).sort(byModelName);
  }

  getModel(name: string): RegisteredModel {
    return findModel(this.read(), name);
  }

  getVersion(name: string, ref: string | number): ModelVersion {
    return findVersion(findModel(this.read(), name), ref);
  }

  /** The folder holding a version's files (read-only by convention). */
  artifactDir(version: Pick<ModelVersion, "artifact">): string {
    return artifactPath(this.root, version.artifact);
  }

  setAlias(name: string, alias: string, ref: string | number): ModelVersion {
    checkAlias(alias);
    return this.mutate((data) => {
      const model = findModel(data, name);
      const version = findVersion(model, ref);
      setOwnValue(model.aliases, alias, version.version);
      return version;
    });
  }

  removeAlias(name: string, alias: string): void {
    this.mutate((data) => {
      const model = findModel(data, name);
      findVersion(model, alias);
      delete model.aliases[alias];
    });
  }

  setTag(name: string, ref: string | number | undefined, key: string, value: string): void {
    checkTagKey(key);
    this.mutate((data) => {
      const model = findModel(data, name);
      setOwnValue(ref === undefined ? model.tags : findVersion(model, ref).tags, key, value);
    });
  }

  compareVersions(name: string, a: string | number, b: string | number): VersionComparison {
    return compareModelVersions(this.getModel(name), a, b);
  }

  searchVersions(filter: VersionFilter = {}): { name: string; version: ModelVersion }[] {
    return searchModelVersions(this.listModels(), filter);
  }

  /** Deletes one version (or the whole model when `ref` is undefined) and collects unreferenced artifacts. */
  delete(
    name: string,
    ref?: string | number,
  ): { removedVersions: number[]; freedArtifacts: number } {
    return withLock(this.lockDir, () => {
      this.db.read();
      this.snapshot = undefined;
      const data = this.db.data;
      const model = findModel(data, name);
      let removed: ModelVersion[];
      if (ref === undefined) {
        removed = model.versions;
        delete data.models[name];
      } else {
        const version = findVersion(model, ref);
        removed = [version];
        model.versions = model.versions.filter((v) => v.version !== version.version);
        for (const [alias, n] of Object.entries(model.aliases))
          if (n === version.version) delete model.aliases[alias];
      }
      this.db.write();
      const freedArtifacts = removeUnreferenced(
        this.root,
        referencedArtifacts(data),
        removed.map((v) => v.artifact),
      );
      return { removedVersions: removed.map((v) => v.version), freedArtifacts };
    });
  }

  /**
   * Garbage collection: removes artifacts no version references and stale
   * `.tmp` leftovers of interrupted writes, under the registry's lock.
   * Leftovers younger than `minAgeMs` (default 1 hour) are kept, so a
   * registration in progress is never disturbed.
   */
  gc(options: GarbageOptions = {}): GarbageReport {
    return withLock(this.lockDir, () => {
      this.db.read();
      this.snapshot = undefined;
      return collectGarbage(this.root, referencedArtifacts(this.db.data), options);
    });
  }

  recordRun(run: ExperimentRun): void {
    this.mutate((data) => {
      setOwnValue(data.runs, run.id, run);
    });
  }

  listRuns(experiment?: string): ExperimentRun[] {
    return Object.values(this.read().runs)
      .filter((r) => experiment === undefined || r.experiment === experiment)
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  }

  exists(): boolean {
    return existsSync(join(this.root, "registry.json"));
  }
}
