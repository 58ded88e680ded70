import { strategySection } from "../../../runtime/backtest/strategies/rule-strategy.js";
import { describe, expect, it } from "vitest";
import { instrumentSection } from "../../../runtime/backtest/derivatives/instrument-section.js";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import type {
  FuturesLog,
  OptionsLog,
} from "../../../runtime/backtest/derivatives/instrument-result.js";
import { runInstrumentBacktest } from "../../../runtime/backtest/derivatives/run-instrument-backtest.js";
import { strategySignal } from "../../../runtime/backtest/stage.js";
import { computeStatistics } from "../../../runtime/backtest/stats/index.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { resolved } from "../../support/spec-values.js";
import { sectionDefaults } from "../../../runtime/spec/section-defaults.js";

const panel = readOhlcvCsv("spy_daily_2007_2017_mplfinance.csv", "SPY");
const signal = strategySignal(
  strategySection({ type: "sma_crossover", fast: 10, slow: 50, short: true }),
  panel,
);
const bars = panel.timestamps.length;

describe("instruments on bundled SPY 2007–2017 with an SMA 10/50 long/short signal", () => {
  it("futures with multiplier 1, no margin and no fees reproduce the vectorized engine with whole units", () => {
    const futures = runInstrumentBacktest(
      instrumentSection({
        type: "future",
        multiplier: 1,
        initial_margin: 0,
        maintenance_margin: 0,
      }),
      panel,
      signal.weights,
      { cash: 100_000 },
    );
    const cash = runVectorized(panel, signal.weights, {
      cash: 100_000,
      costs: createCostModel(sectionDefaults("backtest/costs")),
      integerUnits: true,
    });
    for (let t = 0; t < bars; t++) {
      expect(futures.equity[t]).toBeCloseTo(cash.equity[t]!, 6);
      expect(futures.positions[0]![t]).toBe(cash.positions[0]![t]);
    }
    expect(futures.trades.length).toBe(cash.trades.length);
    // The position rolled every quarter it was held: 40 quarterly expiries in 10 years.
    const log = futures.derivatives as FuturesLog;
    expect(log.rolls.length).toBeGreaterThan(30);
    expect(log.rolls.length).toBeLessThanOrEqual(41);
  });

  it("E-mini-like terms (×50, margins, $2.25 fees, quarterly rolls) give statistics and honest costs", () => {
    const r = runInstrumentBacktest(
      instrumentSection({
        type: "future",
        multiplier: 50,
        initial_margin: 600,
        maintenance_margin: 500,
        fee_per_contract: 2.25,
        roll: { cycle: "quarterly", days_before_expiry: 8 },
      }),
      panel,
      signal.weights,
      { cash: 100_000, costs: createCostModel(resolved("backtest/costs", { spread_bps: 1 })) },
    );
    const log = r.derivatives as FuturesLog;
    const fills = log.fills.reduce((n, f) => n + Math.abs(f.contracts), 0);
    const rolled = log.rolls.reduce((n, roll) => n + 2 * Math.abs(roll.contracts), 0);
    expect(r.commissions).toBeCloseTo(2.25 * (fills + rolled), 6);
    const stats = computeStatistics({
      timestamps: r.timestamps,
      equity: r.equity,
      trades: r.trades,
      exposure: r.exposure,
      closes: panel.close[0]!,
    });
    expect(Number.isFinite(stats.sharpeRatio)).toBe(true);
    expect(stats.tradeCount).toBeGreaterThan(20);
    expect(stats.exposureTime).toBeGreaterThan(0.9);
  });

  it("a covered call with realized volatility: one package per expiry while long, statistics computed", () => {
    const longOnly = strategySignal(
      strategySection({ type: "sma_crossover", fast: 10, slow: 50 }),
      panel,
    );
    const r = runInstrumentBacktest(
      instrumentSection({
        type: "option",
        strategy: "covered_call",
        moneyness: 1.02,
        tenor_days: 30,
        volatility: { source: "realized", window: 20, premium: 0.02 },
        rate: 0.01,
        contract_size: 100,
        fee_per_contract: 0.65,
      }),
      panel,
      longOnly.weights,
      { cash: 100_000 },
    );
    const log = r.derivatives as OptionsLog;
    expect(log.openings.length).toBeGreaterThan(40);
    expect(log.openings.every((o) => o.quantity < 0 && o.strike >= o.spot)).toBe(true);
    // Short calls: negative option value and gamma while open, delta below the shares held.
    for (let t = 0; t < bars; t++) {
      expect(log.optionValue[t]).toBeLessThanOrEqual(0);
      expect(log.greeks.gamma[t]).toBeLessThanOrEqual(0);
      expect(log.greeks.delta[t]).toBeLessThanOrEqual(r.positions[0]![t]! + 1e-9);
    }
    const stats = computeStatistics({
      timestamps: r.timestamps,
      equity: r.equity,
      trades: r.trades,
      exposure: r.exposure,
      closes: panel.close[0]!,
    });
    expect(Number.isFinite(stats.annualReturn)).toBe(true);
    expect(Number.isFinite(stats.sharpeRatio)).toBe(true);
    expect(stats.tradeCount).toBe(r.trades.length);
  });
});
