import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replay, runAndServe, type ServedRun } from "../../support/serving-replay.js";

/**
 * The promise of issue 15 for a single-asset agent: a tiny PPO on bundled
 * SPY bars with four risk rules is registered, served on loopback, and its
 * run replayed bar by bar through predict-from-bars — from the first bar its
 * policy decided on (where its env starts flat), passing back the env state,
 * and inside the backtest's range the portfolio the backtest had and the
 * risk state the server returned. Every answer is the backtest's decision.
 */
let run: ServedRun;

const spec = (registry: string) => `name: parity-spy
seed: 3
data: { source: bundled, name: spy, start: 2015-01-02, end: 2017-12-29 }
segments:
  train: { start: 2015-01-02, end: 2016-06-30 }
  valid: { start: 2016-07-01, end: 2016-12-30 }
  test: { start: 2017-01-03, end: 2017-12-29 }
features:
  - { type: log_return }
  - { type: volatility, window: 10 }
  - { type: zscore, window: 10 }
agent:
  type: ppo
  backend: cpu
  env: { type: single_asset, symbol: SPY, actions: short_flat_long, window: 3, episode_length: 64 }
  total_timesteps: 128
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
backtest: { cash: 10000, fill: next_open, costs: { commission: 0.001 } }
risk:
  rules:
    - type: drawdown_control
      levels: [{ drawdown: 0.01, scale: 0.5 }, { drawdown: 0.03, scale: 0.0 }]
      reentry: { after_bars: 5 }
    - { type: stop_loss, method: trailing, stop: 0.01, cooldown_bars: 3 }
    - { type: vol_target, target: 0.08, estimator: ewma, max_leverage: 1.0, report_change: 0.02 }
    - { type: kill_switch, max_drawdown: 0.2 }
report: { html: false }
register: { model: parity-spy, registry: ${JSON.stringify(registry)} }
`;

beforeAll(async () => {
  run = await runAndServe("drlwb-parity-spy-", "parity-spy", spec);
}, 300_000);
afterAll(async () => {
  await run?.close();
});

describe("a served single-asset agent decides what its backtest decided", () => {
  it("shows its signature: features × window, the position, the action scheme, bars needed", () => {
    const s = run.signature;
    expect(s.kind).toBe("agent");
    expect(s.symbols).toEqual(["SPY"]);
    expect(s.features?.names).toEqual(["log_return", "volatility_10", "zscore_10"]);
    expect(s.observation?.shape).toEqual([3 * 3 + 1]);
    expect(s.observation?.layout.map((l) => [l.name, l.offset, l.size])).toEqual([
      ["features", 0, 9],
      ["position", 9, 1],
    ]);
    expect(s.action.transform).toBe("short_flat_long");
    expect(s.bars?.fromStart).toBe(false);
    // volatility_10 reads 11 bars; the window adds 2 more.
    expect(s.bars?.minimum).toBe(11 + 2);
    expect(s.risk.rules).toEqual(["drawdown_control", "stop_loss", "vol_target", "kill_switch"]);
  });

  it("replays the whole run through HTTP: every target and risk event equal to 1e-12", async () => {
    const firstBar = run.signature.bars!.firstBar!;
    const minimum = run.signature.bars!.minimum;
    const { start, end } = run.range;
    // Outside the backtest's range the risk overlay starts afresh each call and vol_target's
    // EWMA reads every close since bar 0; inside it, the first call sends the whole history and
    // then only `minimum` bars, with the risk state passed back.
    const result = await replay(run, firstBar, end - 2, (b, inRange) =>
      !inRange || b === start ? 0 : b - minimum + 1,
    );
    expect(result.compared).toBe(end - 1 - start);
    // Several rules intervened during the replay (the comparison covers them).
    const rules = new Set(run.riskEvents.map((e) => e.rule));
    expect(rules.size).toBeGreaterThanOrEqual(2);
    expect(result.events).toBe(run.riskEvents.length);
  }, 240_000);
});
