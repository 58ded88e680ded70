import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";
import { withRowId } from "./column-types.js";

/** Alerts (rule, severity, state) and the audit trail. */
export function alertsAuditMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withRowId(db.schema.createTable("alerts"), dialect)
        .addColumn("rule", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("alerts_subject_time")
        .on("alerts")
        .columns(["subject", "time"])
        .execute();
      await withRowId(db.schema.createTable("audit"), dialect)
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_time").on("audit").columns(["time"]).execute();
    },
  };
}
