/**
 * The run filter language (runtime/store/run-filter.ts): what it parses to,
 * precedence, values, and every kind of mistake reported with the filter,
 * a caret at the right column and what was expected.
 */
import { describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { type FilterNode, parseRunFilter } from "../../runtime/store/run-filter.js";
import { parseRunColumns, parseRunSort } from "../../runtime/store/run-columns.js";
import { RunQueryError } from "../../runtime/store/run-query-error.js";
import { parseRunQuery } from "../../runtime/store/run-query.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";

const limits = resolveStoreConfig({}).query;
const parse = (text: string): FilterNode => parseRunFilter(text, limits);

/** The error a filter raises, with the column its caret points at (checked against the message). */
function failure(text: string, custom = limits): RunQueryError {
  try {
    parseRunFilter(text, custom);
  } catch (error) {
    expect(error).toBeInstanceOf(RunQueryError);
    const e = error as RunQueryError;
    expect(isUserError(e)).toBe(true);
    const lines = e.message.split("\n");
    expect(lines[0]).toContain(`column ${e.column}`);
    // The caret sits under the column in the excerpt line (both indented by two spaces).
    const excerpt = lines[1] ?? "";
    const caret = lines[2] ?? "";
    expect(caret.trimEnd().endsWith("^")).toBe(true);
    if (!excerpt.includes("…")) expect(caret.length - 3).toBe((e.column ?? 0) - 1);
    return e;
  }
  throw new Error(`expected ${text} to fail`);
}

describe("parseRunFilter", () => {
  it("parses comparisons on metrics, run fields, params and tags", () => {
    expect(parse("sharpe > 1")).toEqual({
      kind: "compare",
      field: { kind: "metric", key: "sharpe" },
      op: ">",
      value: 1,
      column: 1,
    });
    expect(parse("maxDrawdown >= -0.2")).toMatchObject({ op: ">=", value: -0.2 });
    expect(parse("test.sharpe<=1e-3")).toMatchObject({
      field: { kind: "metric", key: "test.sharpe" },
      op: "<=",
      value: 0.001,
    });
    expect(parse("status = complete")).toMatchObject({
      field: { kind: "run", name: "status" },
      value: "complete",
    });
    expect(parse("name ~ swx")).toMatchObject({
      field: { kind: "run", name: "experiment" },
      op: "~",
      value: "swx",
    });
    expect(parse("id ~ 2026")).toMatchObject({ field: { kind: "run", name: "id" }, value: "2026" });
    expect(parse("param.backtest.costs.commission < 0.001")).toMatchObject({
      field: { kind: "param", key: "backtest.costs.commission" },
      value: 0.001,
    });
    expect(parse("param.strategy.type = sma_crossover")).toMatchObject({ value: "sma_crossover" });
    expect(parse("tag.owner = ana")).toMatchObject({
      field: { kind: "tag", key: "owner" },
      value: "ana",
    });
    expect(parse("tag.ticket = 42")).toMatchObject({ value: "42" });
    expect(parse("metric.status > 0")).toMatchObject({ field: { kind: "metric", key: "status" } });
    expect(parse("seed != 3")).toMatchObject({ field: { kind: "run", name: "seed" }, value: 3 });
    expect(parse("started >= 2026-01-02")).toMatchObject({
      field: { kind: "run", name: "started" },
      value: "2026-01-02",
    });
  });

  it("binds and tighter than or, not tightest; parentheses group; keywords in any case", () => {
    const a = parse("sharpe > 1 or cagr > 0 AND NOT status = failed");
    expect(a).toMatchObject({
      kind: "or",
      operands: [
        { kind: "compare", field: { key: "sharpe" } },
        {
          kind: "and",
          operands: [
            { kind: "compare", field: { key: "cagr" } },
            { kind: "not", operand: { kind: "compare", field: { name: "status" } } },
          ],
        },
      ],
    });
    const b = parse("(sharpe > 1 or cagr > 0) and not (status = failed)");
    expect(b).toMatchObject({ kind: "and", operands: [{ kind: "or" }, { kind: "not" }] });
    expect(parse("a > 1 and b > 2 and c > 3")).toMatchObject({
      kind: "and",
      operands: [{}, {}, {}],
    });
  });

  it("reads quoted text with escapes, and keeps quoted numbers as text", () => {
    expect(parse(`name = "two words"`)).toMatchObject({ value: "two words" });
    expect(parse(`name = 'it\\'s'`)).toMatchObject({ value: "it's" });
    expect(parse(`tag.note = "and"`)).toMatchObject({ value: "and" });
    expect(parse(`param.x = "1"`)).toMatchObject({ field: { kind: "param" }, value: "1" });
  });

  it("reports a missing operator at the value, with what was expected", () => {
    const e = failure("sharpe 1");
    expect(e.column).toBe(8);
    expect(e.message).toContain("expected a comparison (=, !=, <, <=, >, >=, ~)");
    expect(e.message).toContain("  sharpe 1\n         ^");
  });

  it("reports each kind of mistake at its column", () => {
    expect(failure("").message).toContain("expected a field");
    expect(failure("sharpe >").column).toBe(9);
    expect(failure("sharpe >").message).toContain("expected a value");
    expect(failure("(sharpe > 1").message).toContain(
      'expected ")" but found the end of the filter',
    );
    expect(failure("sharpe > 1)").column).toBe(11);
    expect(failure("sharpe > 1 sharpe < 2").message).toContain("expected and, or");
    expect(failure("sharpe > 1 and").column).toBe(15);
    expect(failure("and sharpe > 1").column).toBe(1);
    const unterminated = failure(`name = "abc`);
    expect(unterminated.column).toBe(8);
    expect(unterminated.message).toContain("no closing quote");
    expect(failure("status > complete").message).toContain('> does not apply to "status"');
    expect(failure("status > complete").column).toBe(8);
    expect(failure("sharpe ~ 1").message).toContain("~ does not apply");
    expect(failure("seed ~ 1").column).toBe(6);
    expect(failure("sharpe > high").message).toContain(
      '"sharpe" compares with numbers but found "high"',
    );
    expect(failure("sharpe > high").column).toBe(10);
    expect(failure("sharpe > 'one'").message).toContain("compares with numbers");
    expect(failure("param.x > abc").message).toContain("compares with numbers");
    expect(failure("sharpe..x > 1").message).toContain("is not a valid name");
    expect(failure("tag. = x").message).toContain("is not a valid name");
    expect(failure("= 1").message).toContain("expected a field");
    expect(failure("sharpe > 1 or or").column).toBe(15);
  });

  it("accepts only finite numbers", () => {
    const e = failure("sharpe > 1e999");
    expect(e.column).toBe(10);
    expect(e.message).toContain('"1e999" is not a finite number');
    expect(failure("sharpe > Infinity").message).toContain("compares with numbers");
    expect(failure("sharpe > NaN").message).toContain("compares with numbers");
  });

  it("refuses metric names that would touch an object's prototype", () => {
    expect(failure("__proto__ > 1").message).toContain("cannot be used as a metric name");
    expect(failure("a.constructor > 1").message).toContain("cannot be used as a metric name");
    // As a param or tag key it is only a bound value, never an object key.
    expect(parse("tag.__proto__ = x")).toMatchObject({ field: { kind: "tag", key: "__proto__" } });
  });

  it("bounds the length, the nesting depth and the number of comparisons", () => {
    const small = { ...limits, max_filter_length: 20, max_filter_depth: 3, max_filter_terms: 2 };
    const long = failure("sharpe > 1 and cagr > 0.5", small);
    expect(long.message).toContain("at most 20 are accepted (store.query.max_filter_length)");
    expect(failure("((((sharpe > 1))))", small).message).toContain("deeper than 3 levels");
    expect(failure("not not not not a>1", small).column).toBe(13);
    expect(parse("(((sharpe > 1)))")).toMatchObject({ kind: "compare" });
    expect(failure("a>1 or b>1 or c>1", small).message).toContain("more than 2 comparisons");
    // The default depth holds back a stack-busting filter without recursing into it.
    const deep = `${"(".repeat(5000)}sharpe > 1${")".repeat(5000)}`;
    expect(failure(deep, { ...limits, max_filter_length: 20_000 }).message).toContain(
      `deeper than ${limits.max_filter_depth}`,
    );
  });

  it("shows a long filter as an excerpt around the caret", () => {
    const text = `${"sharpe > 1 and ".repeat(20)}sharpe >> 1`;
    const e = failure(text);
    const [, excerpt = "", caret = ""] = e.message.split("\n");
    expect(excerpt.length).toBeLessThan(90);
    expect(excerpt[caret.length - 1]).toBe(">");
  });
});

describe("columns, sort and limits", () => {
  it("parses comma-separated columns and sort keys", () => {
    expect(parseRunColumns(["sharpe,cagr", " maxDrawdown ", "status", "sharpe"], 20)).toEqual([
      { kind: "metric", key: "sharpe" },
      { kind: "metric", key: "cagr" },
      { kind: "metric", key: "maxDrawdown" },
      { kind: "run", name: "status" },
    ]);
    expect(parseRunSort("-sharpe, +started,seed", 20)).toEqual([
      { column: { kind: "metric", key: "sharpe" }, descending: true },
      { column: { kind: "run", name: "started" }, descending: false },
      { column: { kind: "run", name: "seed" }, descending: false },
    ]);
  });

  it("refuses bad names, params and tags as columns, and too many", () => {
    expect(() => parseRunColumns("sharpe; drop table runs", 20)).toThrow(
      /columns: .*not a valid name/,
    );
    expect(() => parseRunColumns("sharpe,,cagr", 20)).toThrow(/empty name/);
    expect(() => parseRunColumns("param.x", 20)).toThrow(/is not a column/);
    expect(() => parseRunColumns("__proto__", 20)).toThrow(/cannot be used as a metric name/);
    expect(() => parseRunColumns("a,b,c", 2)).toThrow(/3 names given; at most 2/);
    expect(() => parseRunSort("-'x'", 20)).toThrow(/sort: .*not a valid name/);
  });

  it("checks limit and offset", () => {
    expect(parseRunQuery({}, limits).limit).toBe(limits.default_limit);
    for (const limit of [0, -1, 1.5, Number.NaN, limits.max_limit + 1])
      expect(() => parseRunQuery({ limit }, limits)).toThrow(RunQueryError);
    expect(() => parseRunQuery({ offset: -1 }, limits)).toThrow(/offset/);
    expect(parseRunQuery({ limit: limits.max_limit, offset: 5 }, limits)).toMatchObject({
      limit: limits.max_limit,
      offset: 5,
    });
  });
});
