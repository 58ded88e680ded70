/**
 * Risk-overlay overhead on the bundled S&P 500 daily bars (2000-2020, ~5,100
 * bars) with a 50/200-day SMA signal, for the core overlay (vol_target,
 * drawdown_control, position_limits) and the full six-rule profile (+
 * stop_loss, concentration, kill_switch).
 *
 * The overlay's own time is measured directly: the inputs the engine hands it
 * at every bar (proposed targets, equity, peak, cash, weights) are recorded
 * from one guarded run, then replayed through a freshly reset overlay many
 * times; the replay loop without rules is subtracted. That time is set against
 *  - the backtest stage as a run executes it (`createBacktestStage(...).run`:
 *    the strategy and buy-and-hold benchmark through the vectorized engine,
 *    statistics for both, backtest.json / equity.csv / trades.csv written),
 *  - the same without writing files (`runBacktestSection`), and
 *  - the stricter engine + statistics of the strategy alone.
 * A difference measurement (backtest with the overlay − the same backtest fed
 * the overlay's resulting targets) is printed as a cross-check; it is noisier.
 * Prints readable lines, then one JSON line. One process's measurement:
 * bench/risk.ts runs it in several fresh processes and reports the medians.
 */
import { rmSync } from "node:fs";
import type { PortfolioState, TargetOverlay } from "../../runtime/contracts/portfolio.js";
import { createCostModel } from "../../runtime/backtest/costs/cost-model.js";
import {
  createBacktestStage,
  runBacktestSection,
  strategySignal,
} from "../../runtime/backtest/stage.js";
import { computeStatistics } from "../../runtime/backtest/stats/compute.js";
import { runVectorized } from "../../runtime/backtest/vectorized/engine.js";
import { copyInto } from "../../runtime/core/copy-into.js";
import type { Mutable } from "../../runtime/core/mutable.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { compileRiskSection } from "../../runtime/risk/compile.js";
import type { RiskSpec } from "../../runtime/spec/types.generated.js";
import { readOhlcvCsv } from "../../test/support/csv-panel.js";
import { createTestRunContext } from "../../test/support/run-context.js";
import { resolveSchemaValue } from "../../runtime/spec/resolve-value.js";
import { sectionDefaults } from "../../runtime/spec/section-defaults.js";

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
const env = { symbols: panel.symbols, periodsPerYear: 252 };
const costs = createCostModel(sectionDefaults("backtest/costs"));

const coreRules = [
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
];
// The profiles as a loaded spec holds them: validated, the rules' defaults filled.
const core: RiskSpec = resolveSchemaValue("risk", { rules: coreRules }, "bench");
const full: RiskSpec = resolveSchemaValue(
  "risk",
  {
    rules: [
      ...coreRules,
      { type: "stop_loss", method: "trailing", stop: 0.08, cooldown_bars: 10 },
      { type: "concentration", max_weight: 1 },
      { type: "kill_switch", max_drawdown: 0.3 },
    ],
  },
  "bench",
);
/** Best of `rounds` medians of `runs` timings (ms), after a warm-up. */
function timeIt(fn: () => void, runs = 21, rounds = 5): number {
  for (let i = 0; i < 10; i++) fn();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    best = Math.min(best, times[Math.floor(runs / 2)]!);
  }
  return best;
}

interface OverlayCall {
  readonly proposed: Float64Array;
  readonly weights: Float64Array;
  readonly bar: number;
  readonly time: number;
  readonly equity: number;
  readonly peakEquity: number;
  readonly cash: number;
}

/** One guarded run: every overlay call's inputs, and the targets it produced ([symbol][t]). */
function record(section: RiskSpec): { calls: OverlayCall[]; targets: Float64Array[] } {
  const inner = compileRiskSection(section, env);
  const calls: OverlayCall[] = [];
  const targets = panel.symbols.map(() => new Float64Array(n));
  runVectorized(panel, [signal], {
    cash: 10_000,
    costs,
    overlay: {
      reset: () => inner.reset(),
      apply(proposed, state) {
        calls.push({ ...state, proposed: proposed.slice(), weights: state.weights.slice() });
        const r = inner.apply(proposed, state);
        r.targets.forEach((v, s) => {
          targets[s]![state.bar] = v;
        });
        return r;
      },
    },
  });
  return { calls, targets };
}

/** Feeds the recorded inputs through a reset overlay (or only walks them, without one). */
function replay(calls: readonly OverlayCall[], overlay?: TargetOverlay): number {
  const view: Mutable<PortfolioState> = {
    bar: 0,
    time: 0,
    equity: 0,
    peakEquity: 0,
    cash: 0,
    weights: new Float64Array(panel.symbols.length),
    closes: panel.close,
    highs: panel.high,
    lows: panel.low,
  };
  overlay?.reset();
  let events = 0;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!;
    view.bar = c.bar;
    view.time = c.time;
    view.equity = c.equity;
    view.peakEquity = c.peakEquity;
    view.cash = c.cash;
    copyInto(view.weights, c.weights);
    if (overlay) events += overlay.apply(c.proposed, view).events.length;
    else events += c.proposed.length;
  }
  return events;
}

const data = { panel, segments: { train: { start: 0, end: n }, test: { start: 0, end: n } } };
const sectionAll = { ...sectionDefaults("backtest"), segment: "all" as const };
const signalOf = (weights: Float64Array[]) => ({
  weights,
  symbols: panel.symbols,
  source: "sma_crossover",
  params: { fast: 50, slow: 200 },
});
const backtest = (weights: Float64Array[], overlay?: TargetOverlay) =>
  runBacktestSection(sectionAll, data, signalOf(weights), overlay).riskEvents.length;
