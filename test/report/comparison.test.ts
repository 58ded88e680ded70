import { describe, expect, it } from "vitest";
import { comparisonStatisticsTable, renderComparison } from "../../runtime/report/comparison.js";
import { syntheticTearSheetInput } from "./fixtures/synthetic-input.js";

const a = syntheticTearSheetInput({ seed: 7, title: "alpha" });
const b = syntheticTearSheetInput({ seed: 11, alpha: -0.0002, title: "beta" });
const c = syntheticTearSheetInput({ seed: 13, title: "gamma" });

describe("comparison report", () => {
  it("puts statistics side by side with differences against the first run", () => {
    const table = comparisonStatisticsTable(
      [
        { name: "a", input: a },
        { name: "b", input: b },
        { name: "c", input: c },
      ],
      ["a", "b", "c"],
    );
    expect(table.headers).toEqual(["statistic", "a", "b", "c", "b − a", "c − a"]);
    const sharpe = (x: typeof a) => x.statistics!.find((s) => s.key === "sharpeRatio")!.strategy!;
    const row = table.rows.find((r) => r[0]!.text === "Sharpe ratio")!;
    expect(row[1]!.text).toBe(sharpe(a).toFixed(2));
    const d = sharpe(b) - sharpe(a);
    expect(row[4]!.text).toBe(`${d > 0 ? "+" : ""}${d.toFixed(2)}`);
    expect(row[4]!.cls).toBe(d > 0 ? "pos" : "neg");
    const vol = table.rows.find((r) => r[0]!.text === "Volatility (ann.)")!;
    const dv =
      b.statistics!.find((s) => s.key === "annualVolatility")!.strategy! -
      a.statistics!.find((s) => s.key === "annualVolatility")!.strategy!;
    expect(vol[4]!.cls).toBe(dv > 0 ? "neg" : "pos");
  });

  it("renders overlaid equity and drawdown with one legend entry per run", async () => {
    const html = await renderComparison([
      { name: "run", input: a },
      { name: "run", input: b },
    ]);
    const sections = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(sections).toEqual(["runs", "equity", "drawdown", "statistics"]);
    expect(html).toContain("run (2)");
    expect(html).toContain("Comparison: run vs run (2)");
    expect(html).not.toMatch(/<script|<link/i);
  });

  it("needs at least two runs", async () => {
    await expect(renderComparison([{ name: "a", input: a }])).rejects.toThrow(/at least two/);
  });
});
