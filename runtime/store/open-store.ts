import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { UserError } from "../core/errors.js";
import { storeMessages } from "../messages/store.js";
import type { StoreSpec } from "../spec/types.generated.js";
import type { StoreDialect } from "./dialect.js";
import { migrateStore } from "./migrate.js";
import { parseStoreLocation, type StoreLocation, storeUrl } from "./store-location.js";
import type { StoreTables } from "./tables.js";

/** An open tracking store: the typed query builder over one of the two engines. */
export interface TrackingStore {
  readonly db: Kysely<StoreTables>;
  readonly dialect: StoreDialect;
  /** The location as it may be shown (no password, the file as configured). */
  readonly display: string;
  readonly config: StoreSpec;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  readonly config: StoreSpec;
  /** Folder `sqlite:` paths are relative to (the workspace root, or the current folder). */
  readonly baseDir: string;
  /** Apply pending migrations (default true; `drlwb store status` opens without). */
  readonly migrate?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** `PRAGMA application_id` of a DRL Workbench SQLite store ("DRLW"). */
export const SQLITE_APPLICATION_ID = 0x44524c57;
const SQLITE_HEADER = "SQLite format 3\0";

/**
 * Opens the store named by `DRLWB_STORE` or the configuration, refuses a
 * corrupt or foreign database with a message naming it (never re-creating
 * it), and applies pending migrations.
 */
export async function openStore(options: OpenStoreOptions): Promise<TrackingStore> {
  const location = parseStoreLocation(storeUrl(options.config.url, options.env), options.baseDir);
  const store =
    location.dialect === "sqlite"
      ? openSqlite(location, options.config)
      : await openPostgres(location, options.config);
  try {
    if (options.migrate ?? true) await migrateStore(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(
  location: Extract<StoreLocation, { dialect: "sqlite" }>,
  config: StoreSpec,
): TrackingStore {
  const { file, display } = location;
  if (file !== ":memory:") {
    if (existsSync(file)) checkSqliteHeader(file, display);
    else mkdirSync(dirname(file), { recursive: true });
  }
  let database: Database.Database | undefined;
  try {
    database = new Database(file, { timeout: config.busy_timeout_ms });
    // Claim before anything writes: switching a foreign file to WAL would already change it.
    claimSqlite(database, display);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
  } catch (error) {
    // Release the file (and the -wal/-shm SQLite opened beside it) before refusing it.
    database?.close();
    if (error instanceof UserError) throw error;
    throw new UserError(storeMessages.corrupt(display, sqliteProblem(error)));
  }
  const db = new Kysely<StoreTables>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: "sqlite", display, config, close: () => db.destroy() };
}

/** A non-empty file that does not start with SQLite's header is refused before SQLite touches it. */
function checkSqliteHeader(file: string, display: string): void {
  if (statSync(file).size === 0) return;
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read < head.length || head.toString("latin1") !== SQLITE_HEADER)
      throw new UserError(storeMessages.notADatabase(display));
  } finally {
    closeSync(fd);
  }
}

/** Marks a new database as ours; refuses one that holds another application's tables. */
function claimSqlite(database: Database.Database, display: string): void {
  const id = database.pragma("application_id", { simple: true });
  if (id === SQLITE_APPLICATION_ID) return;
  const row = database
    .prepare(
      "select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'",
    )
    .get() as { n: number } | undefined;
  if (id !== 0 || (row?.n ?? 0) > 0) throw new UserError(storeMessages.foreign(display));
  database.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
}

function sqliteProblem(error: unknown): string {
  if (error instanceof Error && "code" in error && typeof error.code === "string")
    return error.code;
  return error instanceof Error ? error.message : String(error);
}

async function openPostgres(
  location: Extract<StoreLocation, { dialect: "postgres" }>,
  config: StoreSpec,
): Promise<TrackingStore> {
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max: config.pool_size,
    connectionTimeoutMillis: config.connect_timeout_ms,
    // bigint columns (row ids, seeds) as numbers: the store's ids stay below 2^53.
    types: { getTypeParser: postgresTypeParser },
  });
  // An idle client's error (server restarted) must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
  const store: TrackingStore = {
    db,
    dialect: "postgres",
    display: location.display,
    config,
    close: () => db.destroy(),
  };
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await store.close();
    throw new UserError(
      storeMessages.unreachable(
        location.display,
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
  return store;
}

const INT8_OID = 20;

function postgresTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  if (oid === INT8_OID && format !== "binary") return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
}
