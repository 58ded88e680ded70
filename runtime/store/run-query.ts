import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { didYouMean } from "../core/suggest.js";
import { runQueryMessages as m } from "../messages/run-query.js";
import type { StoreSpec } from "../spec/types.generated.js";
import { parseRunColumns, parseRunSort, type RunColumn, type RunSortKey } from "./run-columns.js";
import { RUN_FIELD_COLUMNS } from "./run-fields.js";
import {
  type FilterComparison,
  type FilterNode,
  filterError,
  parseRunFilter,
} from "./run-filter.js";
import { RunQueryError } from "./run-query-error.js";
import type { StoreDialect } from "./dialect.js";
import type { TrackingStore } from "./open-store.js";
import type { RunMetricsTable, StoreTables } from "./tables.js";

/** A query over the runs the store indexes (`drlwb runs list`, `queryRuns`, `GET /runs?…`). */
export interface RunQuery {
  /** Metrics (`sharpe`, `test.sharpe`) and run fields (`status`, `seed`, `started`); each may be comma-separated. */
  readonly columns?: readonly string[] | string;
  /** `-sharpe` (descending), `started`, or several: `-sharpe,started`. Default: newest first. */
  readonly sort?: string;
  /** The filter language: `sharpe > 1 and name ~ swx` (see docs/store.md, "Querying runs"). */
  readonly filter?: string;
  /** Rows to return (default `store.query.default_limit`, at most `store.query.max_limit`). */
  readonly limit?: number;
  /** Rows to skip first. */
  readonly offset?: number;
}

/** One run of a query's answer. */
export interface RunRow {
  readonly id: string;
  readonly experiment: string;
  readonly kind: string;
  readonly status: string;
  readonly seed: number | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** The run folder, relative to the runs folder the store indexes. */
  readonly runDir: string;
  /** Each metric column and metric sort key; null when the run does not have it. */
  readonly metrics: Readonly<Record<string, number | null>>;
}

export type RunQueryLimits = StoreSpec["query"];

/** A query after its parts were parsed and checked against the limits. */
export interface ParsedRunQuery {
  readonly columns: readonly RunColumn[];
  readonly sort: readonly RunSortKey[];
  readonly filter: FilterNode | undefined;
  readonly limit: number;
  readonly offset: number;
  /** The metrics each row carries: metric columns, then metric sort keys (one join each). */
  readonly metrics: readonly string[];
}

/** Parses and bounds every part of a query (no database access). */
export function parseRunQuery(query: RunQuery, limits: RunQueryLimits): ParsedRunQuery {
  const columns = parseRunColumns(query.columns ?? [], limits.max_columns);
  const sort = parseRunSort(query.sort ?? "", limits.max_columns);
  const filter =
    query.filter !== undefined && query.filter.trim() !== ""
      ? parseRunFilter(query.filter, limits)
      : undefined;
  const limit = query.limit ?? limits.default_limit;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > limits.max_limit)
    throw new RunQueryError(m.badLimit(String(limit), limits.max_limit), "limit");
  const offset = query.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new RunQueryError(m.badOffset(String(offset)), "offset");
  const metrics = new Set<string>();
  for (const column of [...columns, ...sort.map((s) => s.column)])
    if (column.kind === "metric") metrics.add(column.key);
  return { columns, sort, filter, limit, offset, metrics: [...metrics] };
}

/**
 * The runs matching a query, sorted, one page of them. Written once for
 * SQLite and PostgreSQL: one left join of run_metrics per metric column or
 * metric sort key, filter comparisons on other metrics, params and tags as
 * `exists` subqueries; every name and value from the query is a bound
 * parameter. A comparison on something a run does not have (a metric, a
 * param, a tag, an end time) is false, so `not` of it is true. Sorting puts
 * runs without the sort key last in both directions; ties are broken by id.
 * A metric no run in the store has is refused (with "did you mean…?").
 */
