import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";
import { DOUBLE, withRowId } from "./column-types.js";

/**
 * The prediction log: append-heavy. On PostgreSQL a table partitioned by
 * month on `time` (declarative range partitioning over the ISO text; the
 * partitions are created as rows arrive and dropped whole by the retention
 * policy), so the primary key includes `time`.
 */
export function predictionsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const table = withRowId(db.schema.createTable("predictions"), dialect, dialect === "sqlite")
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("variant", "text", (c) => c.notNull())
        .addColumn("features_digest", "text", (c) => c.notNull())
        .addColumn("features", "text", (c) => c.notNull())
        .addColumn("output", "text", (c) => c.notNull())
        .addColumn("risk_events", "text", (c) => c.notNull())
        .addColumn("latency_ms", DOUBLE, (c) => c.notNull());
      if (dialect === "postgres")
        await table
          .addPrimaryKeyConstraint("predictions_pk", ["id", "time"])
          .modifyEnd(sql`partition by range (time)`)
          .execute();
      else await table.execute();
      await db.schema
        .createIndex("predictions_model_time")
        .on("predictions")
        .columns(["model", "time"])
        .execute();
    },
  };
}
