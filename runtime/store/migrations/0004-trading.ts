import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";
import { DOUBLE, withRowId } from "./column-types.js";

/** Orders, trades, positions and performance snapshots of paper/live sessions (and backtests when asked). */
export function tradingMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withRowId(db.schema.createTable("orders"), dialect)
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("order_id", "text", (c) => c.notNull())
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("side", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("quantity", DOUBLE, (c) => c.notNull())
        .addColumn("limit_price", DOUBLE)
        .addColumn("stop_price", DOUBLE)
        .addColumn("status", "text", (c) => c.notNull())
        .execute();
      await withRowId(db.schema.createTable("trades"), dialect)
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("order_id", "text")
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("side", "text", (c) => c.notNull())
        .addColumn("quantity", DOUBLE, (c) => c.notNull())
        .addColumn("price", DOUBLE, (c) => c.notNull())
        .addColumn("commission", DOUBLE, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("positions")
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("quantity", DOUBLE, (c) => c.notNull())
        .addColumn("average_price", DOUBLE, (c) => c.notNull())
        .addColumn("market_value", DOUBLE, (c) => c.notNull())
        .addPrimaryKeyConstraint("positions_pk", ["source", "time", "symbol"])
        .execute();
      await db.schema
        .createTable("performance")
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("equity", DOUBLE, (c) => c.notNull())
        .addColumn("cash", DOUBLE, (c) => c.notNull())
        .addColumn("exposure", DOUBLE, (c) => c.notNull())
        .addColumn("drawdown", DOUBLE, (c) => c.notNull())
        .addPrimaryKeyConstraint("performance_pk", ["source", "time"])
        .execute();
      for (const table of ["orders", "trades"] as const)
        await db.schema
          .createIndex(`${table}_source_time`)
          .on(table)
          .columns(["source", "time"])
          .execute();
    },
  };
}
