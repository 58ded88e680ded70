/**
 * The report stage on a real backtest with a risk overlay and an agent's
 * evaluation in its run folder: the headline opens with the verdict (after
 * and before the overlay, the seeds' mean ± std and IQM), risk events come
 * aggregated into episodes with the raw log in an appendix and a CSV, the
 * scenario analysis is filled from the backtest's risk report, provenance is
 * an appendix with the defaults collapsed, and the report rebuilt from the
 * run folder is the same HTML.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BacktestOutcome } from "../../runtime/backtest/outcome.js";
import { createBacktestStage } from "../../runtime/backtest/stage.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import type { MarketDataset } from "../../runtime/data/market-dataset.js";
import { loadRunTearSheet } from "../../runtime/report/run-folder.js";
import { createReportStage } from "../../runtime/report/stage.js";
import { renderTearSheet } from "../../runtime/report/tear-sheet.js";
import { compileRiskSection } from "../../runtime/risk/compile.js";
import { riskEnvironment } from "../../runtime/risk/environment.js";
import { sectionDefaults } from "../../runtime/spec/section-defaults.js";
import { createTestRunContext } from "../support/run-context.js";
import { resolved, withDefaults } from "../support/spec-values.js";
import { recordDataset, trendWeights } from "./support/real-backtest.js";

const dirs: string[] = [];
let dataset: MarketDataset;
let outcome: BacktestOutcome;
let dir: string;
let html: string;
let out: Awaited<ReturnType<ReturnType<typeof createReportStage>["run"]>>;

const RULES = [
  { type: "drawdown_control", levels: [{ drawdown: 0.04, scale: 0.5 }] },
  { type: "vol_target", target: 0.1, estimator: "ewma", max_leverage: 1 },
];

/** What the agent stage writes to stages/signal/evaluation.json (shape of runtime/agents/stage.ts). */
const EVALUATION = {
  seeds: 3,
  episodesPerSeed: 4,
  train: { n: 12, mean: 0.0421, std: 0.0132, iqm: 0.0398, min: 0.01, max: 0.07 },
  valid: { n: 12, mean: -0.0113, std: 0.02, iqm: -0.0097, min: -0.05, max: 0.02 },
  test: { n: 12, mean: 0.0075, std: 0.0311, iqm: 0.0061, min: -0.04, max: 0.06 },
  perSeed: [],
  verdict: "…",
  comparison: {
    verdict: "…",
    range: { start: 0, end: 1 },
    agent: { totalReturn: 0.031, sharpeRatio: 9.5, maxDrawdown: -0.05 },
    buyAndHold: { totalReturn: 0.2, sharpeRatio: 0.8, maxDrawdown: -0.14 },
    baseline: {
      name: "sma_crossover",
      stats: { totalReturn: 0.11, sharpeRatio: 0.58, maxDrawdown: -0.1 },
    },
  },
};

const sectionOf = (id: string): string => {
  const start = html.indexOf(`<section id="${id}"`);
  if (start < 0) return "";
  return html.slice(start, html.indexOf("</section>", start));
};