const engineAndStats = (weights: Float64Array[]) => {
  const r = runVectorized(panel, weights, { cash: 10_000, costs });
  computeStatistics({
    timestamps: r.timestamps,
    equity: r.equity,
    trades: r.trades,
    exposure: r.exposure,
    closes: close,
  });
};

/** The risk stage's output for `risk` on the panel: its overlay and risk.json document. */
function riskOutput(risk: RiskSpec) {
  const overlay = compileRiskSection(risk, env);
  const document = {
    rules: risk.rules,
    symbols: env.symbols,
    periodsPerYear: env.periodsPerYear,
    initialState: overlay.initialState(),
  };
  return { overlay, document };
}

/** Median ms of the backtest stage run (with its file writes) into a scratch run folder. */
async function stageMs(risk?: RiskSpec, runs = 11, rounds = 3): Promise<number> {
  const stage = createBacktestStage(sectionAll, { withRisk: risk !== undefined });
  const ctx = createTestRunContext("backtest");
  // The same bars through the data layer, as a run loads them.
  const dataset = await loadDataset(
    resolveSchemaValue("data", { source: "bundled", name: "sp500" }, "bench"),
  );
  const input = {
    data: dataset,
    signal: strategySignal(
      resolveSchemaValue("strategy", { type: "sma_crossover", fast: 50, slow: 200 }, "bench"),
      dataset.panel,
    ),
    ...(risk ? { risk: riskOutput(risk) } : {}),
  };
  for (let i = 0; i < 3; i++) await stage.run(ctx, input);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await stage.run(ctx, input);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    best = Math.min(best, times[Math.floor(runs / 2)]!);
  }
  rmSync(ctx.run.dir, { recursive: true, force: true });
  return best;
}

const profiles = { core, full } as const;
const measured: Record<string, { overlayMs: number; events: number; differenceMs: number }> = {};
const walkMs: number[] = [];
const backtestMs = timeIt(() => backtest([signal]));
const engineStatsMs = timeIt(() => engineAndStats([signal]));
const backtestStageMs = await stageMs();
const stageWith: Record<string, number> = {
  core: (await stageMs(core)) - backtestStageMs,
  full: (await stageMs(full)) - backtestStageMs,
};
for (const [name, section] of Object.entries(profiles)) {
  const { calls, targets } = record(section);
  const overlay = compileRiskSection(section, env);
  const walk = timeIt(() => replay(calls), 41);
  walkMs.push(walk);
  const overlayMs = Math.max(0, timeIt(() => replay(calls, overlay), 41) - walk);
  const events = replay(calls, overlay);
  const withOverlay = timeIt(() => backtest([signal], overlay));
  const fedTargets = timeIt(() => backtest(targets));
  measured[name] = { overlayMs, events, differenceMs: withOverlay - fedTargets };
}

const f = (v: number) => v.toFixed(3);
const pct = (part: number, whole: number) => (100 * part) / whole;
console.log(
  `S&P 500 daily, ${n} bars, SMA 50/200 signal; best of 5 medians. Overlay time measured by replaying the engine's recorded inputs through it (replay loop ${f(Math.min(...walkMs))} ms subtracted).`,
);
console.log(
  `  backtest stage (strategy + buy-and-hold benchmark, statistics, files written): ${f(backtestStageMs)} ms`,
);
console.log(
  `  backtest without files (runBacktestSection):                                ${f(backtestMs)} ms`,
);
console.log(
  `  engine + statistics of the strategy alone:                                  ${f(engineStatsMs)} ms`,
);
const figures: Record<string, number> = { bars: n, backtestStageMs, backtestMs, engineStatsMs };
for (const [name, m] of Object.entries(measured)) {
  const label =
    name === "core"
      ? "core overlay (vol_target, drawdown_control, position_limits)"
      : "full overlay (all six rules)";
  console.log(
    `  ${label}, ${m.events} events: ${f(m.overlayMs)} ms = ${((m.overlayMs * 1e6) / n).toFixed(0)} ns/bar → ` +
      `+${pct(m.overlayMs, backtestStageMs).toFixed(1)}% of the backtest stage, +${pct(m.overlayMs, backtestMs).toFixed(1)}% without files, +${pct(m.overlayMs, engineStatsMs).toFixed(1)}% of engine + statistics ` +
      `(difference measurements: backtest with it − fed its targets ${f(m.differenceMs)} ms; ` +
      `stage with it − stage without ${f(stageWith[name]!)} ms = ${pct(stageWith[name]!, backtestStageMs).toFixed(1)}%, more trades written)`,
  );
  figures[`${name}OverlayMs`] = m.overlayMs;
  figures[`${name}OverlayNsPerBar`] = (m.overlayMs * 1e6) / n;
  figures[`${name}OverlayStageOverheadPercent`] = pct(m.overlayMs, backtestStageMs);
  figures[`${name}OverlayBacktestOverheadPercent`] = pct(m.overlayMs, backtestMs);
  figures[`${name}OverlayEngineStatsOverheadPercent`] = pct(m.overlayMs, engineStatsMs);
  figures[`${name}OverlayDifferenceMs`] = m.differenceMs;
  figures[`${name}OverlayStageDifferenceMs`] = stageWith[name]!;
  figures[`${name}RiskEvents`] = m.events;
}
const rounded = Object.fromEntries(
  Object.entries(figures).map(([k, v]) => [
    k,
    Number(v.toFixed(k.endsWith("Events") || k === "bars" ? 0 : 3)),
  ]),
);
console.log(JSON.stringify(rounded));
