import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";
import { DOUBLE } from "./column-types.js";

/** The row in `store_info` that says whose database this is. */
export const STORE_MARK = { key: "application", value: "drl-workbench" } as const;

/** Experiments, runs and each run's params, metrics and tags. */
export function runsMigration(_dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("store_info")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      // What marks a database as a DRL Workbench store (read before migrating a non-empty database).
      await sql`insert into store_info (key, value) values (${STORE_MARK.key}, ${STORE_MARK.value})`.execute(
        db,
      );
      await db.schema
        .createTable("experiments")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .execute();
      await db.schema
        .createTable("runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("experiment", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("spec_hash", "text")
        .addColumn("data_hash", "text")
        .addColumn("code_version", "text")
        .addColumn("seed", "bigint")
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("ended_at", "text")
        .addColumn("run_dir", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("runs_experiment").on("runs").columns(["experiment"]).execute();
      await db.schema.createIndex("runs_started").on("runs").columns(["started_at"]).execute();
      for (const table of ["run_params", "run_tags"] as const) {
        await db.schema
          .createTable(table)
          .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
          .addColumn("key", "text", (c) => c.notNull())
          .addColumn("value", "text", (c) => c.notNull())
          .$call((t) => (table === "run_params" ? t.addColumn("number", DOUBLE) : t))
          .addPrimaryKeyConstraint(`${table}_pk`, ["run_id", "key"])
          .execute();
      }
      await db.schema
        .createTable("run_metrics")
        .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("value", DOUBLE, (c) => c.notNull())
        .addPrimaryKeyConstraint("run_metrics_pk", ["run_id", "key"])
        .execute();
      // "best runs by a metric": find a metric's rows without scanning every run's metrics.
      await db.schema
        .createIndex("run_metrics_key_value")
        .on("run_metrics")
        .columns(["key", "value"])
        .execute();
    },
  };
}
