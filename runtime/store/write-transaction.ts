import { type Kysely, sql } from "kysely";
import type { TrackingStore } from "./open-store.js";
import type { StoreTables } from "./tables.js";

/**
 * Runs `work` as one write transaction: everything it writes commits
 * together or not at all (a process killed before the commit leaves nothing).
 *
 * On SQLite the transaction starts with `begin immediate`, taking the write
 * lock before the first read, so what `work` reads cannot change under it
 * before it writes; other writers wait up to the store's
 * `busy_timeout_ms`. On PostgreSQL it is an ordinary read-committed
 * transaction: `work` locks what it reads when it must (`for no key update`).
 *
 * `work` must query through the `db` it is given, never `store.db`: on
 * SQLite the store's one connection is held by the transaction, so a query
 * on `store.db` would wait for it forever.
 */
export async function writeTransaction<T>(
  store: TrackingStore,
  work: (db: Kysely<StoreTables>) => Promise<T>,
): Promise<T> {
  if (store.dialect === "postgres") return store.db.transaction().execute(work);
  return store.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      // SQLite may already have rolled back (e.g. on SQLITE_FULL); the original error is what matters.
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

/** True when the error is a primary-key or unique-constraint violation (either engine). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    code === "SQLITE_CONSTRAINT_UNIQUE"
  );
}

/** True when the error is a foreign-key violation (a row referring to one that does not exist). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
