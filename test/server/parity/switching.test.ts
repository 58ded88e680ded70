import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { isUserError, type UserError } from "../../../runtime/core/errors.js";
import { sectionLocation } from "../../../runtime/core/spec-location.js";
import { createRegimeRegistry } from "../../../runtime/regime/registry.js";
import { createRegimeStage } from "../../../runtime/regime/stage.js";
import { compileSpecFile } from "../../../runtime/run/run-spec.js";
import { servedRegime } from "../../../runtime/serving/served-regime.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { panelDataset } from "../../support/panel-dataset.js";
import { replay, runAndServe, type ServedRun } from "../../support/serving-replay.js";
import { withDefaults } from "../../support/spec-values.js";
import { segmentsByDate, testContext } from "../../regime/support/context.js";

/**
 * Regime-switched models served with exact parity: the register stage writes
 * the detector the run fitted (regime.json), the server labels every bar
 * sent with the detector's own labelling function and switches the target
 * with the signal stage's switching before the risk overlay. Each run is
 * replayed bar by bar through HTTP on loopback: every proposal, target, risk
 * event and regime label equals the backtest's (to 1e-12; labels exactly).
 */

const strategySpec = (registry: string) => `name: parity-regime-sma
seed: 5
data: { source: bundled, name: spy, start: 2012-01-03, end: 2016-06-30 }
segments:
  train: { start: 2012-01-03, end: 2014-12-31 }
  test: { start: 2015-01-02, end: 2016-06-30 }
strategy: { type: sma_crossover, fast: 5, slow: 20, short: true }
regime:
  type: hmm
  states: 2
  restarts: 1
  max_iterations: 50
  series: { symbol: SPY }
  signals:
    slow: { type: sma_crossover, fast: 10, slow: 40 }
  switching:
    "0": { weight: 1.0 }
    "1": { strategy: slow, weight: 0.5 }
    unknown: flat
backtest: { cash: 10000, fill: next_open, costs: { commission: 0.001 } }
risk:
  rules:
    - type: drawdown_control
      levels: [{ drawdown: 0.02, scale: 0.5 }, { drawdown: 0.04, scale: 0.0 }]
      reentry: { after_bars: 5 }
    - { type: stop_loss, method: trailing, stop: 0.02, cooldown_bars: 3 }
    - { type: kill_switch, max_drawdown: 0.25 }
report: { html: false }
register: { model: parity-regime-sma, registry: ${JSON.stringify(registry)} }
`;

const agentSpec = (registry: string) => `name: parity-regime-ppo
seed: 3
data: { source: bundled, name: spy, start: 2013-01-02, end: 2016-06-30 }
segments:
  train: { start: 2013-01-02, end: 2014-12-31 }
  valid: { start: 2015-01-02, end: 2015-06-30 }
  test: { start: 2015-07-01, end: 2016-06-30 }
features:
  - { type: log_return }
  - { type: volatility, window: 10 }
agent:
  type: ppo
  backend: cpu
  env: { type: single_asset, symbol: SPY, actions: short_flat_long, window: 2, episode_length: 64 }
  total_timesteps: 128
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
regime:
  type: vol_threshold
  window: 10
  quantiles: [0.6]
  switching:
    "0": { weight: 1.0 }
    "1": flat
backtest: { cash: 10000, fill: next_open, costs: { commission: 0.001 } }
risk:
  rules:
    - type: drawdown_control
      levels: [{ drawdown: 0.01, scale: 0.5 }, { drawdown: 0.03, scale: 0.0 }]
      reentry: { after_bars: 5 }
    - { type: kill_switch, max_drawdown: 0.2 }
report: { html: false }
register: { model: parity-regime-ppo, registry: ${JSON.stringify(registry)} }
`;

/** The regime each answer names is the run's label at that bar. */
const regimeCheck = (run: ServedRun) => (bar: number, body: Record<string, unknown>) => {
  const label = run.regime!.labels[bar]!;
  expect(body.regime, `regime at bar ${bar}`).toEqual({
    label,
    state: label < 0 ? "unknown" : run.regime!.stateNames[label],
  });
};

