/**
 * Run queries over the tracking store (runtime/store/run-query.ts) on SQLite
 * and PostgreSQL: columns, sort (nulls last both ways), filter semantics,
 * paging, unknown metrics with "did you mean", and a property test: for
 * random filters, sorts, columns and pages, the store answers exactly what a
 * plain in-memory filter and sort of the same rows gives.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import type { RunField } from "../../runtime/store/run-fields.js";
import type { FilterNode } from "../../runtime/store/run-filter.js";
import { RunQueryError } from "../../runtime/store/run-query-error.js";
import {
  countRuns,
  metricKeys,
  parseRunQuery,
  queryRuns,
  type RunQuery,
  type RunRow,
} from "../../runtime/store/run-query.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { type SeedRun, seedRuns } from "../support/store-runs.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-run-query-"));
let postgres: PostgresInstance;
const stores = new Map<string, TrackingStore>();

/** A deterministic data set: ties, missing metrics, odd experiment names (% _ case), params and tags. */
function dataset(): SeedRun[] {
  let state = 12345;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const experiments = ["Base", "swx-alpha", "SWX_beta", "gamma%", "delta", "swx"];
  const statuses = ["complete", "failed", "running", "interrupted"];
  return Array.from({ length: 70 }, (_, i) => {
    const metrics = new Map<string, number>();
    if (next() > 0.2) metrics.set("sharpe", Math.round((next() * 4 - 1) * 10) / 10);
    metrics.set("cagr", Math.round((next() - 0.3) * 100) / 100);
    metrics.set("maxDrawdown", 0 - Math.round(next() * 50) / 100 + 0);
    if (next() > 0.5) metrics.set("test.sharpe", Math.round((next() * 3 - 1) * 1000) / 1000);
    const params = new Map<string, unknown>();
    if (next() > 0.1) params.set("backtest.costs.commission", pick([0, 0.0005, 0.001, 0.002]));
    params.set("strategy.type", pick(["sma_crossover", "ppo", "buy_and_hold"]));
    if (next() > 0.7) params.set("report.enabled", next() > 0.5);
    const tags = new Map<string, string>();
    if (next() > 0.4) tags.set("owner", pick(["ana", "bob", "Ana-M"]));
    const day = String(1 + (i % 28)).padStart(2, "0");
    const hour = String(Math.floor(next() * 24)).padStart(2, "0");
    return {
      id: `2026${String(1 + (i % 3)).padStart(2, "0")}${day}-${hour}0000-run-${String(i).padStart(3, "0")}`,
      experiment: pick(experiments),
      kind: pick(["experiment", "sweep"]),
      status: pick(statuses),
      seed: next() > 0.15 ? Math.floor(next() * 10) : null,
      startedAt: `2026-${String(1 + (i % 3)).padStart(2, "0")}-${day}T${hour}:00:00.000Z`,
      endedAt: next() > 0.3 ? `2026-04-${day}T${hour}:30:00.000Z` : null,
      metrics,
      params,
      tags,
    };
  });
}

const runs = dataset();
const limits = resolveStoreConfig({}).query;

beforeAll(async () => {
  postgres = await startPostgres();
  const sqlite = await openStore({
    config: resolveStoreConfig({ url: "sqlite:runs.db" }),
    baseDir: root,
    env: {},
  });
  const pg = await openStore({
    config: resolveStoreConfig({ url: await postgres.createDatabase("run_query") }),
    baseDir: root,
    env: {},
  });
  for (const store of [sqlite, pg]) await seedRuns(store, runs);
  stores.set("sqlite", sqlite);
  stores.set("postgres", pg);
}, 120_000);

afterAll(async () => {
  for (const store of stores.values()) await store.close();
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

// ---- the reference: a plain in-memory filter and sort of the same rows ----

const lowerAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function runValue(run: SeedRun, name: Extract<RunField, { kind: "run" }>["name"]) {
  switch (name) {
    case "id":
      return run.id;
    case "experiment":
      return run.experiment;
    case "kind":
      return run.kind ?? "experiment";
    case "status":
      return run.status;
    case "seed":
      return run.seed;
    case "started":
      return run.startedAt;
    case "ended":
      return run.endedAt ?? null;
  }
}

function compareValues(a: number | string, op: string, b: number | string): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    default:
      return lowerAscii(String(a)).includes(lowerAscii(String(b)));
  }
}

