import { describe, expect, it } from "vitest";
import { createMultiStockEnv } from "../../../runtime/agents/envs/multi-stock.js";
import { createPortfolioEnv, softmax } from "../../../runtime/agents/envs/portfolio.js";
import { proportionalCosts } from "../../../runtime/agents/envs/trading-costs.js";
import { turbulenceIndex } from "../../../runtime/agents/envs/turbulence.js";
import type { FeaturePanel, OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { readDow30 } from "../support/dow30.js";
import { testFeatures } from "../support/market-fixture.js";

function panelOf(closes: number[][]): { panel: OhlcvPanel; features: FeaturePanel } {
  const n = closes[0]!.length;
  const close = closes.map((c) => Float64Array.from(c));
  const timestamps = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1 + i));
  const symbols = closes.map((_, i) => `S${i}`);
  const panel: OhlcvPanel = {
    timestamps,
    symbols,
    open: close,
    high: close,
    low: close,
    close,
    volume: close.map(() => new Float64Array(n)),
  };
  const constant = close.map(() => new Float64Array(n).fill(1));
  return { panel, features: { timestamps, symbols, names: ["one"], values: [constant] } };
}

describe("multi-stock env (FinRL StockTradingEnv)", () => {
  it("sells first, buys whole shares with the cash left after costs, and rewards the change in asset value", () => {
    const { panel, features } = panelOf([
      [10, 11, 12, 12],
      [20, 20, 25, 30],
    ]);
    const env = createMultiStockEnv({
      market: { panel, features, range: { start: 0, end: 4 } },
      symbols: [0, 1],
      hmax: 100,
      initialCash: 1000,
      costs: proportionalCosts(0.01),
      reward: { type: "pnl" },
      window: 1,
    });
    const { obs } = env.reset(0);
    expect(Array.from(obs.subarray(0, 5))).toEqual([1000, 10, 20, 0, 0]);
    // Buy 50 of S0 (hmax·0.5) at 10 and as many S1 as cash allows (order 100 → cash-limited).
    const first = env.step(Float64Array.of(0.5, 1));
    // S0: 50 × 10 = 500 + 5 fee → cash 495; S1: floor(495/20) = 24 → 24·20 + 4.8 = 484.8 > 495? no → 24 shares.
    expect(first.obs[3]).toBe(50);
    expect(first.obs[4]).toBe(24);
    const cash = 1000 - 505 - (480 + 4.8);
    expect(first.obs[0]).toBeCloseTo(cash, 10);
    // Reward: value at t+1 (S0 11, S1 20) minus 1000.
    expect(first.reward).toBeCloseTo(cash + 50 * 11 + 24 * 20 - 1000, 10);
    // Sell 30 of S0 at 11 and try to buy 10 S1 at 20 with the proceeds.
    const second = env.step(Float64Array.of(-0.3, 0.1));
    expect(second.obs[3]).toBe(20);
    expect(second.obs[4]).toBe(34);
    expect(second.obs[0]).toBeCloseTo(cash + 330 - 3.3 - 200 - 2, 10);
    expect(second.info.trades).toBe(2);
  });

  it("liquidates everything while turbulence is above the threshold", () => {
    const panel = readDow30(["AA", "KO", "IBM", "GE"]);
    const features = testFeatures(panel);
    const env = createMultiStockEnv({
      market: { panel, features, range: { start: 0, end: panel.timestamps.length } },
      symbols: [0, 1, 2, 3],
      hmax: 100,
      initialCash: 1_000_000,
      turbulenceThreshold: 1e-9,
      costs: proportionalCosts(0),
      reward: { type: "pnl" },
      window: 1,
    });
    env.reset(0);
    // Warm-up bars have turbulence 0 (below threshold) so the first buys go through.
    let held = 0;
    for (let k = 0; k < 40; k++) {
      const r = env.step(Float64Array.of(1, 1, 1, 1));
      held = r.obs[5]! + r.obs[6]! + r.obs[7]! + r.obs[8]!;
      if (r.info.turbulence! > 1e-9) break;
    }
    const r = env.step(Float64Array.of(1, 1, 1, 1));
    expect(held).toBeGreaterThanOrEqual(0);
    expect(r.obs[5]! + r.obs[6]! + r.obs[7]! + r.obs[8]!).toBe(0);
  });
});

describe("turbulence index", () => {
  it("equals the Mahalanobis distance from the trailing mean and covariance (direct computation)", () => {
    const panel = readDow30(["AA", "KO", "IBM"]);
    const window = 60;
    const turbulence = turbulenceIndex(panel.close, window);
    const ret = (t: number, s: number) => panel.close[s]![t]! / panel.close[s]![t - 1]! - 1;
    for (const t of [100, 500, 1500]) {
      const hist = Array.from({ length: window }, (_, k) =>
        [0, 1, 2].map((s) => ret(t - window + k, s)),
      );
      const mean = [0, 1, 2].map((s) => hist.reduce((a, r) => a + r[s]!, 0) / window);
      const cov = [0, 1, 2].map((i) =>
        [0, 1, 2].map(
          (j) =>
            hist.reduce((a, r) => a + (r[i]! - mean[i]!) * (r[j]! - mean[j]!), 0) / (window - 1),
        ),
      );
      const d = [0, 1, 2].map((s) => ret(t, s) - mean[s]!);
      // Solve cov·x = d by Cramer's rule (3×3).
      const det = (m: number[][]) =>
        m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
        m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
        m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
      const D = det(cov);
      const x = [0, 1, 2].map(
        (c) => det(cov.map((row, i) => row.map((v, j) => (j === c ? d[i]! : v)))) / D,
      );
      const expected = d.reduce((a, v, i) => a + v * x[i]!, 0);
      // Rolling sums lose a few digits to cancellation: relative tolerance 1e-5.
      expect(Math.abs(turbulence[t]! - expected) / expected).toBeLessThan(1e-5);
    }
  });
});

describe("portfolio env", () => {
  it("turns actions into softmax weights incl. cash and rewards the net log return", () => {
    const { panel, features } = panelOf([
      [10, 11, 12],
      [20, 18, 18],
    ]);
    const env = createPortfolioEnv({
      market: { panel, features, range: { start: 0, end: 3 } },
      symbols: [0, 1],
      costs: proportionalCosts(0.001),
      reward: { type: "log_return" },
      window: 1,
    });
    env.reset(0);
    const action = Float64Array.of(1, 0, -1);
    const w = softmax(action, new Float64Array(3));
    expect(w[0]! + w[1]! + w[2]!).toBeCloseTo(1, 14);
    expect(Array.from(env.previewTargets(action))).toEqual([w[0], w[1]]);
    const r = env.step(action);
    const cost = 0.001 * (w[0]! + w[1]!);
    const growth = w[0]! * 1.1 + w[1]! * 0.9 + w[2]!;
    expect(r.reward).toBeCloseTo(Math.log(growth - cost), 12);
    // Observation ends with the drifted weights, which sum to 1.
    const drifted = r.obs.subarray(r.obs.length - 3);
    expect(drifted[0]! + drifted[1]! + drifted[2]!).toBeCloseTo(1, 12);
  });
});
