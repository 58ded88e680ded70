import { describe, expect, it } from "vitest";
import { createSingleAssetEnv, targetPosition } from "../../../runtime/agents/envs/single-asset.js";
import { proportionalCosts } from "../../../runtime/agents/envs/trading-costs.js";
import type { FeaturePanel, OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { spyMarket, testFeatures } from "../support/market-fixture.js";

function tinyPanel(close: number[]): { panel: OhlcvPanel; features: FeaturePanel } {
  const n = close.length;
  const c = Float64Array.from(close);
  const timestamps = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1 + i));
  const panel: OhlcvPanel = {
    timestamps,
    symbols: ["X"],
    open: [c],
    high: [c],
    low: [c],
    close: [c],
    volume: [new Float64Array(n)],
  };
  const ret = new Float64Array(n).fill(Number.NaN);
  for (let t = 1; t < n; t++) ret[t] = c[t]! / c[t - 1]! - 1;
  return { panel, features: { timestamps, symbols: ["X"], names: ["ret"], values: [[ret]] } };
}

describe("single-asset trading env", () => {
  it("realises the action decided at t over t → t+1, net of proportional costs", () => {
    const { panel, features } = tinyPanel([100, 110, 99, 99, 120]);
    const env = createSingleAssetEnv({
      market: { panel, features, range: { start: 0, end: 5 } },
      symbol: 0,
      actions: "short_flat_long",
      window: 1,
      reward: { type: "pnl" },
      costs: proportionalCosts(0.01),
      initialCash: 1000,
    });
    const { obs } = env.reset(0);
    // First complete bar is 1 (the return needs bar 0): observation = [ret_1, position].
    expect(obs[0]).toBeCloseTo(0.1, 14);
    expect(obs[1]).toBe(0);
    const long = env.step(2); // long at bar 1 (110) → bar 2 (99)
    expect(long.reward).toBeCloseTo(1000 * (99 / 110 - 1) - 1000 * 0.01, 10);
    expect(long.info.equity).toBeCloseTo(1000 + long.reward, 10);
    const eq1 = long.info.equity!;
    // From the drifted long weight (0.9·1000 of stock in 890 equity) to −1 at bar 2 (99 → 99).
    const short = env.step(0);
    expect(short.reward).toBeCloseTo(-eq1 * 0.01 * (1 + 900 / 890), 10);
    const eq2 = short.info.equity!;
    // Stay short 99 → 120: the cost paid shrank equity, so the short weight drifted to
    // −1/(1 − cost); rebalancing back to −1 costs 1% of that difference.
    const drifted = -1 / (1 - 0.01 * (1 + 900 / 890));
    const last = env.step(0);
    expect(last.reward).toBeCloseTo(eq2 * (-(120 / 99 - 1) - 0.01 * Math.abs(-1 - drifted)), 10);
    expect(last.truncated).toBe(true);
    expect(last.terminated).toBe(false);
  });

  it("maps the three action schemes", () => {
    expect([0, 1, 2].map((a) => targetPosition("short_flat_long", a, 0.5))).toEqual([-1, 0, 1]);
    expect([0, 1].map((a) => targetPosition("flat_long", a, 0.5))).toEqual([0, 1]);
    expect([0, 1, 2].map((a) => targetPosition("sell_hold_buy", a, 0.5))).toEqual([0, 0.5, 1]);
  });

  it("has no look-ahead: changing future prices leaves past observations and rewards unchanged", () => {
    const base = spyMarket();
    const cut = 800;
    const closes = Float64Array.from(base.panel.close[0]!);
    for (let t = cut + 1; t < closes.length; t++) closes[t] = closes[t]! * (1 + 0.3 * Math.sin(t));
    const perturbed = tinyPanelFrom(base.panel, closes);
    const run = (panel: OhlcvPanel, features: FeaturePanel): number[] => {
      const env = createSingleAssetEnv({
        market: { panel, features, range: { start: 0, end: panel.timestamps.length } },
        symbol: 0,
        actions: "short_flat_long",
        window: 3,
        reward: { type: "log_return" },
        costs: proportionalCosts(0.001),
        initialCash: 1,
      });
      let { obs } = env.reset(0);
      const trace: number[] = [...obs];
      // The last step decides at bar ≤ cut − 1 and is realised at bar ≤ cut.
      for (let t = 0; t < 700; t++) {
        const r = env.step(t % 3);
        trace.push(r.reward, ...r.obs);
        obs = r.obs;
      }
      return trace;
    };
    const a = run(base.panel, base.features);
    const b = run(perturbed, testFeatures(perturbed));
    expect(b).toEqual(a);
  });

  it("starts random episodes of the requested length inside the segment", () => {
    const { panel, features } = spyMarket();
    const env = createSingleAssetEnv({
      market: { panel, features, range: { start: 100, end: 600 } },
      symbol: 0,
      actions: "short_flat_long",
      window: 1,
      reward: { type: "log_return" },
      costs: proportionalCosts(0.001),
      initialCash: 1,
      episodeLength: 50,
      seed: 1,
    });
    for (let k = 0; k < 5; k++) {
      env.reset(k);
      let steps = 0;
      let done = false;
      while (!done) {
        const r = env.step(1);
        steps++;
        expect(r.info.bar).toBeLessThan(600);
        done = r.terminated || r.truncated;
      }
      expect(steps).toBe(50);
    }
  });
});

function tinyPanelFrom(panel: OhlcvPanel, close: Float64Array): OhlcvPanel {
  return { ...panel, close: [close], open: [close], high: [close], low: [close] };
}