export async function queryRuns(store: TrackingStore, query: RunQuery): Promise<RunRow[]> {
  const parsed = parseRunQuery(query, store.config.query);
  await checkMetricNames(store, parsed, query);
  return runParsedQuery(store, parsed);
}

/** How many runs the store holds. */
export async function countRuns(store: TrackingStore): Promise<number> {
  const row = await store.db
    .selectFrom("runs")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Joined run_metrics aliases (`m0`, `m1`, …): chosen here, never taken from the query. */
type MetricAlias = `m${number}`;
type QueryTables = StoreTables & { [A in MetricAlias]: RunMetricsTable };
type RunsEb = ExpressionBuilder<QueryTables & { r: StoreTables["runs"] }, "r">;

const alias = (i: number): MetricAlias => `m${i}`;

/**
 * Which runs a step reads when the first sort key is a metric: those that
 * have it (inner join: the database walks the run_metrics (key, value) index
 * in order and stops after the page), then, to fill the page, those that do
 * not (they sort last in both directions). `all`: any other sort.
 */
type Part = "all" | "with" | "without";

async function runParsedQuery(store: TrackingStore, parsed: ParsedRunQuery): Promise<RunRow[]> {
  const first = parsed.sort[0]?.column;
  if (first?.kind !== "metric")
    return selectRuns(store, parsed, "all", parsed.limit, parsed.offset);
  const having = await selectRuns(store, parsed, "with", parsed.limit, parsed.offset);
  if (having.length === parsed.limit) return having;
  // How many runs have the metric: known from a partial page, else counted.
  const count =
    having.length > 0 || parsed.offset === 0
      ? parsed.offset + having.length
      : await countWith(store, parsed);
  const rest = await selectRuns(
    store,
    parsed,
    "without",
    parsed.limit - having.length,
    Math.max(0, parsed.offset - count),
  );
  return [...having, ...rest];
}

/** The runs with their joins and the filter (no selection, order or page yet). */
function matchingRuns(store: TrackingStore, parsed: ParsedRunQuery, part: Part) {
  const aliases = new Map(parsed.metrics.map((key, i) => [key, alias(i)]));
  const firstKey = parsed.sort[0]?.column;
  const inner =
    part === "with" && firstKey?.kind === "metric" ? aliases.get(firstKey.key) : undefined;
  const joined = parsed.metrics.reduce(
    (q, key, i) =>
      alias(i) === inner
        ? q.innerJoin(`run_metrics as ${alias(i)}`, (join) =>
            join.onRef(`${alias(i)}.run_id`, "=", "r.id").on(`${alias(i)}.key`, "=", key),
          )
        : q.leftJoin(`run_metrics as ${alias(i)}`, (join) =>
            join.onRef(`${alias(i)}.run_id`, "=", "r.id").on(`${alias(i)}.key`, "=", key),
          ),
    store.db.withTables<{ [A in MetricAlias]: RunMetricsTable }>().selectFrom("runs as r"),
  );
  const filter = parsed.filter;
  const missing =
    part === "without" && firstKey?.kind === "metric" ? aliases.get(firstKey.key) : undefined;
  return joined.where((eb) =>
    eb.and([
      ...(filter !== undefined
        ? [filterExpression(eb, filter, { aliases, dialect: store.dialect })]
        : []),
      ...(missing !== undefined ? [eb(metricRef(missing), "is", null)] : []),
    ]),
  );
}

async function countWith(store: TrackingStore, parsed: ParsedRunQuery): Promise<number> {
  const row = await matchingRuns(store, parsed, "with")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function selectRuns(
  store: TrackingStore,
  parsed: ParsedRunQuery,
  part: Part,
  limit: number,
  offset: number,
): Promise<RunRow[]> {
  const aliases = new Map(parsed.metrics.map((key, i) => [key, alias(i)]));
  let q = matchingRuns(store, parsed, part)
    .select([
      "r.id",
      "r.experiment",
      "r.kind",
      "r.status",
      "r.seed",
      "r.started_at",
      "r.ended_at",
      "r.run_dir",
    ])
    .select(parsed.metrics.map((_, i) => metricRef(alias(i)).as(alias(i))));
  const sort: readonly RunSortKey[] =
    parsed.sort.length > 0
      ? parsed.sort
      : [{ column: { kind: "run", name: "started" }, descending: true }];
  sort.forEach((key, i) => {
    const expr = sortExpression(key.column, aliases, store.dialect);
    // The first metric key of the "with" part is never null: ordered as its index is (no nulls clause).
    q =
      i === 0 && part === "with"
        ? q.orderBy(expr, key.descending ? "desc" : "asc")
        : q.orderBy(expr, (ob) => (key.descending ? ob.desc() : ob.asc()).nullsLast());
  });
  if (!sort.some((s) => s.column.kind === "run" && s.column.name === "id"))
    q = q.orderBy(bytewise(sql.ref("r.id"), store.dialect), "asc");
  const rows = await q.limit(limit).offset(offset).execute();
  return rows.map((row) => {
    const values = new Map<string, unknown>(Object.entries(row));
    return {
      id: row.id,
      experiment: row.experiment,
      kind: row.kind,
      status: row.status,
      seed: row.seed,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      runDir: row.run_dir,
      metrics: Object.fromEntries(
        parsed.metrics.map((key, i) => [key, finiteOrNull(values.get(alias(i)))]),
      ),
    };
  });
}

function finiteOrNull(value: unknown): number | null {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

const metricRef = (a: MetricAlias) => sql.ref<number | null>(`${a}.value`);

function runColumnRef(name: Extract<RunColumn, { kind: "run" }>["name"]) {
  const column = RUN_FIELD_COLUMNS.get(name) ?? "id";
  return sql.ref<string | number | null>(`r.${column}`);
}

/**
 * A text column compared byte by byte on both engines: PostgreSQL orders
 * text by the database's locale unless told `collate "C"`; SQLite's default
 * (BINARY) already is.
 */
function bytewise(ref: Expression<unknown>, dialect: StoreDialect): Expression<unknown> {
  return dialect === "postgres" ? sql`${ref} collate "C"` : ref;
}

function sortExpression(
  column: RunColumn,
  aliases: ReadonlyMap<string, MetricAlias>,
  dialect: StoreDialect,
) {
  if (column.kind === "run")
    return column.name === "seed"
      ? runColumnRef(column.name)
      : bytewise(runColumnRef(column.name), dialect);
  return metricRef(aliases.get(column.key) ?? alias(0));
}

interface FilterContext {
  readonly aliases: ReadonlyMap<string, MetricAlias>;
  readonly dialect: StoreDialect;
}

function filterExpression(eb: RunsEb, node: FilterNode, ctx: FilterContext): Expression<SqlBool> {
  switch (node.kind) {
    case "and":
      return eb.and(node.operands.map((n) => filterExpression(eb, n, ctx)));
    case "or":
      return eb.or(node.operands.map((n) => filterExpression(eb, n, ctx)));
    case "not":
      return eb.not(filterExpression(eb, node.operand, ctx));
    case "compare":
      return comparison(eb, node, ctx);
  }
}

/** `lower(x) like lower('%text%')`: a case-insensitive substring match; the text's own % _ \ are escaped. */
function contains(target: Expression<unknown>, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${target}) like lower(cast(${pattern} as text)) escape '\\'`;
}

type Operator = "=" | "!=" | "<" | "<=" | ">" | ">=";

function comparison(eb: RunsEb, node: FilterComparison, ctx: FilterContext): Expression<SqlBool> {
  const { field, op, value } = node;
  const { aliases, dialect } = ctx;
  const compare = (target: Expression<unknown>): Expression<SqlBool> =>
    op === "~" ? contains(target, String(value)) : eb(target, op satisfies Operator, value);
  switch (field.kind) {
    case "run": {
      const ref = runColumnRef(field.name);
      // seed is an integer column: compared as a double so `seed > 1.5` is valid on PostgreSQL too.
      const target =
        field.name === "seed"
          ? sql<number>`cast(${ref} as double precision)`
          : bytewise(ref, dialect);
      return eb.and([eb(ref, "is not", null), compare(target)]);
    }
    case "metric": {
      const joined = aliases.get(field.key);
      if (joined !== undefined) {
        const ref = metricRef(joined);
        return eb.and([eb(ref, "is not", null), compare(ref)]);
      }
      return eb.exists(
        eb
          .selectFrom("run_metrics as fm")
          .select("fm.key")
          .whereRef("fm.run_id", "=", "r.id")
          .where("fm.key", "=", field.key)
          .where((sub) => compare(sub.ref("fm.value"))),
      );
    }
    case "param":
      return eb.exists(
        eb
          .selectFrom("run_params as fp")
          .select("fp.key")
          .whereRef("fp.run_id", "=", "r.id")
          .where("fp.key", "=", field.key)
          .where((sub) => {
            if (typeof value === "number") return compare(sub.ref("fp.number"));
            if (op === "~") return contains(sub.ref("fp.value"), value);
            // A text value equals the param's JSON (`"sma"`) or its literal (`true`, `null`).
            const equal = sub.or([
              sub("fp.value", "=", JSON.stringify(value)),
              sub("fp.value", "=", value),
            ]);
            return op === "!=" ? sub.not(equal) : equal;
          }),
      );
    case "tag":
      return eb.exists(
        eb
          .selectFrom("run_tags as ft")
          .select("ft.key")
          .whereRef("ft.run_id", "=", "r.id")
          .where("ft.key", "=", field.key)
          .where((sub) => compare(bytewise(sub.ref("ft.value"), dialect))),
      );
  }
}

/**
 * Refuses a metric no run in the store has (a typo would otherwise match
 * nothing), with the nearest known name. An empty store refuses nothing.
 */
async function checkMetricNames(
  store: TrackingStore,
  parsed: ParsedRunQuery,
  query: RunQuery,
): Promise<void> {
  const named: { key: string; fail: (problem: string) => RunQueryError }[] = [];
  for (const column of parsed.columns)
    if (column.kind === "metric")
      named.push({ key: column.key, fail: (p) => new RunQueryError(m.inColumns(p), "columns") });
  for (const { column } of parsed.sort)
    if (column.kind === "metric")
      named.push({ key: column.key, fail: (p) => new RunQueryError(m.inSort(p), "sort") });
  if (parsed.filter !== undefined)
    for (const c of comparisons(parsed.filter))
      if (c.field.kind === "metric")
        named.push({
          key: c.field.key,
          fail: (p) => filterError(query.filter ?? "", c.column, p),
        });
  const checked = new Map<string, boolean>();
  for (const { key, fail } of named) {
    let known = checked.get(key);
    if (known === undefined) {
      known = (await hasMetric(store, key)) || !(await hasAnyMetric(store));
      checked.set(key, known);
    }
    if (known) continue;
    const keys = await metricKeys(store);
    throw fail(m.unknownMetric(key, didYouMean(key, keys), keys.slice(0, 12)));
  }
}

function* comparisons(node: FilterNode): Generator<FilterComparison> {
  if (node.kind === "compare") yield node;
  else if (node.kind === "not") yield* comparisons(node.operand);
  else for (const operand of node.operands) yield* comparisons(operand);
}

async function hasMetric(store: TrackingStore, key: string): Promise<boolean> {
  const row = await store.db
    .selectFrom("run_metrics")
    .select("key")
    .where("key", "=", key)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function hasAnyMetric(store: TrackingStore): Promise<boolean> {
  return (
    (await store.db.selectFrom("run_metrics").select("key").limit(1).executeTakeFirst()) !==
    undefined
  );
}

/** The metric names in the store (`select distinct key from run_metrics`), sorted. */
export async function metricKeys(store: TrackingStore): Promise<string[]> {
  const rows = await store.db
    .selectFrom("run_metrics")
    .select("key")
    .distinct()
    .orderBy("key")
    .execute();
  return rows.map((r) => r.key);
}
