import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replay, runAndServe, type ServedRun } from "../../support/serving-replay.js";

/**
 * The promise of issue 15 for a portfolio agent: a tiny PPO allocating over
 * four bundled European indices and cash, with four risk rules, replayed bar
 * by bar through predict-from-bars. The env's softmax turns the action into
 * weights per symbol + cash, named by symbol, as in the backtest.
 */
let run: ServedRun;

const spec = (registry: string) => `name: parity-eu
seed: 4
data: { source: bundled, name: eu_indices, start: 1996-01-01, end: 1998-08-31 }
segments:
  train: { start: 1996-01-01, end: 1997-03-31 }
  valid: { start: 1997-04-01, end: 1997-09-30 }
  test: { start: 1997-10-01, end: 1998-08-31 }
features:
  - { type: log_return }
  - { type: volatility, window: 5 }
agent:
  type: ppo
  backend: cpu
  env: { type: portfolio, window: 2, episode_length: 64 }
  total_timesteps: 128
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
backtest: { cash: 100000, fill: next_open, costs: { commission: 0.0005 } }
risk:
  rules:
    - { type: position_limits, max_position: 0.3 }
    - type: drawdown_control
      levels: [{ drawdown: 0.02, scale: 0.5 }, { drawdown: 0.05, scale: 0.0 }]
      reentry: { after_bars: 5 }
    - { type: vol_target, target: 0.05, estimator: ewma, max_leverage: 1.0, report_change: 0.02 }
    - { type: kill_switch, max_drawdown: 0.25 }
report: { html: false }
register: { model: parity-eu, registry: ${JSON.stringify(registry)} }
`;

beforeAll(async () => {
  run = await runAndServe("drlwb-parity-eu-", "parity-eu", spec);
}, 300_000);
afterAll(async () => {
  await run?.close();
});

describe("a served portfolio agent decides what its backtest decided", () => {
  it("shows its signature: symbols × features × window, the weights, the softmax transform", () => {
    const s = run.signature;
    expect(s.symbols).toHaveLength(4);
    expect(s.observation?.shape).toEqual([4 * 2 * 2 + 5]);
    expect(s.action.transform).toBe("softmax");
    expect(s.action.space).toEqual({
      kind: "box",
      low: [-5, -5, -5, -5, -5],
      high: [5, 5, 5, 5, 5],
    });
    expect(s.outputs.cash).toBe(true);
  });

  it("replays the whole run through HTTP: weights per symbol + cash, targets and events to 1e-12", async () => {
    const firstBar = run.signature.bars!.firstBar!;
    const minimum = run.signature.bars!.minimum;
    const { start, end } = run.range;
    const result = await replay(run, firstBar, end - 2, (b, inRange) =>
      !inRange || b === start ? 0 : b - minimum + 1,
    );
    expect(result.compared).toBe(end - 1 - start);
    expect(new Set(run.riskEvents.map((e) => e.rule)).size).toBeGreaterThanOrEqual(2);
    expect(result.events).toBe(run.riskEvents.length);
  }, 240_000);

  it("answers long-only weights summing with cash to 1 before the risk overlay", async () => {
    const b = run.range.start;
    const res = await run.predict({
      bars: (await import("../../support/serving-replay.js")).barsOf(run.data.panel, 0, b),
      portfolio: { bar: b, equity: 1 },
    });
    expect(res.status).toBe(200);
    const proposed = res.body.proposed as number[];
    expect(proposed.every((w) => w > 0 && w < 1)).toBe(true);
    const cashBefore = 1 - proposed.reduce((a, w) => a + w, 0);
    expect(cashBefore).toBeGreaterThan(0);
    expect(Object.keys(res.body.targets as object)).toEqual(run.signature.symbols);
    expect(res.body.cash).toBeCloseTo(
      1 - (res.body.weights as number[]).reduce((a, w) => a + w, 0),
      12,
    );
  });
});
