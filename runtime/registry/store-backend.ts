import { mkdirSync } from "node:fs";
import { nullProtoRecord, setOwnValue } from "../core/own-keys.js";
import type { StoreDialect } from "../store/dialect.js";
import type { TrackingStore } from "../store/open-store.js";
import { isUniqueViolation, writeTransaction } from "../store/write-transaction.js";
import { artifactPath, storeArtifact } from "./artifacts.js";
import type { RegistryBackend } from "./backend.js";
import { collectGarbage, type GarbageOptions, removeUnreferenced } from "./gc.js";
import type { RegisterModelInput } from "./registry.js";
import {
  checkAlias,
  checkMetricValues,
  checkModelName,
  checkTagKey,
  findVersion,
  modelNotFound,
} from "./refs.js";
import {
  lockModel,
  MODEL_TAGS,
  nextAliasPosition,
  nextTagPosition,
  type RegistryDb,
} from "./store-rows.js";
import type { Lineage, MetricMap, ModelVersion, RegisteredModel } from "./types.js";
import {
  compareModelVersions,
  searchModelVersions,
  type VersionFilter,
} from "./version-queries.js";

type Db = RegistryDb;

/** How often a registration retries when another host took the same version number first. */
const MAX_REGISTER_ATTEMPTS = 20;

export interface StoreRegistryOptions {
  /**
   * How long a read may reuse what it last read (0: query every time). The
   * server uses a few hundred ms, so alias lookups on the prediction path do
   * not query the database per request; other hosts' changes show within it.
   */
  readonly maxStalenessMs?: number;
  /** Close the store with the backend (the CLI opens one per command). */
  readonly ownsStore?: boolean;
}

/**
 * The model registry with its metadata in the tracking store (tables of
 * migration 0006-registry), on SQLite or PostgreSQL with the same queries, so
 * several hosts can share one registry: artifacts stay content-addressed
 * folders under `root`, which every host must see (a shared filesystem).
 * Version numbers are assigned inside the registering transaction, serialized
 * per model (SQLite: an immediate transaction; PostgreSQL: the model's row
 * locked `for no key update`), and (model, version) is unique, so none is lost or given twice.
 */
export class StoreRegistryBackend implements RegistryBackend {
  readonly kind = "store";
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  private readonly open: () => Promise<TrackingStore>;

  /**
   * @param store the open store, or how to get it (the server's store opens
   *   on first use and is retried while it is down: the registry's calls
   *   reject meanwhile, and `/ready` says so).
   */
  constructor(
    store: TrackingStore | (() => Promise<TrackingStore>),
    readonly root: string,
    private readonly options: StoreRegistryOptions = {},
  ) {
    mkdirSync(root, { recursive: true });
    this.open = typeof store === "function" ? store : () => Promise.resolve(store);
  }