function matches(run: SeedRun, node: FilterNode): boolean {
  switch (node.kind) {
    case "and":
      return node.operands.every((n) => matches(run, n));
    case "or":
      return node.operands.some((n) => matches(run, n));
    case "not":
      return !matches(run, node.operand);
    case "compare": {
      const { field, op, value } = node;
      if (field.kind === "run") {
        const v = runValue(run, field.name);
        return v !== null && compareValues(v, op, value);
      }
      if (field.kind === "metric") {
        const v = run.metrics?.get(field.key);
        return v !== undefined && compareValues(v, op, value);
      }
      if (field.kind === "tag") {
        const v = run.tags?.get(field.key);
        return v !== undefined && compareValues(v, op, value);
      }
      if (!run.params?.has(field.key)) return false;
      const p = run.params.get(field.key);
      if (typeof value === "number") return typeof p === "number" && compareValues(p, op, value);
      const text = JSON.stringify(p);
      if (op === "~") return compareValues(text, "~", value);
      const equal = text === JSON.stringify(value) || text === value;
      return op === "!=" ? !equal : equal;
    }
  }
}

function reference(query: RunQuery): RunRow[] {
  const parsed = parseRunQuery(query, limits);
  const sort =
    parsed.sort.length > 0
      ? parsed.sort
      : [{ column: { kind: "run" as const, name: "started" as const }, descending: true }];
  const sortValue = (run: SeedRun, column: (typeof sort)[number]["column"]) =>
    column.kind === "run" ? runValue(run, column.name) : (run.metrics?.get(column.key) ?? null);
  const selected = runs.filter((run) => parsed.filter === undefined || matches(run, parsed.filter));
  selected.sort((a, b) => {
    for (const { column, descending } of sort) {
      const x = sortValue(a, column);
      const y = sortValue(b, column);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return selected.slice(parsed.offset, parsed.offset + parsed.limit).map((run) => ({
    id: run.id,
    experiment: run.experiment,
    kind: run.kind ?? "experiment",
    status: run.status,
    seed: run.seed,
    startedAt: run.startedAt,
    endedAt: run.endedAt ?? null,
    runDir: run.id,
    metrics: Object.fromEntries(parsed.metrics.map((key) => [key, run.metrics?.get(key) ?? null])),
  }));
}

// ---- random queries, printed as the user would write them ----

const quoted = (text: string): string => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
const metricNames = ["sharpe", "cagr", "maxDrawdown", "test.sharpe"];
const numOp = fc.constantFrom("=", "!=", "<", "<=", ">", ">=");
const textOp = fc.constantFrom("=", "!=", "~");
const comparison: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...metricNames), numOp, fc.constantFrom(-1, -0.2, 0, 0.5, 1, 1.5, 2.2))
    .map(([f, op, v]) => `${f} ${op} ${v}`),
  fc
    .tuple(
      fc.constantFrom("status", "kind"),
      textOp,
      fc.constantFrom("complete", "FAILED", "run", "sweep", "e"),
    )
    .map(([f, op, v]) => `${f} ${op} ${v}`),
  fc
    .tuple(
      fc.constantFrom("name", "experiment", "id"),
      textOp,
      fc.constantFrom("swx", "SWX", "a", "%", "_", "ta", "run-01", "Base", "gamma%"),
    )
    .map(([f, op, v]) => `${f} ${op} ${quoted(v)}`),
  fc.tuple(numOp, fc.integer({ min: -1, max: 10 })).map(([op, v]) => `seed ${op} ${v}`),
  fc
    .tuple(
      fc.constantFrom("started", "ended"),
      numOp,
      fc.constantFrom("2026-01-15", "2026-02-03T10:00:00.000Z", "2026-04-10"),
    )
    .map(([f, op, v]) => `${f} ${op} ${v}`),
  fc
    .tuple(numOp, fc.constantFrom(0, 0.0005, 0.001, 0.002))
    .map(([op, v]) => `param.backtest.costs.commission ${op} ${v}`),
  fc
    .tuple(
      fc.constantFrom("strategy.type", "report.enabled"),
      textOp,
      fc.constantFrom("ppo", "sma", "true", "false"),
    )
    .map(([f, op, v]) => `param.${f} ${op} ${v}`),
  fc
    .tuple(textOp, fc.constantFrom("ana", "A", "bob", "Ana-M"))
    .map(([op, v]) => `tag.owner ${op} ${quoted(v)}`),
);
const filter: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparison,
    tie("node").map((n) => `not ${n}`),
    fc
      .tuple(tie("node"), fc.constantFrom("and", "or", "AND", "Or"), tie("node"))
      .map(([a, j, b]) => `(${a} ${j} ${b})`),
  ),
})).node;
const sortKey = fc
  .tuple(
    fc.constantFrom(
      ...metricNames,
      "started",
      "ended",
      "seed",
      "status",
      "experiment",
      "id",
      "kind",
    ),
    fc.boolean(),
  )
  .map(([f, d]) => `${d ? "-" : ""}${f}`);