/** Labels of bars [start, end) of a run, by label. */
function labelCounts(run: ServedRun, start: number, end: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let t = start; t < end; t++) {
    const label = run.regime!.labels[t]!;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

describe("a served rule strategy switched by an HMM regime decides what its backtest decided", () => {
  let run: ServedRun;
  beforeAll(async () => {
    run = await runAndServe("drlwb-parity-regime-sma-", "parity-regime-sma", strategySpec);
  }, 300_000);
  afterAll(async () => {
    await run?.close();
  });

  it("describes the regime in its signature: detector, series, states, switching, bars from the start", () => {
    const s = run.signature;
    expect(s.regime?.detector).toBe("hmm");
    expect(s.regime?.series).toEqual(["SPY"]);
    expect(s.regime?.states).toBe(2);
    expect(s.regime?.stateNames).toEqual(["low_vol", "high_vol"]);
    expect(s.regime?.signals).toEqual(["slow"]);
    expect(s.regime?.switching.map((e) => e.regime)).toEqual(["0", "1", "unknown"]);
    expect(s.regime?.switching[1]?.holds).toMatch(/slow/);
    expect(s.regime?.switching[2]?.holds).toMatch(/flat/);
    expect(s.bars?.fromStart).toBe(true);
    expect(s.bars?.dependsOn.some((d) => /hmm regime of SPY/.test(d))).toBe(true);
  });

  it("replays the test segment through HTTP: targets, risk events and regimes to 1e-12", async () => {
    const { start, end } = run.range;
    // Both regimes occur in the replayed bars, so both switching entries are compared.
    const counts = labelCounts(run, start, end - 1);
    expect(counts.get(0) ?? 0).toBeGreaterThan(0);
    expect(counts.get(1) ?? 0).toBeGreaterThan(0);
    // Independently of the run: regime 0 holds the 5/20 crossover (±1 or 0), regime 1 the long-only
    // 10/40 crossover at half size (0.5 or 0).
    const held = new Map<number, Set<number>>();
    const check = regimeCheck(run);
    const result = await replay(
      run,
      start,
      end - 2,
      () => 0,
      (bar, body) => {
        check(bar, body);
        const label = (body.regime as { label: number }).label;
        const set = held.get(label) ?? new Set<number>();
        set.add(Math.abs((body.proposed as number[])[0]!));
        held.set(label, set);
      },
    );
    expect([...(held.get(0) ?? [])].every((w) => w === 0 || w === 1)).toBe(true);
    expect([...(held.get(1) ?? [])].every((w) => w === 0 || w === 0.5)).toBe(true);
    expect(held.get(1)?.has(0.5)).toBe(true);
    expect(result.compared).toBe(end - 1 - start);
    expect(result.events).toBe(run.riskEvents.length);
    expect(run.riskEvents.length).toBeGreaterThan(0);
  }, 240_000);

  it("refuses bars that do not start at the run's first bar (the labels depend on all of them)", async () => {
    const { start } = run.range;
    const { barsOf } = await import("../../support/serving-replay.js");
    const res = await run.predict({ bars: barsOf(run.data.panel, 1, start) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/first bar of the run's data/);
  });
});

describe("a served agent switched by a volatility regime (flat in the turbulent one)", () => {
  let run: ServedRun;
  beforeAll(async () => {
    run = await runAndServe("drlwb-parity-regime-ppo-", "parity-regime-ppo", agentSpec);
  }, 300_000);
  afterAll(async () => {
    await run?.close();
  });

  it("replays the run through HTTP from the policy's first bar: every target and regime equal", async () => {
    const { start, end } = run.range;
    const firstBar = run.signature.bars!.firstBar!;
    expect(run.signature.regime?.detector).toBe("vol_threshold");
    expect(run.signature.bars?.fromStart).toBe(true);
    const counts = labelCounts(run, start, end - 1);
    expect(counts.get(0) ?? 0).toBeGreaterThan(0);
    expect(counts.get(1) ?? 0).toBeGreaterThan(0);
    let flatBars = 0;
    let heldBars = 0;
    const check = regimeCheck(run);
    const result = await replay(
      run,
      firstBar,
      end - 2,
      () => 0,
      (bar, body) => {
        check(bar, body);
        // Flat in regime 1: zero exposure proposed on exactly the bars labelled 1.
        if ((body.regime as { label: number }).label === 1) {
          expect(body.proposed).toEqual([0]);
          flatBars++;
        } else if ((body.proposed as number[])[0] !== 0) heldBars++;
      },
    );
    expect(result.compared).toBe(end - 1 - start);
    expect(flatBars).toBeGreaterThan(0);
    expect(heldBars).toBeGreaterThan(0);
  }, 300_000);

  it("refuses observations: the regime is labelled from bars", async () => {
    const size = run.signature.observation!.shape[0]!;
    const res = await run.predict({ observation: new Array<number>(size).fill(0) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/regime/);
  });
});

describe("switched models the server cannot decide exactly are refused when the spec is compiled", () => {
  const dir = mkdtempSync(join(tmpdir(), "drlwb-regime-refusal-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const refusal = (name: string, text: string): UserError => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, text);
    try {
      compileSpecFile(file);
    } catch (error) {
      if (isUserError(error)) return error;
      throw error;
    }
    throw new Error("expected the spec to be refused");
  };

  const head = `seed: 1
data: { source: bundled, name: spy }
segments:
  train: { start: 2008-01-02, end: 2012-12-31 }
  test: { start: 2013-01-02, end: 2017-12-29 }
`;

  it("an ml detector: named at /regime/type with its line and column", () => {
    const error = refusal(
      "ml",
      `name: ml-switch
${head}strategy: { type: sma_crossover, fast: 10, slow: 50 }
regime:
  type: ml
  target: { type: vol_threshold }
  switching: { "0": { weight: 1 }, "1": flat }
register: { model: ml-switch, registry: ${JSON.stringify(join(dir, "registry"))} }
`,
    );
    const d = error.diagnostics[0]!;
    expect(d.path).toBe("/regime/type");
    expect([d.line, d.col]).toEqual([9, 3]);
    expect(d.message).toMatch(/ml regime detector cannot be served/);
    expect(d.hint).toMatch(/hmm, trend, turbulence, vol_threshold/);
  });

  it("an agent that cannot be served from bars (an ensemble): named at /regime/switching", () => {
    const error = refusal(
      "ensemble",
      `name: ensemble-switch
${head}features: [{ type: log_return }]
agent:
  type: ppo
  env: { type: single_asset, symbol: SPY }
  total_timesteps: 1000
  ensemble: { algorithms: [ppo, a2c], window: 63 }
regime:
  type: trend
  switching: { "0": { weight: 1 }, "1": flat }
register: { model: ensemble-switch, registry: ${JSON.stringify(join(dir, "registry"))} }
`,
    );
    const d = error.diagnostics[0]!;
    expect(d.path).toBe("/regime/switching");
    expect([d.line, d.col]).toEqual([15, 3]);
    expect(d.message).toMatch(/decided from bars/);
  });

  it("the same specs without `register:` compile (switching is only refused for serving)", () => {
    const file = join(dir, "ml-run.yaml");
    writeFileSync(
      file,
      `name: ml-run
${head}strategy: { type: sma_crossover, fast: 10, slow: 50 }
regime:
  type: ml
  target: { type: vol_threshold }
  switching: { "0": { weight: 1 }, "1": flat }
`,
    );
    expect(() => compileSpecFile(file)).not.toThrow();
  });
});

describe("every servable detector labels served bars with the run's labelling code", () => {
  const spy = readOhlcvCsv("spy_daily_2007_2017_mplfinance.csv", "SPY");
  // A second asset: SPY's bars bent by a slow wave (so the two differ, and turbulence has a basket).
  const bend = (a: Float64Array) => a.map((v, t) => v * (1 + 0.05 * Math.sin(t / 40)));
  const two: OhlcvPanel = {
    ...spy,
    symbols: ["SPY", "BENT"],
    open: [spy.open[0]!, bend(spy.open[0]!)],
    high: [spy.high[0]!, bend(spy.high[0]!)],
    low: [spy.low[0]!, bend(spy.low[0]!)],
    close: [spy.close[0]!, bend(spy.close[0]!)],
    volume: [spy.volume[0]!, spy.volume[0]!],
  };
  const segments = segmentsByDate(two, "2011-01-01", "2011-01-01");
  const prefix = (p: OhlcvPanel, n: number): OhlcvPanel => ({
    ...p,
    timestamps: p.timestamps.subarray(0, n),
    open: p.open.map((a) => a.subarray(0, n)),
    high: p.high.map((a) => a.subarray(0, n)),
    low: p.low.map((a) => a.subarray(0, n)),
    close: p.close.map((a) => a.subarray(0, n)),
    volume: p.volume.map((a) => a.subarray(0, n)),
  });
  const sections: Record<string, unknown>[] = [
    { type: "hmm", states: 2, restarts: 1, series: { symbol: "SPY" } },
    {
      type: "hmm",
      states: 3,
      restarts: 1,
      covariance: "full",
      features: ["log_return", "range"],
      series: { basket: ["SPY", "BENT"] },
    },
    { type: "vol_threshold", window: 15, quantiles: [0.3, 0.7] },
    { type: "trend", ma_window: 20, slope_window: 5, threshold: 0.005, series: { symbol: "BENT" } },
    { type: "turbulence", lookback: 60 },
  ];

  it.each(
    sections.map(
      (section) => [`${section.type} ${JSON.stringify(section.series ?? "")}`, section] as const,
    ),
  )(
    "%s: the run's labels, on the whole history and on every prefix the server is sent",
    async (_, raw) => {
      const section = withDefaults("regime", { ...raw, switching: { "0": { weight: 1 } } });
      const result = await createRegimeStage(section).run(testContext(), {
        data: panelDataset(two, segments),
      });
      const detector = createRegimeRegistry().get(section.type);
      const loc = sectionLocation("regime");
      const whole = detector.label!(section, result.model, two, loc);
      expect(Array.from(whole)).toEqual(Array.from(result.labels));
      // Read back as the server reads it (regime.json through JSON), labels of any prefix are the run's.
      const document = JSON.parse(
        JSON.stringify({
          section,
          nStates: result.nStates,
          stateNames: result.stateNames,
          model: result.model,
        }),
      );
      const served = servedRegime(document);
      const n = two.timestamps.length;
      for (const t of [n - 400, n - 250, n - 37, n - 1]) {
        const base = two.symbols.map(() => new Float64Array(t + 1).fill(0.25));
        const { regime, weights } = served.switch(prefix(two, t + 1), base, t);
        expect(regime.label).toBe(result.labels[t]);
        expect(weights[0]![t]).toBe(result.labels[t] === 0 ? 0.25 : 0);
      }
      expect(new Set(result.labels).size).toBeGreaterThan(2);
    },
    60_000,
  );
});