beforeAll(async () => {
  dataset = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }));
  const { panel } = dataset;
  const risk = resolved("risk", { rules: RULES });
  const overlay = compileRiskSection(risk, riskEnvironment(panel));
  const ctx = createTestRunContext("report");
  dir = ctx.run.dir;
  // Recorded in the run folder as a run's data and backtest stages leave it.
  recordDataset(dir, dataset);
  outcome = await createBacktestStage(
    resolved("backtest", {
      cash: 10_000,
      costs: { commission: 0.001 },
      baseline: { type: "sma_crossover", fast: 10, slow: 50 },
    }),
    { withRisk: true },
  ).run(createTestRunContext("backtest", 42, dir), {
    data: dataset,
    // A source that is no rule strategy: the backtest runs the baseline beside it, as for an agent.
    signal: { weights: trendWeights(panel.close, 20), symbols: panel.symbols, source: "ppo" },
    risk: {
      overlay,
      document: {
        rules: risk.rules,
        symbols: panel.symbols,
        periodsPerYear: 252,
        initialState: overlay.initialState(),
      },
    },
  });
  dirs.push(dir);
  writeFileSync(
    join(dir, "run.json"),
    JSON.stringify({
      id: "test-run",
      name: "test",
      seed: 1,
      specHash: "c".repeat(64),
      dataHash: dataset.hash,
    }),
  );
  writeFileSync(
    join(dir, "spec.resolved.yaml"),
    "name: t\nseed: 1\nbacktest:\n  cash: 10000\n  fill: next_open\n",
  );
  writeFileSync(
    join(dir, "spec.provenance.json"),
    JSON.stringify({
      "/name": "user",
      "/seed": "user",
      "/backtest/cash": "user",
      "/backtest/fill": "default",
    }),
  );
  mkdirSync(join(dir, "stages", "signal"), { recursive: true });
  writeFileSync(join(dir, "stages", "signal", "evaluation.json"), JSON.stringify(EVALUATION));
  mkdirSync(join(dir, "stages", "risk"), { recursive: true });
  writeFileSync(join(dir, "stages", "risk", "risk.json"), JSON.stringify({ rules: RULES }));
  const stage = createReportStage(sectionDefaults("report"), { withData: true });
  out = await stage.run(ctx, { data: dataset, backtest: outcome });
  html = readFileSync(out.html!, "utf8");
}, 60_000);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("headline: the verdict first", () => {
  it("states in words and numbers whether the strategy beat the benchmark and baseline, after the overlay", () => {
    const kpis = sectionOf("kpis");
    const s = outcome.strategy.statistics;
    const b = outcome.benchmark!.statistics;
    const beatBenchmark = s.sharpeRatio > b.sharpeRatio;
    const lead = kpis.match(/<p class="lead ([^"]*)">([^<]*)<\/p>/)!;
    expect(lead[2]).toContain("on the test segment (");
    expect(lead[2]).toContain("after risk overlay");
    expect(lead[2]).toContain(
      `ppo ${s.sharpeRatio.toFixed(2)} (${(s.totalReturn * 100).toFixed(2)}%)`,
    );
    expect(lead[2]).toContain(`buy_and_hold ${b.sharpeRatio.toFixed(2)}`);
    expect(lead[2]).toContain("sma_crossover baseline");
    expect(lead[2]).toContain(beatBenchmark ? "ppo beat buy_and_hold" : "NOT beat buy_and_hold");
    // The headline comes before every other section.
    expect(html.match(/<section id="([^"]+)"/)?.[1]).toBe("kpis");
  });

  it("labels the two test figures: after the risk overlay (backtest) and before it (the agent alone)", () => {
    const kpis = sectionOf("kpis");
    expect(kpis).toContain("ppo — after risk overlay");
    expect(kpis).toContain("ppo — before risk overlay");
    expect(kpis).toContain("3.10%"); // the evaluation's test return, before the overlay
    expect(kpis).toMatch(
      /ppo beat buy_and_hold and the sma_crossover baseline on the test segment \([^)]*\), before risk overlay/,
    );
    expect(kpis).toContain("Risk overlay: drawdown_control, vol_target.");
    // The headline statistics say which figure they are.
    expect(kpis).toMatch(/<div class="tile-sub">after risk overlay · benchmark [^<]+<\/div>/);
  });

  it("shows the seeds' mean ± std and IQM on train, valid and test", () => {
    const kpis = sectionOf("kpis");
    expect(kpis).toContain("3 seeds × 4 deterministic episodes");
    expect(kpis).toMatch(
      /<td class="">train<\/td>\s*<td class="num pos">0\.0421 ± 0\.0132<\/td>\s*<td class="num pos">0\.0398<\/td>/,
    );
    expect(kpis).toMatch(
      /valid<\/td>\s*<td class="num neg">-0\.0113 ± 0\.02<\/td>\s*<td class="num neg">-0\.0097<\/td>/,
    );
    expect(kpis).toContain("IQM: interquartile mean");
  });
});