const query: fc.Arbitrary<RunQuery> = fc.record(
  {
    columns: fc.subarray([...metricNames, "status", "seed"]),
    sort: fc.array(sortKey, { maxLength: 3 }).map((keys) => keys.join(",")),
    filter,
    limit: fc.integer({ min: 1, max: 80 }),
    offset: fc.integer({ min: 0, max: 60 }),
  },
  { requiredKeys: [] },
);

describe.each(["sqlite", "postgres"])("queryRuns on %s", (engine) => {
  const store = (): TrackingStore => {
    const s = stores.get(engine);
    if (s === undefined) throw new Error("store not open");
    return s;
  };

  it("answers exactly what an in-memory filter and sort of the same rows gives", async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        expect(await queryRuns(store(), q)).toEqual(reference(q));
      }),
      { numRuns: 250, seed: 20261203 },
    );
  }, 120_000);

  it("returns the asked metric columns and sort metrics, null where a run lacks one", async () => {
    const rows = await queryRuns(store(), {
      columns: ["sharpe", "status"],
      sort: "-test.sharpe",
      limit: 70,
    });
    expect(rows).toHaveLength(70);
    for (const row of rows) expect(Object.keys(row.metrics)).toEqual(["sharpe", "test.sharpe"]);
    expect(rows.some((r) => r.metrics.sharpe === null)).toBe(true);
  });

  it("puts runs without the sort metric last, descending and ascending", async () => {
    for (const sort of ["-sharpe", "sharpe"]) {
      const rows = await queryRuns(store(), { sort, limit: 70 });
      const values = rows.map((r) => r.metrics.sharpe);
      const firstNull = values.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
      const present = values.slice(0, firstNull) as number[];
      const sorted = [...present].sort((a, b) => (sort.startsWith("-") ? b - a : a - b));
      expect(present).toEqual(sorted);
    }
  });

  it("sorts newest first by default and pages with limit and offset", async () => {
    const all = await queryRuns(store(), { limit: 70 });
    const started = all.map((r) => r.startedAt);
    expect(started).toEqual([...started].sort().reverse());
    const page = await queryRuns(store(), { limit: 10, offset: 20 });
    expect(page.map((r) => r.id)).toEqual(all.slice(20, 30).map((r) => r.id));
    expect(await countRuns(store())).toBe(70);
  });

  it("matches ~ as a case-insensitive substring, with % and _ taken literally", async () => {
    const percent = await queryRuns(store(), { filter: "name ~ '%'", limit: 70 });
    expect(percent.length).toBeGreaterThan(0);
    expect(percent.every((r) => r.experiment.includes("%"))).toBe(true);
    const underscore = await queryRuns(store(), { filter: "name ~ _", limit: 70 });
    expect(underscore.every((r) => r.experiment.includes("_"))).toBe(true);
    const swx = await queryRuns(store(), { filter: "name ~ SwX", limit: 70 });
    expect(new Set(swx.map((r) => r.experiment))).toEqual(
      new Set(["swx-alpha", "SWX_beta", "swx"]),
    );
  });

  it("refuses a metric no run has, suggesting the near one, in the filter, columns and sort", async () => {
    const error = await queryRuns(store(), { filter: "sharpe > 1 and maxDrawdwn >= -0.2" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunQueryError);
    expect((error as RunQueryError).column).toBe(16);
    expect((error as Error).message).toContain("did you mean maxDrawdown?");
    expect((error as Error).message).toContain(
      "  sharpe > 1 and maxDrawdwn >= -0.2\n                 ^",
    );
    await expect(queryRuns(store(), { columns: ["cgar"] })).rejects.toThrow(
      /columns: .*did you mean cagr\?/,
    );
    await expect(queryRuns(store(), { sort: "-Sharpe" })).rejects.toThrow(
      /sort: .*did you mean sharpe\?/,
    );
    await expect(queryRuns(store(), { columns: ["zzz"] })).rejects.toThrow(
      /metrics in the store include cagr/,
    );
    expect(await metricKeys(store())).toEqual(["cagr", "maxDrawdown", "sharpe", "test.sharpe"]);
  });
});

describe("queryRuns on an empty store", () => {
  it("accepts any well-formed metric and answers no rows", async () => {
    const empty = await openStore({
      config: resolveStoreConfig({ url: "sqlite:empty.db" }),
      baseDir: root,
      env: {},
    });
    try {
      expect(
        await queryRuns(empty, { columns: ["sharpe"], sort: "-sharpe", filter: "sharpe > 1" }),
      ).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
