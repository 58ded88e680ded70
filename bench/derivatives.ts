/**
 * npm run bench -- derivatives
 * Throughput of the instrument backtests reachable from specs
 * (`backtest.instrument`): futures (E-mini-like terms, quarterly rolls,
 * margin account) and a realized-volatility covered call, on bundled SPY
 * 2007–2017 (2,519 daily bars) with an SMA 10/50 signal; next to the
 * vectorized engine on the same weights for scale.
 */
import { strategySection } from "../runtime/backtest/strategies/rule-strategy.js";
import { performance } from "node:perf_hooks";
import { createCostModel } from "../runtime/backtest/costs/index.js";
import { instrumentSection } from "../runtime/backtest/derivatives/instrument-section.js";
import { runInstrumentBacktest } from "../runtime/backtest/derivatives/run-instrument-backtest.js";
import { strategySignal } from "../runtime/backtest/stage.js";
import { runVectorized } from "../runtime/backtest/vectorized/engine.js";
import { readOhlcvCsv } from "../test/support/csv-panel.js";
import { sectionDefaults } from "../runtime/spec/section-defaults.js";

function timeIt(label: string, iterations: number, bars: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(5, iterations); i++) fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = (performance.now() - t0) / iterations;
  console.log(
    `${label}: ${ms.toFixed(2)} ms per run, ${((bars / ms) * 1000).toFixed(0)} bars/s (${iterations} runs)`,
  );
  return ms;
}

const panel = readOhlcvCsv("spy_daily_2007_2017_mplfinance.csv", "SPY");
const bars = panel.timestamps.length;
const signal = strategySignal(
  strategySection({ type: "sma_crossover", fast: 10, slow: 50, short: true }),
  panel,
);
const longOnly = strategySignal(
  strategySection({ type: "sma_crossover", fast: 10, slow: 50 }),
  panel,
);
const futures = instrumentSection({
  type: "future",
  multiplier: 50,
  initial_margin: 600,
  maintenance_margin: 500,
  fee_per_contract: 2.25,
});
const coveredCall = instrumentSection({
  type: "option",
  strategy: "covered_call",
  moneyness: 1.02,
  tenor_days: 30,
  volatility: { source: "realized", window: 20, premium: 0.02 },
  contract_size: 100,
});
const costs = createCostModel({ ...sectionDefaults("backtest/costs"), spread_bps: 1 });
console.log(`SPY 2007–2017: ${bars} bars, SMA 10/50 signal`);
const futuresMs = timeIt("futures (×50, quarterly rolls)", 50, bars, () =>
  runInstrumentBacktest(futures, panel, signal.weights, { cash: 100_000, costs }),
);
const optionsMs = timeIt("covered call (realized vol 20)", 50, bars, () =>
  runInstrumentBacktest(coveredCall, panel, longOnly.weights, { cash: 100_000, costs }),
);
const vectorizedMs = timeIt("vectorized engine, same weights", 200, bars, () =>
  runVectorized(panel, signal.weights, { cash: 100_000, costs }),
);
console.log(
  JSON.stringify({
    bars,
    futuresRunMs: Number(futuresMs.toFixed(3)),
    optionsRunMs: Number(optionsMs.toFixed(3)),
    vectorizedRunMs: Number(vectorizedMs.toFixed(3)),
    futuresBarsPerSecond: Math.round((bars / futuresMs) * 1000),
    optionsBarsPerSecond: Math.round((bars / optionsMs) * 1000),
  }),
);
