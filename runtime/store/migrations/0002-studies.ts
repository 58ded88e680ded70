import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";
import { DOUBLE } from "./column-types.js";

/** Tuning studies, their trials and each trial's intermediate values. */
export function studiesMigration(_dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("studies")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("direction", "text", (c) => c.notNull())
        .addColumn("objective", "text", (c) => c.notNull())
        .addColumn("spec_hash", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("trials")
        .addColumn("study_id", "text", (c) =>
          c.notNull().references("studies.id").onDelete("cascade"),
        )
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("params", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("value", DOUBLE)
        .addColumn("worker", "text")
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("ended_at", "text")
        .addColumn("duration_ms", DOUBLE)
        .addColumn("note", "text")
        .addPrimaryKeyConstraint("trials_pk", ["study_id", "number"])
        .execute();
      await db.schema
        .createTable("trial_values")
        .addColumn("study_id", "text", (c) => c.notNull())
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("step", "integer", (c) => c.notNull())
        .addColumn("value", DOUBLE, (c) => c.notNull())
        .addPrimaryKeyConstraint("trial_values_pk", ["study_id", "number", "step"])
        .addForeignKeyConstraint(
          "trial_values_trial",
          ["study_id", "number"],
          "trials",
          ["study_id", "number"],
          (c) => c.onDelete("cascade"),
        )
        .execute();
    },
  };
}
