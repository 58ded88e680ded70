/**
 * Copies a lowdb registry's metadata (registry.json: models, versions,
 * aliases, tags) into the tracking store's registry tables, so a registry can
 * switch to the `store` backend without losing a model. Artifacts stay where
 * they are (the same registry folder serves both backends). Version numbers,
 * creation times, lineage and metrics are kept; aliases and tags keep their
 * order.
 *
 * Idempotent: what the store already has is left as it is, so copying again
 * copies nothing. A version the store has under the same number with another
 * artifact is a conflict: nothing is copied. An alias or tag the store already
 * has with another value (moved after an earlier copy) is kept and counted.
 * Everything is written in one transaction.
 */
import { existsSync } from "node:fs";
import { UserError } from "../core/errors.js";
import { messages } from "../messages/index.js";
import type { TrackingStore } from "../store/open-store.js";
import { writeTransaction } from "../store/write-transaction.js";
import { artifactPath } from "./artifacts.js";
import {
  lockModel,
  MODEL_TAGS,
  nextAliasPosition,
  nextTagPosition,
  type RegistryDb,
} from "./store-rows.js";
import type { ModelVersion, RegisteredModel } from "./types.js";

/** What was copied (`copied`), was there already alike (`present`), or there with another value (`kept`). */
export interface CopyCounts {
  copied: number;
  present: number;
  kept: number;
}

export interface RegistryCopyReport {
  readonly models: CopyCounts;
  readonly versions: CopyCounts;
  readonly aliases: CopyCounts;
  readonly tags: CopyCounts;
  /** Versions whose artifact folder is not in the registry folder (copied all the same). */
  readonly missingArtifacts: readonly { model: string; version: number; artifact: string }[];
}

const counts = (): CopyCounts => ({ copied: 0, present: 0, kept: 0 });

/**
 * Copies `models` (as the lowdb registry read them) into `store`. `root` is
 * the registry folder, checked for each version's artifact.
 */
export async function copyRegistryToStore(
  models: readonly RegisteredModel[],
  store: TrackingStore,
  root: string,
): Promise<RegistryCopyReport> {
  const missingArtifacts = models.flatMap((m) =>
    m.versions
      .filter((v) => !existsSync(artifactPath(root, v.artifact)))
      .map((v) => ({ model: m.name, version: v.version, artifact: v.artifact })),
  );
  return writeTransaction(store, async (db) => {
    const report = {
      models: counts(),
      versions: counts(),
      aliases: counts(),
      tags: counts(),
      missingArtifacts,
    };
    const conflicts: string[] = [];
    for (const model of models) {
      const inserted = await db
        .insertInto("models")
        .values({
          name: model.name,
          created_at: model.createdAt,
          description: model.description ?? null,
        })
        .onConflict((oc) => oc.column("name").doNothing())
        .executeTakeFirst();
      report.models[Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? "copied" : "present"]++;
      await lockModel(db, store.dialect, model.name);
      const had = new Map(
        (
          await db
            .selectFrom("model_versions")
            .select(["version", "artifact"])
            .where("model", "=", model.name)
            .execute()
        ).map((r) => [Number(r.version), r.artifact]),
      );
      for (const version of model.versions) {
        const artifact = had.get(version.version);
        if (artifact === undefined) {
          await insertVersion(db, model.name, version);
          report.versions.copied++;
        } else if (artifact === version.artifact) report.versions.present++;
        else conflicts.push(`${model.name} version ${version.version}`);
      }
      if (conflicts.length > 0) continue;
      await copyAliases(db, model, report.aliases);
      await copyTags(db, model.name, MODEL_TAGS, model.tags, report.tags);
      for (const version of model.versions)
        await copyTags(db, model.name, version.version, version.tags, report.tags);
    }
    // Thrown inside the transaction: nothing is copied.
    if (conflicts.length > 0) throw new UserError(messages.registry.copyConflict(conflicts));
    return report;
  });
}

async function insertVersion(db: RegistryDb, model: string, version: ModelVersion): Promise<void> {
  await db
    .insertInto("model_versions")
    .values({
      model,
      version: version.version,
      artifact: version.artifact,
      artifact_bytes: version.artifactBytes,
      created_at: version.createdAt,
      description: version.description ?? null,
      lineage: JSON.stringify(version.lineage),
      metrics: JSON.stringify(version.metrics),
    })
    .execute();
}

/** The model's aliases the store lacks, after its own, in registry.json's order. */
async function copyAliases(db: RegistryDb, model: RegisteredModel, tally: CopyCounts) {
  const had = new Map(
    (
      await db
        .selectFrom("model_aliases")
        .select(["alias", "version"])
        .where("model", "=", model.name)
        .execute()
    ).map((r) => [r.alias, Number(r.version)]),
  );
  for (const [alias, version] of Object.entries(model.aliases)) {
    const current = had.get(alias);
    if (current !== undefined) {
      tally[current === version ? "present" : "kept"]++;
      continue;
    }
    const position = await nextAliasPosition(db, model.name);
    await db
      .insertInto("model_aliases")
      .values({ model: model.name, alias, version, position })
      .execute();
    tally.copied++;
  }
}

/** The tags of the model (`version` 0) or of one version that the store lacks, in registry.json's order. */
async function copyTags(
  db: RegistryDb,
  model: string,
  version: number,
  tags: Readonly<Record<string, string>>,
  tally: CopyCounts,
) {
  const had = new Map(
    (
      await db
        .selectFrom("model_tags")
        .select(["key", "value"])
        .where("model", "=", model)
        .where("version", "=", version)
        .execute()
    ).map((r) => [r.key, r.value]),
  );
  for (const [key, value] of Object.entries(tags)) {
    const current = had.get(key);
    if (current !== undefined) {
      tally[current === value ? "present" : "kept"]++;
      continue;
    }
    const position = await nextTagPosition(db, model, version);
    await db.insertInto("model_tags").values({ model, version, key, value, position }).execute();
    tally.copied++;
  }
}
