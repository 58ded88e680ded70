import { describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { evaluateKpis, kpiMetrics } from "../../runtime/report/kpi/evaluate.js";
import {
  evaluateExpression,
  ExpressionError,
  parseExpression,
} from "../../runtime/report/kpi/expression.js";

const metrics = kpiMetrics(
  { sharpeRatio: 1.2, maxDrawdown: -0.25, cagr: 0.1, tradeCount: 12, label: "x" },
  { sharpeRatio: 0.8, maxDrawdown: -0.4 },
);

describe("KPI expressions", () => {
  it("follows arithmetic precedence and associativity", () => {
    const cases: [string, number][] = [
      ["1 + 2 * 3", 7],
      ["(1 + 2) * 3", 9],
      ["10 - 4 - 3", 3],
      ["24 / 4 / 3", 2],
      ["-2 * -3", 6],
      ["2e-1 + .3", 0.5],
      ["max(1, 5, 3) - min(4, 2)", 3],
      ["abs(-3) + sqrt(16) + log(1)", 7],
      ["cagr / abs(maxDrawdown)", 0.4],
      ["sharpeRatio - benchmark.sharpeRatio", 1.2 - 0.8],
    ];
    for (const [text, expected] of cases) {
      expect(evaluateExpression(parseExpression(text), metrics)).toBeCloseTo(expected, 12);
    }
  });

  it("rejects malformed expressions with the position of the problem", () => {
    for (const bad of ["1 +", "(1 + 2", "sharpe $ 2", "foo(1)", "1 2", ""]) {
      expect(() => parseExpression(bad)).toThrow(ExpressionError);
    }
    try {
      parseExpression("1 + * 2");
    } catch (error) {
      expect((error as ExpressionError).position).toBe(4);
    }
  });
});

describe("evaluateKpis", () => {
  it("raises alerts on the configured side of the threshold only", () => {
    const rows = evaluateKpis(
      [
        { name: "sharpe_floor", metric: "sharpeRatio", threshold: 1.5, direction: "below" },
        { name: "dd_cap", expr: "abs(maxDrawdown)", threshold: 0.2, direction: "above" },
        { name: "calmar_ok", expr: "cagr / abs(maxDrawdown)", threshold: 0.3, direction: "below" },
        { name: "edge", metric: "sharpeRatio", threshold: 1.2, direction: "below" },
      ],
      metrics,
    );
    expect(rows.map((r) => [r.name, r.triggered])).toEqual([
      ["sharpe_floor", true],
      ["dd_cap", true],
      ["calmar_ok", false],
      ["edge", false],
    ]);
    expect(rows[0]!.message).toContain("sharpe_floor");
    expect(rows[2]!.value).toBeCloseTo(0.4, 12);
  });

  it("alerts when the value cannot be computed", () => {
    const [row] = evaluateKpis(
      [{ name: "nan", expr: "cagr / 0 * 0", threshold: 0, direction: "below" }],
      metrics,
    );
    expect(row!.value).toBeNull();
    expect(row!.triggered).toBe(true);
  });

  it("names unknown metrics with a did-you-mean", () => {
    try {
      evaluateKpis(
        [{ name: "typo", metric: "sharpRatio", threshold: 1, direction: "below" }],
        metrics,
      );
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      expect((error as Error).message).toContain('did you mean "sharpeRatio"');
    }
  });
});
