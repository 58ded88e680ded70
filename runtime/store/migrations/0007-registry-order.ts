import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";

/**
 * The order a model's aliases and tags were first set in (`position`, 1, 2,
 * … per model, or per version for tags), so the store backend lists them as
 * the lowdb registry does: in insertion order, a re-pointed alias or a
 * changed tag keeping its place. Rows written before this migration get 0
 * and keep their old order (by name) among themselves.
 */
export function registryOrderMigration(_dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of ["model_aliases", "model_tags"])
        await db.schema
          .alterTable(table)
          .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
          .execute();
    },
  };
}
