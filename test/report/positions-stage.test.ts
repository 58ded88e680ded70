/**
 * The backtest and report stages in one run folder: the report's
 * allocations come from the backtest stage's weights.csv and positions.csv
 * (so `drlwb report <run>` rebuilds them from the folder), a single-asset run
 * gets its price with the trades marked, and every run the worst drawdown
 * periods of its equity.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBacktestStage } from "../../runtime/backtest/stage.js";
import type { BacktestOutcome } from "../../runtime/backtest/outcome.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import type { MarketDataset } from "../../runtime/data/market-dataset.js";
import { allocationsFromRunFolder } from "../../runtime/report/inputs/allocations.js";
import { loadRunTearSheet } from "../../runtime/report/run-folder.js";
import { createReportStage } from "../../runtime/report/stage.js";
import { renderTearSheet } from "../../runtime/report/tear-sheet.js";
import { sectionDefaults } from "../../runtime/spec/section-defaults.js";
import { worstDrawdownPeriods } from "../../runtime/stats/drawdown-periods.js";
import { createTestRunContext } from "../support/run-context.js";
import { resolved, withDefaults } from "../support/spec-values.js";
import { trendWeights } from "./support/real-backtest.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the backtest then the report stage of a trend rule on a bundled dataset, in one run folder. */
async function backtestAndReport(
  name: string,
  segments?: Parameters<typeof loadDataset>[1],
): Promise<{ dir: string; data: MarketDataset; outcome: BacktestOutcome; html: string }> {
  const data = await loadDataset(withDefaults("data", { source: "bundled", name }), segments);
  const backtestCtx = createTestRunContext("backtest");
  const dir = backtestCtx.run.dir;
  dirs.push(dir);
  writeFileSync(join(dir, "run.json"), JSON.stringify({ id: "test-run", seed: 42 }));
  const outcome = await createBacktestStage(
    resolved("backtest", { cash: 10_000, costs: { commission: 0.001 }, baseline: "none" }),
  ).run(backtestCtx, {
    data,
    signal: {
      weights: trendWeights(data.panel.close, 20),
      symbols: data.panel.symbols,
      source: "trend_20",
    },
  });
  const reportCtx = createTestRunContext("report", 42, dir);
  const out = await createReportStage(
    { ...sectionDefaults("report"), title: name },
    { withData: true },
  ).run(reportCtx, { data, backtest: outcome });
  return { dir, data, outcome, html: readFileSync(out.html!, "utf8") };
}

describe("allocations, price and drawdown periods from a run's stages", () => {
  it("a multi-asset run: allocations held and targeted, contributions adding up to the return", async () => {
    const { dir, data, outcome, html } = await backtestAndReport("eu_indices");
    expect(html).toContain('<section id="allocations"');
    expect(html).not.toContain('<section id="price"');
    const saved = loadRunTearSheet(dir);
    const a = saved.allocations!;
    expect(a.symbols).toEqual(data.panel.symbols);
    expect(a.times).toHaveLength(outcome.strategy.equity.length);
    const total = a.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(total).toBeCloseTo(outcome.strategy.equity.at(-1)! / 10_000 - 1, 6);
    for (const [s, c] of a.contributions.entries())
      expect(c.pnl).toBeCloseTo(outcome.strategy.symbolPnl[s]!.at(-1)!, 4);
    // The section is the run folder's: read back from the CSVs, it is the same.
    expect(allocationsFromRunFolder(dir)?.contributions).toEqual(a.contributions);
    // Rebuilt from the folder, the report shows the same section.
    const rebuilt = await renderTearSheet(saved, { sections: ["allocations"] });
    expect(rebuilt).toContain('id="chart-allocations-actual"');
  }, 60_000);

  it("a single-asset run: the price with every entry and exit, volume beneath; the worst drawdowns", async () => {
    const { dir, outcome, html } = await backtestAndReport("goog", {
      segments: {
        train: { start: "2004-08-19", end: "2009-12-31" },
        valid: { start: "2010-01-04", end: "2010-12-31" },
        test: { start: "2011-01-03", end: "2013-03-01" },
      },
    });
    expect(html).toContain('<section id="price"');
    expect(html).not.toContain('<section id="allocations"');
    const saved = loadRunTearSheet(dir);
    const price = saved.price!;
    expect(price.symbol).toBe("GOOG");
    expect(price.close.values).toHaveLength(outcome.strategy.equity.length);
    expect(price.volume?.values).toHaveLength(outcome.strategy.equity.length);
    const { trades, openTrades } = outcome.strategy;
    expect(trades.length).toBeGreaterThan(3);
    expect(price.markers).toHaveLength(2 * trades.length + openTrades.length);
    expect(price.markers.filter((m) => m.kind === "exit")).toHaveLength(trades.length);
    expect(price.markers[0]).toMatchObject({
      time: trades[0]!.entryTime,
      price: trades[0]!.entryPrice,
      kind: "entry",
    });
    const worst = worstDrawdownPeriods(outcome.strategy.timestamps, outcome.strategy.equity, 5);
    expect(saved.drawdownPeriods?.map((p) => p.depth)).toEqual(worst.map((p) => p.depth));
    expect(html).toContain("Worst 5 drawdown periods");
  }, 60_000);
});
