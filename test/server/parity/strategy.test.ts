import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replay, runAndServe, type ServedRun } from "../../support/serving-replay.js";

/**
 * A rule strategy registered as a model is served from bars with the
 * backtest's own strategy code and risk overlay: its test segment replayed
 * bar by bar through HTTP gives the backtest's targets and risk events. The
 * rule keeps its position between bars, so every call sends the history
 * since the run's first bar (its signature says so).
 */
let run: ServedRun;

const spec = (registry: string) => `name: parity-sma
seed: 1
data: { source: bundled, name: spy, start: 2015-01-02, end: 2017-12-29 }
segments:
  train: { start: 2015-01-02, end: 2016-06-30 }
  test: { start: 2016-07-01, end: 2017-12-29 }
strategy: { type: sma_crossover, fast: 5, slow: 20, short: true }
backtest: { cash: 10000, fill: next_open, costs: { commission: 0.001 } }
risk:
  rules:
    - type: drawdown_control
      levels: [{ drawdown: 0.02, scale: 0.5 }, { drawdown: 0.04, scale: 0.0 }]
      reentry: { after_bars: 5 }
    - { type: stop_loss, method: atr, atr_window: 5, atr_multiple: 1.5 }
    - { type: vol_target, target: 0.08, estimator: realized, window: 20, max_leverage: 1.0 }
    - { type: kill_switch, max_drawdown: 0.2 }
report: { html: false }
register: { model: parity-sma, registry: ${JSON.stringify(registry)} }
`;

beforeAll(async () => {
  run = await runAndServe("drlwb-parity-sma-", "parity-sma", spec);
}, 300_000);
afterAll(async () => {
  await run?.close();
});

describe("a served rule strategy decides what its backtest decided", () => {
  it("shows a strategy signature that needs the bars since the run's first", () => {
    expect(run.signature.kind).toBe("strategy");
    expect(run.signature.source).toBe("sma_crossover");
    expect(run.signature.bars?.fromStart).toBe(true);
    expect(run.signature.bars?.firstTime).toBe(run.data.panel.timestamps[0]);
  });

  it("replays the test segment through HTTP: targets and risk events to 1e-12", async () => {
    const { start, end } = run.range;
    const result = await replay(run, start, end - 2, () => 0);
    expect(result.compared).toBe(end - 1 - start);
    expect(new Set(run.riskEvents.map((e) => e.rule)).size).toBeGreaterThanOrEqual(2);
    expect(result.events).toBe(run.riskEvents.length);
  }, 240_000);

  it("refuses observations: a rule strategy decides from bars", async () => {
    const res = await run.predict({ observation: [1, 2, 3] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/decides from bars/);
  });
});
