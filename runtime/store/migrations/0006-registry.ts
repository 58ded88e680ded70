import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";

/**
 * The model registry's metadata (models, versions, aliases, tags) for
 * deployments whose registry is shared through the store. Names are text,
 * lineage and metrics JSON text; (model, version) is unique, so two hosts can
 * never record the same version number.
 */
export function registryMigration(_dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("models")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .execute();
      await db.schema
        .createTable("model_versions")
        .addColumn("model", "text", (c) =>
          c.notNull().references("models.name").onDelete("cascade"),
        )
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("artifact", "text", (c) => c.notNull())
        .addColumn("artifact_bytes", "bigint", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("lineage", "text", (c) => c.notNull())
        .addColumn("metrics", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("model_versions_pk", ["model", "version"])
        .execute();
      // Is an artifact still referenced (deletion, gc)?
      await db.schema
        .createIndex("model_versions_artifact")
        .on("model_versions")
        .columns(["artifact"])
        .execute();
      await db.schema
        .createTable("model_aliases")
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("alias", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("model_aliases_pk", ["model", "alias"])
        .addForeignKeyConstraint(
          "model_aliases_version_fk",
          ["model", "version"],
          "model_versions",
          ["model", "version"],
          (fk) => fk.onDelete("cascade"),
        )
        .execute();
      await db.schema
        .createTable("model_tags")
        .addColumn("model", "text", (c) =>
          c.notNull().references("models.name").onDelete("cascade"),
        )
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("model_tags_pk", ["model", "version", "key"])
        .execute();
    },
  };
}
