import { type CompiledQuery, createQueryId, type Kysely } from "kysely";
import type { StoreDialect } from "./dialect.js";
import type { StoreTables } from "./tables.js";

/**
 * Bound parameters one statement may carry: SQLite's `SQLITE_MAX_VARIABLE_NUMBER`
 * (32766 since 3.32, as better-sqlite3 builds it) and PostgreSQL's protocol
 * limit (65535), each with a margin.
 */
const MAX_PARAMETERS: Readonly<Record<StoreDialect, number>> = { sqlite: 32_000, postgres: 65_000 };

/** Rows of `columns` columns one multi-row insert may carry on `dialect`, at most `wanted`. */
export function rowsPerInsert(dialect: StoreDialect, columns: number, wanted = Infinity): number {
  return Math.max(1, Math.min(wanted, Math.floor(MAX_PARAMETERS[dialect] / Math.max(1, columns))));
}

/** `rows` cut into consecutive slices of at most `size` (the rows themselves are not copied). */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * A multi-row insert of `rows` (every row has exactly `columns`), compiled
 * by kysely once per table, columns and row count and then executed with the
 * rows' values as parameters: the hot path of the prediction log and the
 * trading records, where building the query tree per row would cost more
 * than the database's work.
 */
export async function insertRows<T extends keyof StoreTables & string>(
  db: Kysely<StoreTables>,
  dialect: StoreDialect,
  table: T,
  columns: readonly (keyof StoreTables[T] & string)[],
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<void> {
  if (rows.length === 0) return;
  const compiled = compiledInsert(db, dialect, table, columns, rows.length);
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let k = 0;
  for (const row of rows) for (const column of columns) parameters[k++] = row[column] ?? null;
  await db.executeQuery({ ...compiled, queryId: createQueryId(), parameters });
}

const compiledInserts = new Map<string, CompiledQuery>();

function compiledInsert(
  db: Kysely<StoreTables>,
  dialect: StoreDialect,
  table: string,
  columns: readonly string[],
  rows: number,
): CompiledQuery {
  const key = `${dialect}\0${table}\0${columns.join(",")}\0${rows}`;
  let compiled = compiledInserts.get(key);
  if (compiled === undefined) {
    const template = Object.fromEntries(columns.map((c) => [c, 0]));
    compiled = db
      .insertInto(table as keyof StoreTables)
      .values(new Array(rows).fill(template) as never)
      .compile();
    if (compiled.parameters.length !== rows * columns.length)
      throw new Error(
        `insert into ${table}: ${compiled.parameters.length} parameters compiled, ${rows * columns.length} expected`,
      );
    if (compiledInserts.size > 256) compiledInserts.clear();
    compiledInserts.set(key, compiled);
  }
  return compiled;
}
