/**
 * A sweep trial is the run's backtest: for every engine setting a spec can
 * give (fills, rebalancing, costs, sessions, the event engine, integer
 * units) and with a risk overlay, the trial's metrics equal the headline
 * statistics the backtest stage reports for the same weights, key by key.
 */
import { describe, expect, it } from "vitest";
import { runBacktestSection } from "../../../runtime/backtest/stage.js";
import { createStrategyRegistry } from "../../../runtime/backtest/strategies/registry.js";
import { resolveParams } from "../../../runtime/backtest/strategies/rule-strategy.js";
import { createTrialEvaluator } from "../../../runtime/backtest/sweep/evaluate-trial.js";
import { METRIC_COUNT, SWEEP_METRICS } from "../../../runtime/backtest/sweep/sweep-metrics.js";
import { compileRiskSection } from "../../../runtime/risk/compile.js";
import { riskEnvironment } from "../../../runtime/risk/environment.js";
import type { BacktestSpec, RiskSpec } from "../../../runtime/spec/types.generated.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { resolved } from "../../support/spec-values.js";

const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
const bars = goog.timestamps.length;
const data = {
  panel: goog,
  segments: {
    train: { start: 0, end: 1100 },
    valid: { start: 1100, end: 1600 },
    test: { start: 1600, end: bars },
  },
};
const sma = createStrategyRegistry().get("sma_crossover");
const weights = (fast: number, slow: number) =>
  sma.weights(goog, resolveParams(sma, { type: "sma_crossover", fast, slow, short: true }));

const risk: RiskSpec = resolved("risk", {
  rules: [
    {
      type: "drawdown_control",
      levels: [
        { drawdown: 0.05, scale: 0.5 },
        { drawdown: 0.1, scale: 0 },
      ],
      reentry: { after_bars: 10 },
    },
    { type: "vol_target", target: 0.12, max_leverage: 1 },
  ],
});

const sections: Record<string, unknown> = {
  "next open, proportional costs": { costs: { commission: 0.002 }, segment: "valid" },
  "this close, spread and minimum commission, every bar": {
    fill: "this_close",
    rebalance: "every_bar",
    costs: { commission: 0.001, spread_bps: 5, commission_minimum: 1 },
    segment: "test",
  },
  "event engine, integer units": {
    engine: "event",
    integer_units: true,
    costs: { commission: 0.002 },
    segment: "test",
  },
  "no benchmark, risk-free rate": {
    benchmark: "none",
    risk_free_rate: 0.02,
    costs: { commission: 0.001 },
    segment: "valid",
  },
};

/** The run's headline of one backtest (metrics.json backtest.strategy), null as NaN. */
function runHeadline(section: BacktestSpec, w: Float64Array[], withRisk: boolean): number[] {
  const overlay = withRisk
    ? compileRiskSection(risk, riskEnvironment(goog, section.periods_per_year))
    : undefined;
  const outcome = runBacktestSection(
    section,
    data,
    { weights: w, symbols: goog.symbols, source: "sma_crossover", params: {} },
    overlay,
  );
  return SWEEP_METRICS.map((m) => outcome.metrics.strategy[m] ?? Number.NaN);
}

describe("a sweep trial = the run's backtest and statistics", () => {
  it.each(Object.entries(sections))("%s", (_name, raw) => {
    const section = resolved("backtest", raw);
    for (const withRisk of [false, true]) {
      const evaluate = createTrialEvaluator(data, {
        backtest: section,
        ...(withRisk ? { risk } : {}),
      });
      const out = new Float64Array(METRIC_COUNT);
      for (const [fast, slow] of [
        [5, 20],
        [10, 30],
      ] as const) {
        const w = weights(fast, slow);
        evaluate(w, out, 0);
        expect(Array.from(out)).toEqual(runHeadline(section, w, withRisk));
      }
    }
  });

  it("the risk overlay changes the trial (it is applied, not ignored)", () => {
    const section = resolved("backtest", sections["next open, proportional costs"]);
    const plain = new Float64Array(METRIC_COUNT);
    const managed = new Float64Array(METRIC_COUNT);
    const w = weights(10, 30);
    createTrialEvaluator(data, { backtest: section })(w, plain, 0);
    createTrialEvaluator(data, { backtest: section, risk })(w, managed, 0);
    expect(managed[SWEEP_METRICS.indexOf("equityFinal")]).not.toBe(
      plain[SWEEP_METRICS.indexOf("equityFinal")],
    );
  });
});
