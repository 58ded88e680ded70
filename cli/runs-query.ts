import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { runQueryMessages } from "../runtime/messages/run-query.js";
import { DEFAULT_RUNS_DIR } from "../runtime/run/runs.js";
import { openStore, type TrackingStore } from "../runtime/store/open-store.js";
import { parseRunColumns } from "../runtime/store/run-columns.js";
import { RunQueryError } from "../runtime/store/run-query-error.js";
import {
  parseRunQuery,
  queryRuns,
  type RunQuery,
  type RunQueryLimits,
  type RunRow,
} from "../runtime/store/run-query.js";
import { parseStoreLocation, storeUrl } from "../runtime/store/store-location.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";
import { DEFAULT_TABLE_COLUMNS, formatRunsTable, tableColumns } from "./runs-table.js";
import { cliStoreOptions } from "./store-option.js";

export interface RunsQueryOptions {
  /** The tracking store (`--store`), else DRLWB_STORE, else the schema's default. */
  readonly store?: string;
  /** Runs folder the store indexes (checked for folders the store does not have). */
  readonly dir?: string;
  readonly columns?: string;
  readonly sort?: string;
  readonly filter?: string;
  readonly limit?: string;
  readonly offset?: string;
  readonly json?: boolean;
}

const WHOLE = /^\d{1,15}$/;

/** `--limit`/`--offset` text → the query's numbers (a bad one is the query's own error). */
function queryOf(options: RunsQueryOptions, limits: RunQueryLimits): RunQuery {
  const { limit, offset } = options;
  if (limit !== undefined && !WHOLE.test(limit))
    throw new RunQueryError(runQueryMessages.badLimit(limit, limits.max_limit), "limit");
  if (offset !== undefined && !WHOLE.test(offset))
    throw new RunQueryError(runQueryMessages.badOffset(offset), "offset");
  return {
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
    ...(options.sort !== undefined ? { sort: options.sort } : {}),
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(limit !== undefined ? { limit: Number(limit) } : {}),
    ...(offset !== undefined ? { offset: Number(offset) } : {}),
  };
}

/**
 * `drlwb runs list`: the runs the tracking store indexes as a table (id,
 * experiment, status, then `--columns`), sorted, filtered and limited in
 * the store. A store that lacks run folders of `--dir` says so and points to
 * `drlwb store reindex`. A SQLite store that does not exist yet is read as
 * empty (listing never creates it).
 */
export async function runsQueryCommand(options: RunsQueryOptions, io: CliIO): Promise<ExitCode> {
  const storeOptions = cliStoreOptions(options.store);
  const query = queryOf(options, storeOptions.config.query);
  const location = parseStoreLocation(
    storeUrl(storeOptions.config.url, storeOptions.env),
    storeOptions.baseDir,
  );
  let rows: RunRow[] = [];
  let indexed = new Set<string>();
  if (location.dialect === "sqlite" && location.file !== ":memory:" && !existsSync(location.file)) {
    parseRunQuery(query, storeOptions.config.query);
  } else {
    const store = await openStore(storeOptions);
    try {
      rows = await queryRuns(store, query);
      indexed = await indexedFolders(store);
    } finally {
      await store.close();
    }
  }
  const folders = runFolders(options.dir ?? DEFAULT_RUNS_DIR);
  const missing = folders.filter((name) => !indexed.has(name)).length;
  const dir = options.dir ?? DEFAULT_RUNS_DIR;
  if (missing > 0)
    io.stderr.write(
      `${
        indexed.size === 0
          ? runQueryMessages.notIndexed(location.display, dir, missing)
          : runQueryMessages.partlyIndexed(location.display, dir, missing)
      }\n`,
    );
  if (options.json) {
    printJson(io, rows);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    io.stdout.write(
      `${indexed.size === 0 ? runQueryMessages.noRuns() : runQueryMessages.noMatch()}\n`,
    );
    return EXIT.ok;
  }
  const asked = parseRunColumns(query.columns ?? [], storeOptions.config.query.max_columns);
  const sortMetrics = rows[0] ? Object.keys(rows[0].metrics) : [];
  const columns = tableColumns([
    ...(asked.length > 0 ? asked : DEFAULT_TABLE_COLUMNS),
    ...sortMetrics.map((key) => ({ kind: "metric" as const, key })),
  ]);
  io.stdout.write(`${formatRunsTable(rows, columns)}\n`);
  const limit = query.limit ?? storeOptions.config.query.default_limit;
  if (rows.length === limit)
    io.stderr.write(`${runQueryMessages.shownOf(rows.length, query.offset ?? 0)}\n`);
  return EXIT.ok;
}

/** The run folders the store knows (`run_dir`, relative to the runs folder). */
async function indexedFolders(store: TrackingStore): Promise<Set<string>> {
  const rows = await store.db.selectFrom("runs").select("run_dir").execute();
  return new Set(rows.map((r) => r.run_dir));
}

/** Names of the run folders under `dir` (folders holding a run.json), without reading them. */
function runFolders(dir: string): string[] {
  const root = resolve(dir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter(
      (e) =>
        e.isDirectory() && !e.name.startsWith(".") && existsSync(join(root, e.name, "run.json")),
    )
    .map((e) => e.name);
}
