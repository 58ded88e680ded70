import type { ColumnDefinitionBuilder, CreateTableBuilder } from "kysely";
import type { StoreDialect } from "../dialect.js";

/** A 64-bit float on both engines (`real` is 32-bit on PostgreSQL). */
export const DOUBLE = "double precision";

/**
 * Adds the integer row id the database assigns: `integer primary key
 * autoincrement` on SQLite, an identity column on PostgreSQL (part of a
 * composite primary key when `primaryKey` is false, as partitioned tables need).
 */
export function withRowId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: StoreDialect,
  primaryKey = true,
): CreateTableBuilder<T, "id"> {
  if (dialect === "sqlite")
    return table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  return table.addColumn("id", "bigint", (c: ColumnDefinitionBuilder) => {
    const identity = c.generatedAlwaysAsIdentity();
    return primaryKey ? identity.primaryKey() : identity;
  });
}
