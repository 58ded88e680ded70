/**
 * Request bodies (server/middleware/json-body.ts, validate-body.ts) at the function level: the
 * nesting scan ignores brackets inside strings and escapes, non-finite numbers are found with
 * an escaped JSON pointer, schema problems are described by field, and the api schema's
 * validators fill defaults.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstNonFinite, nestsDeeperThan } from "../../../server/middleware/json-body.js";
import { createBodyValidators, describeErrors } from "../../../server/middleware/validate-body.js";

/** Nesting depth of a parsed JSON value, for comparison with the text scan. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === "object")
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe("nestsDeeperThan", () => {
  it("agrees with the depth of the parsed value for any JSON document", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(nestsDeeperThan(text, max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 300 },
    );
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(nestsDeeperThan('{"a": "[[[{{{"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a": "\\"[[[", "b": ["\\\\"]}', 2)).toBe(false);
    expect(nestsDeeperThan('{"a": "\\"[[[", "b": [[1]]}', 2)).toBe(true);
  });
});

describe("firstNonFinite", () => {
  it("names the first non-finite number by JSON pointer, escaping ~ and /", () => {
    expect(firstNonFinite({ a: [1, 2, { b: 3 }] })).toBeUndefined();
    expect(firstNonFinite(Number.POSITIVE_INFINITY)).toBe("");
    expect(firstNonFinite({ a: [1, Number.NaN] })).toBe("/a/1");
    expect(firstNonFinite({ "x/y": { "m~n": [0, -Infinity] } })).toBe("/x~1y/m~0n/1");
    expect(firstNonFinite([{ a: 1 }, { b: Infinity }, { c: NaN }])).toBe("/1/b");
    expect(firstNonFinite(JSON.parse('{"big": 1e309}'))).toBe("/big");
  });
});

describe("body validators", () => {
  const validators = createBodyValidators();

  it("compile each api schema once and refuse unknown names", () => {
    expect(validators("PredictRequest")).toBe(validators("PredictRequest"));
    expect(() => validators("NoSuchRequest")).toThrow(/no request schema NoSuchRequest/);
  });

  it("fill defaults and describe problems by field", () => {
    const body: Record<string, unknown> = { observation: [1, 2] };
    expect(validators("PredictRequest")(body)).toBe(true);
    expect(body.deterministic).toBe(true);
    const alias = validators("AliasRequest");
    expect(alias({ alias: "champion", version: "x", extra: 1 })).toBe(false);
    const problems = describeErrors(alias.errors);
    expect(problems).toContainEqual({ path: "/extra", message: "is not a known field" });
    expect(problems.some((p) => p.path === "/version")).toBe(true);
  });

  it("explain a oneOf on its own, and drop it next to more precise problems", () => {
    const oneOf = { keyword: "oneOf", instancePath: "", schemaPath: "#/oneOf", params: {} };
    expect(describeErrors([oneOf])).toEqual([
      {
        path: "/",
        message: "needs exactly one of the alternative fields (e.g. observation or observations)",
      },
    ]);
    const predict = validators("PredictRequest");
    expect(predict({ observation: [1], observations: [[1]] })).toBe(false);
    expect(describeErrors(predict.errors).length).toBeGreaterThan(0);
    expect(
      describeErrors([
        oneOf,
        {
          keyword: "type",
          instancePath: "/a",
          schemaPath: "#",
          params: {},
          message: "must be number",
        },
      ]),
    ).toEqual([{ path: "/a", message: "must be number" }]);
    expect(describeErrors(null)).toEqual([]);
  });
});