  async registerModel(input: RegisterModelInput): Promise<ModelVersion> {
    checkModelName(input.name);
    input.aliases?.forEach(checkAlias);
    const tags = input.tags ?? {};
    Object.keys(tags).forEach(checkTagKey);
    checkMetricValues(input.metrics);
    const { hash, bytes } = storeArtifact(this.root, input.sourceDir);
    for (let attempt = 1; ; attempt++) {
      try {
        const version = await this.write(async (db, dialect) => {
          const now = new Date().toISOString();
          await db
            .insertInto("models")
            .values({ name: input.name, created_at: now, description: null })
            .onConflict((oc) => oc.column("name").doNothing())
            .execute();
          await lockModel(db, dialect, input.name);
          const last = await db
            .selectFrom("model_versions")
            .select((eb) => eb.fn.max<number | null>("version").as("last"))
            .where("model", "=", input.name)
            .executeTakeFirst();
          const version: ModelVersion = {
            version: Number(last?.last ?? 0) + 1,
            artifact: hash,
            artifactBytes: bytes,
            createdAt: now,
            lineage: input.lineage ?? {},
            metrics: nullProtoRecord(input.metrics),
            ...(input.description ? { description: input.description } : {}),
            tags: nullProtoRecord(tags),
          };
          await db
            .insertInto("model_versions")
            .values({
              model: input.name,
              version: version.version,
              artifact: hash,
              artifact_bytes: bytes,
              created_at: now,
              description: input.description || null,
              lineage: JSON.stringify(version.lineage),
              metrics: JSON.stringify(version.metrics),
            })
            .execute();
          // A new version has no tags yet: they take positions 1, 2, … in the input's order.
          const tagRows = Object.entries(tags).map(([key, value], i) => ({
            model: input.name,
            version: version.version,
            key,
            value,
            position: i + 1,
          }));
          if (tagRows.length > 0) await db.insertInto("model_tags").values(tagRows).execute();
          for (const alias of input.aliases ?? [])
            await upsertAlias(db, input.name, alias, version.version);
          return version;
        });
        return version;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_REGISTER_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }

  listModels(): Promise<RegisteredModel[]> {
    return this.cached("list", async () => readModels((await this.open()).db));
  }

  getModel(name: string): Promise<RegisteredModel> {
    return this.cached(`model:${name}`, async () => requireModel((await this.open()).db, name));
  }

  async getVersion(name: string, ref: string | number): Promise<ModelVersion> {
    return findVersion(await this.getModel(name), ref);
  }

  artifactDir(version: Pick<ModelVersion, "artifact">): string {
    return artifactPath(this.root, version.artifact);
  }

  async setAlias(name: string, alias: string, ref: string | number): Promise<ModelVersion> {
    checkAlias(alias);
    return this.write(async (db, dialect) => {
      await lockModel(db, dialect, name);
      const version = findVersion(await requireModel(db, name), ref);
      await upsertAlias(db, name, alias, version.version);
      return version;
    });
  }

  removeAlias(name: string, alias: string): Promise<void> {
    return this.write(async (db) => {
      findVersion(await requireModel(db, name), alias);
      await db
        .deleteFrom("model_aliases")
        .where("model", "=", name)
        .where("alias", "=", alias)
        .execute();
    });
  }

  async setTag(
    name: string,
    ref: string | number | undefined,
    key: string,
    value: string,
  ): Promise<void> {
    checkTagKey(key);
    return this.write(async (db, dialect) => {
      await lockModel(db, dialect, name);
      const model = await requireModel(db, name);
      const version = ref === undefined ? MODEL_TAGS : findVersion(model, ref).version;
      const position = await nextTagPosition(db, name, version);
      // A changed tag keeps its place (its position is not updated), as in the lowdb registry.
      await db
        .insertInto("model_tags")
        .values({ model: name, version, key, value, position })
        .onConflict((oc) =>
          oc
            .columns(["model", "version", "key"])
            .doUpdateSet({ value: (eb) => eb.ref("excluded.value") }),
        )
        .execute();
    });
  }

  async compareVersions(name: string, a: string | number, b: string | number) {
    return compareModelVersions(await this.getModel(name), a, b);
  }

  async searchVersions(filter: VersionFilter = {}) {
    return searchModelVersions(await this.listModels(), filter);
  }

  async delete(
    name: string,
    ref?: string | number,
  ): Promise<{ removedVersions: number[]; freedArtifacts: number }> {
    const { removed, referenced } = await this.write(async (db) => {
      const model = await requireModel(db, name);
      const removed = ref === undefined ? model.versions : [findVersion(model, ref)];
      const numbers = removed.map((v) => v.version);
      if (numbers.length > 0) {
        await db
          .deleteFrom("model_aliases")
          .where("model", "=", name)
          .where("version", "in", numbers)
          .execute();
        await db
          .deleteFrom("model_tags")
          .where("model", "=", name)
          .where("version", "in", numbers)
          .execute();
        await db
          .deleteFrom("model_versions")
          .where("model", "=", name)
          .where("version", "in", numbers)
          .execute();
      }
      if (ref === undefined) {
        await db.deleteFrom("model_tags").where("model", "=", name).execute();
        await db.deleteFrom("models").where("name", "=", name).execute();
      }
      const hashes = [...new Set(removed.map((v) => v.artifact))];
      const still =
        hashes.length === 0
          ? []
          : await db
              .selectFrom("model_versions")
              .select("artifact")
              .distinct()
              .where("artifact", "in", hashes)
              .execute();
      return { removed, referenced: new Set(still.map((r) => r.artifact)) };
    });
    const freedArtifacts = removeUnreferenced(
      this.root,
      referenced,
      removed.map((v) => v.artifact),
    );
    return { removedVersions: removed.map((v) => v.version), freedArtifacts };
  }

  async gc(options: GarbageOptions = {}) {
    const rows = await (await this.open()).db
      .selectFrom("model_versions")
      .select("artifact")
      .distinct()
      .execute();
    return collectGarbage(this.root, new Set(rows.map((r) => r.artifact)), options);
  }

  async countModels(): Promise<number> {
    const row = await (await this.open()).db
      .selectFrom("models")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async close(): Promise<void> {
    this.cache.clear();
    if (this.options.ownsStore) await (await this.open()).close();
  }

  /** A read through the short-lived cache (a failed read is not kept). */
  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const ttl = this.options.maxStalenessMs ?? 0;
    if (ttl <= 0) return load();
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < ttl) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { at: now, value });
    value.catch(() => {
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    return value;
  }

  /** `work` as one write transaction (runtime/store/write-transaction.ts); reads after it see its change. */
  private async write<T>(work: (db: Db, dialect: StoreDialect) => Promise<T>): Promise<T> {
    const store = await this.open();
    this.cache.clear();
    try {
      return await writeTransaction(store, (db) => work(db, store.dialect));
    } finally {
      this.cache.clear();
    }
  }
}

/** Points `alias` at `version`: a new alias goes after the model's others, a moved one keeps its place. */
async function upsertAlias(db: Db, model: string, alias: string, version: number): Promise<void> {
  await db
    .insertInto("model_aliases")
    .values({ model, alias, version, position: await nextAliasPosition(db, model) })
    .onConflict((oc) =>
      oc.columns(["model", "alias"]).doUpdateSet({ version: (eb) => eb.ref("excluded.version") }),
    )
    .execute();
}

/** The model named `name`, or the catalog's "no registered model …; did you mean …?". */
async function requireModel(db: Db, name: string): Promise<RegisteredModel> {
  const [model] = await readModels(db, name);
  if (model) return model;
  const names = await db.selectFrom("models").select("name").execute();
  throw modelNotFound(
    name,
    names.map((r) => r.name),
  );
}

/** Every model (or the one named `only`) with its versions, aliases and tags, sorted by name. */
async function readModels(db: Db, only?: string): Promise<RegisteredModel[]> {
  const models = await db
    .selectFrom("models")
    .selectAll()
    .$if(only !== undefined, (q) => q.where("name", "=", only as string))
    .orderBy("name")
    .execute();
  if (models.length === 0) return [];
  const versions = await db
    .selectFrom("model_versions")
    .selectAll()
    .$if(only !== undefined, (q) => q.where("model", "=", only as string))
    .orderBy("model")
    .orderBy("version")
    .execute();
  const aliases = await db
    .selectFrom("model_aliases")
    .selectAll()
    .$if(only !== undefined, (q) => q.where("model", "=", only as string))
    .orderBy("position")
    .orderBy("alias")
    .execute();
  const tags = await db
    .selectFrom("model_tags")
    .selectAll()
    .$if(only !== undefined, (q) => q.where("model", "=", only as string))
    .orderBy("position")
    .orderBy("key")
    .execute();

  // Keyed by model name, then version: Maps, never plain objects.
  const tagsOf = new Map<string, Record<string, string>>();
  for (const t of tags) {
    const key = `${t.version}:${t.model}`;
    const record = tagsOf.get(key) ?? nullProtoRecord<string>();
    setOwnValue(record, t.key, t.value);
    tagsOf.set(key, record);
  }
  const byModel = new Map<string, RegisteredModel>();
  const sorted: RegisteredModel[] = [];
  for (const m of models) {
    const model: RegisteredModel = {
      name: m.name,
      createdAt: m.created_at,
      ...(m.description === null ? {} : { description: m.description }),
      tags: tagsOf.get(`${MODEL_TAGS}:${m.name}`) ?? nullProtoRecord(),
      aliases: nullProtoRecord(),
      versions: [],
    };
    byModel.set(m.name, model);
    sorted.push(model);
  }
  for (const v of versions) {
    byModel.get(v.model)?.versions.push({
      version: v.version,
      artifact: v.artifact,
      artifactBytes: Number(v.artifact_bytes),
      createdAt: v.created_at,
      lineage: JSON.parse(v.lineage) as Lineage,
      metrics: metricMap(v.metrics),
      ...(v.description === null ? {} : { description: v.description }),
      tags: tagsOf.get(`${v.version}:${v.model}`) ?? nullProtoRecord(),
    });
  }
  for (const a of aliases) {
    const model = byModel.get(a.model);
    if (model) setOwnValue(model.aliases, a.alias, a.version);
  }
  // Same order as the lowdb registry (localeCompare), whatever the database's collation.
  return sorted.sort((a, b) => a.name.localeCompare(b.name));
}

/** Metrics as stored (JSON text): the numbers, prototype-free, in the order they were registered. */
function metricMap(text: string): MetricMap {
  const out = nullProtoRecord<number>();
  const parsed: unknown = JSON.parse(text);
  if (parsed !== null && typeof parsed === "object")
    for (const [key, value] of Object.entries(parsed))
      if (typeof value === "number") setOwnValue(out, key, value);
  return out;
}