describe("risk events", () => {
  it("are aggregated into episodes with a timeline; the raw log is an appendix and a CSV", () => {
    const events = outcome.riskEvents.length;
    expect(events).toBeGreaterThan(20);
    const section = sectionOf("risk_events");
    const title = section.match(/Risk events \((\d+) episodes?, (\d+) events?\)/)!;
    expect(Number(title[2])).toBe(events);
    expect(Number(title[1])).toBeLessThan(events);
    expect(section).toContain('id="chart-risk-episodes"');
    expect(section).toContain("stages/backtest/risk-events.csv");
    // Episode rows, not event rows: fewer rows than events.
    const rows = section.match(/<tr>/g)?.length ?? 0;
    expect(rows - 1).toBe(Number(title[1]));
    const log = sectionOf("risk_event_log");
    expect(log).toContain(`Appendix: risk event log (${events} events)`);
    // Collapsed: the HTML opens it on demand, the PDF leaves it out; the CSV has every event.
    expect(log).toMatch(/<details class="collapsed"><summary>Show \d+ events<\/summary>/);
    expect(log.indexOf("<table")).toBeGreaterThan(log.indexOf("<details"));
    expect(log).toContain("stages/backtest/risk-events.csv");
    // The appendix comes after the main sections, before provenance.
    expect(html.indexOf('<section id="risk_event_log"')).toBeGreaterThan(
      html.indexOf('<section id="data_quality"'),
    );
    expect(html.indexOf('<section id="risk_event_log"')).toBeLessThan(
      html.indexOf('<section id="provenance"'),
    );
  });
});

describe("scenario analysis", () => {
  it("is filled from the backtest's risk report: stress windows, price and volatility shocks, VaR/CVaR", () => {
    const section = sectionOf("scenarios");
    for (const kind of ["stress window", "price shock", "value at risk", "volatility shock"])
      expect(section).toContain(`<td class="">${kind}</td>`);
    expect(section).toContain("one-bar CVaR 95% (historical)");
    expect(section).toContain('id="chart-scenario-analysis"');
    const report = JSON.parse(
      readFileSync(join(dir, "stages", "report", "risk-report.json"), "utf8"),
    ) as { strategy: { valueAtRisk: { alpha: number }[]; stress: { worstWindows: unknown[] } } };
    expect(report.strategy.valueAtRisk.map((v) => v.alpha)).toEqual([0.05, 0.01]);
    expect(report.strategy.stress.worstWindows).toHaveLength(3);
  });
});

describe("provenance appendix", () => {
  it("shows the hashes and the values the spec set; defaults and the resolved spec are collapsed", () => {
    const section = sectionOf("provenance");
    expect(section).toContain("Appendix: provenance");
    expect(section).toContain("c".repeat(64));
    expect(section).toMatch(/<td class="">\/backtest<\/td>\s*<td class="">cash: 10000<\/td>/);
    expect(section).not.toContain("<details open");
    const closed = section.slice(section.indexOf('<details class="collapsed">'));
    expect(closed).toContain("1 value taken from the schema defaults");
    expect(closed).toContain("/backtest/fill");
    expect(section.indexOf("/backtest/fill")).toBeGreaterThan(section.indexOf("<details"));
    expect(closed).toContain("Resolved spec (YAML)");
  });
});

describe("rebuilt from the run folder", () => {
  it("renders the same HTML from the run folder's stage files", async () => {
    expect(existsSync(join(dir, "stages", "report", "prices.csv"))).toBe(true);
    const again = await renderTearSheet(loadRunTearSheet(dir), {
      logScale: sectionDefaults("report").log_scale,
      maxTrades: sectionDefaults("report").max_trades,
      sections: sectionDefaults("report").sections,
    });
    expect(again).toBe(html);
  });
});
