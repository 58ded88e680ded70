/**
 * Row helpers of the store registry backend (tables of migrations
 * 0006-registry and 0007-registry-order), shared by the backend
 * (runtime/registry/store-backend.ts) and the copy from registry.json
 * (runtime/registry/copy-to-store.ts). Each runs inside a write transaction.
 */
import type { Kysely } from "kysely";
import type { StoreDialect } from "../store/dialect.js";
import type { StoreTables } from "../store/tables.js";

export type RegistryDb = Kysely<StoreTables>;

/** The `version` of a model's own tags in model_tags (versions start at 1). */
export const MODEL_TAGS = 0;

/**
 * Serializes writers of one model on PostgreSQL (its row locked until the
 * transaction ends; SQLite's `begin immediate` already serializes every writer).
 */
export async function lockModel(
  db: RegistryDb,
  dialect: StoreDialect,
  name: string,
): Promise<void> {
  if (dialect !== "postgres") return;
  await db.selectFrom("models").select("name").where("name", "=", name).forNoKeyUpdate().execute();
}

/** The position after the model's last alias (1 for its first). */
export async function nextAliasPosition(db: RegistryDb, model: string): Promise<number> {
  const last = await db
    .selectFrom("model_aliases")
    .select((eb) => eb.fn.max<number | null>("position").as("last"))
    .where("model", "=", model)
    .executeTakeFirst();
  return Number(last?.last ?? 0) + 1;
}

/** The position after the last tag of the model (`version` 0) or of one version (1 for the first). */
export async function nextTagPosition(
  db: RegistryDb,
  model: string,
  version: number,
): Promise<number> {
  const last = await db
    .selectFrom("model_tags")
    .select((eb) => eb.fn.max<number | null>("position").as("last"))
    .where("model", "=", model)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(last?.last ?? 0) + 1;
}
