/**
 * Risk-overlay overhead: the vectorized backtest engine on the bundled S&P 500
 * daily bars (2000-2020, ~5,100 bars) with a 50/200-day SMA signal, without an
 * overlay and with the core overlay (vol_target, drawdown_control,
 * position_limits) and the full conservative profile (specs/risk-conservative.yaml
 * rules). The overhead is measured against the same backtest fed the overlay's
 * resulting targets (so both make the same trades), for the whole backtest
 * (engine + statistics, as the backtest stage runs it) and for the engine loop
 * alone. Prints readable lines, then one JSON line.
 */
import type { TargetOverlay } from "../runtime/backtest/contracts.js";
import { computeStatistics } from "../runtime/backtest/stats/compute.js";
import { runVectorized } from "../runtime/backtest/vectorized/engine.js";
import { createCostModel } from "../runtime/backtest/costs/cost-model.js";
import { compileRiskSection, type RiskSection } from "../runtime/risk/compile.js";
import { readOhlcvCsv } from "../test/support/csv-panel.js";

const panel = readOhlcvCsv("sp500_daily_2000_2020_vega.csv", "SPX");
const close = panel.close[0]!;
const n = close.length;
const sma = (w: number, t: number) => {
  let s = 0;
  for (let k = 0; k < w; k++) s += close[t - k]!;
  return s / w;
};
const signal = new Float64Array(n);
for (let t = 199; t < n; t++) signal[t] = sma(50, t) > sma(200, t) ? 1 : 0;
const targets = [signal];
const env = { symbols: panel.symbols, periodsPerYear: 252 };
const costs = createCostModel({});

const core: RiskSection = {
  rules: [
    { type: "vol_target", target: 0.1, max_leverage: 1 },
    {
      type: "drawdown_control",
      levels: [
        { drawdown: 0.1, scale: 0.5 },
        { drawdown: 0.2, scale: 0 },
      ],
      reentry: { after_bars: 20 },
    },
    { type: "position_limits", max_position: 1, allow_short: false },
  ],
};
const full: RiskSection = {
  rules: [
    ...core.rules,
    { type: "stop_loss", method: "trailing", stop: 0.08, cooldown_bars: 10 },
    { type: "concentration", max_weight: 1 },
    { type: "kill_switch", max_drawdown: 0.3 },
  ],
};

function median(fn: () => void, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

/** The overlay's output targets ([symbol][t]) recorded from one guarded run. */
function recordTargets(section: RiskSection): Float64Array[] {
  const inner = compileRiskSection(section, env);
  const out = panel.symbols.map(() => new Float64Array(n));
  runVectorized(panel, targets, {
    cash: 10_000,
    costs,
    overlay: {
      reset: () => inner.reset(),
      apply(proposed, state) {
        const r = inner.apply(proposed, state);
        r.targets.forEach((v, s) => {
          out[s]![state.bar] = v;
        });
        return r;
      },
    },
  });
  return out;
}

/** One backtest as the backtest stage runs it: the engine, then the statistics. */
function backtest(weights: readonly Float64Array[], overlay?: TargetOverlay): number {
  const r = runVectorized(panel, weights, { cash: 10_000, costs, ...(overlay ? { overlay } : {}) });
  computeStatistics({
    timestamps: r.timestamps,
    equity: r.equity,
    trades: r.trades,
    exposure: r.exposure,
    commissions: r.commissions,
    closes: close,
  });
  return r.riskEvents.length;
}
const engineOnly = (weights: readonly Float64Array[], overlay?: TargetOverlay): number =>
  runVectorized(panel, weights, { cash: 10_000, costs, ...(overlay ? { overlay } : {}) }).riskEvents
    .length;

const runs = 21;
const coreTargets = recordTargets(core);
const fullTargets = recordTargets(full);
const variants: Record<string, () => number> = {
  engineCoreTargets: () => engineOnly(coreTargets),
  engineCoreOverlay: () => engineOnly(targets, compileRiskSection(core, env)),
  engineFullTargets: () => engineOnly(fullTargets),
  engineFullOverlay: () => engineOnly(targets, compileRiskSection(full, env)),
  backtestCoreTargets: () => backtest(coreTargets),
};
// Interleave the variants over rounds so machine load affects them alike; keep each one's best median.
const best: Record<string, number> = {};
const events: Record<string, number> = {};
for (let round = 0; round < 5; round++) {
  for (const [name, fn] of Object.entries(variants)) {
    const ms = median(() => {
      events[name] = fn();
    }, runs);
    best[name] = Math.min(best[name] ?? Infinity, ms);
  }
}
const b = (k: string) => best[k]!;
const coreAdded = b("engineCoreOverlay") - b("engineCoreTargets");
const fullAdded = b("engineFullOverlay") - b("engineFullTargets");
const backtestMs = b("backtestCoreTargets");
const figures = {
  bars: n,
  backtestMs,
  engineMs: b("engineCoreTargets"),
  coreOverlayAddedMs: coreAdded,
  fullOverlayAddedMs: fullAdded,
  coreOverlayBacktestOverheadPercent: (100 * coreAdded) / backtestMs,
  fullOverlayBacktestOverheadPercent: (100 * fullAdded) / backtestMs,
  coreOverlayEngineOverheadPercent: (100 * coreAdded) / b("engineCoreTargets"),
  fullOverlayEngineOverheadPercent: (100 * fullAdded) / b("engineFullTargets"),
  coreOverlayNsPerBar: (coreAdded * 1e6) / n,
  fullOverlayNsPerBar: (fullAdded * 1e6) / n,
  coreRiskEvents: events.engineCoreOverlay ?? 0,
  fullRiskEvents: events.engineFullOverlay ?? 0,
};
const f = (v: number) => v.toFixed(3);
console.log(
  `S&P 500 daily, ${n} bars, SMA 50/200 signal, vectorized engine (runtime/backtest/vectorized); median of ${runs} runs, best of 5 interleaved rounds.`,
);
console.log(
  "Added time = engine with the overlay − engine fed the overlay's resulting targets precomputed (identical trades).",
);
console.log(`  backtest as the stage runs it (engine + computeStatistics): ${f(backtestMs)} ms`);
console.log(
  `  engine loop alone:                                          ${f(figures.engineMs)} ms`,
);
console.log(
  `  core overlay (vol_target, drawdown_control, position_limits; ${figures.coreRiskEvents} events): +${f(coreAdded)} ms = ${figures.coreOverlayNsPerBar.toFixed(0)} ns/bar → +${figures.coreOverlayBacktestOverheadPercent.toFixed(1)}% of the backtest, +${figures.coreOverlayEngineOverheadPercent.toFixed(0)}% of the engine loop`,
);
console.log(
  `  full overlay (+ stop_loss, concentration, kill_switch; ${figures.fullRiskEvents} events):        +${f(fullAdded)} ms = ${figures.fullOverlayNsPerBar.toFixed(0)} ns/bar → +${figures.fullOverlayBacktestOverheadPercent.toFixed(1)}% of the backtest, +${figures.fullOverlayEngineOverheadPercent.toFixed(0)}% of the engine loop`,
);
const rounded = Object.fromEntries(
  Object.entries(figures).map(([k, v]) => [
    k,
    Number(v.toFixed(k.endsWith("Events") || k === "bars" ? 0 : 3)),
  ]),
);
console.log(JSON.stringify(rounded));
