import { describe, expect, it } from "vitest";
import { createRewardTracker } from "../../../runtime/agents/envs/rewards.js";
import {
  ObservationNormalizer,
  RunningMeanStd,
} from "../../../runtime/agents/envs/running-stats.js";
import { box, checkAction, contains, discrete } from "../../../runtime/agents/envs/spaces.js";
import { createRng } from "../../../runtime/core/rng.js";

describe("reward functions", () => {
  it("differential Sharpe equals the η-derivative of the moving Sharpe ratio (Moody & Saffell)", () => {
    const rng = createRng(3);
    const returns = Array.from({ length: 60 }, () => 0.001 + 0.01 * rng.normal());
    const eta = 1e-7;
    const dsr = createRewardTracker({ type: "differential_sharpe", sharpeEta: 0.05 });
    // Warm the tracker, then compare D_t against (S_t − S_{t−1})/η from moments with a tiny η.
    let a = 0;
    let b = 0;
    for (let t = 0; t < 30; t++) {
      dsr.reward(returns[t]!, 1, 1);
      a += 0.05 * (returns[t]! - a);
      b += 0.05 * (returns[t]! ** 2 - b);
    }
    for (let t = 30; t < 60; t++) {
      const r = returns[t]!;
      const d = dsr.reward(r, 1, 1);
      const s0 = a / Math.sqrt(b - a * a);
      const a1 = a + eta * (r - a);
      const b1 = b + eta * (r * r - b);
      const s1 = a1 / Math.sqrt(b1 - a1 * a1);
      expect(d).toBeCloseTo((s1 - s0) / eta, 3);
      a += 0.05 * (r - a);
      b += 0.05 * (r * r - b);
    }
  });

  it("pnl, log return and drawdown-penalised rewards", () => {
    expect(createRewardTracker({ type: "pnl" }).reward(0.1, 110, 100)).toBeCloseTo(10, 12);
    expect(createRewardTracker({ type: "log_return" }).reward(0.1, 110, 100)).toBeCloseTo(
      Math.log(1.1),
      14,
    );
    const dd = createRewardTracker({ type: "drawdown_penalized", drawdownPenalty: 2 });
    dd.reset(100);
    expect(dd.reward(0.2, 120, 100)).toBeCloseTo(Math.log(1.2), 14);
    expect(dd.reward(-0.25, 90, 120)).toBeCloseTo(Math.log(0.75) - 2 * 0.25, 14);
  });
});

describe("running statistics", () => {
  it("match the batch mean and variance of all samples", () => {
    const rng = createRng(1);
    const rms = new RunningMeanStd(2, 0);
    const all: number[][] = [];
    for (let k = 0; k < 5; k++) {
      const rows = 3 + k;
      const batch = new Float64Array(rows * 2);
      for (let i = 0; i < rows; i++) {
        batch[2 * i] = 5 + rng.normal();
        batch[2 * i + 1] = -2 + 3 * rng.normal();
        all.push([batch[2 * i]!, batch[2 * i + 1]!]);
      }
      rms.update(batch, rows);
    }
    for (let j = 0; j < 2; j++) {
      const xs = all.map((r) => r[j]!);
      const m = xs.reduce((s, v) => s + v, 0) / xs.length;
      const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
      expect(rms.mean[j]).toBeCloseTo(m, 12);
      expect(rms.var[j]).toBeCloseTo(v, 12);
    }
    const norm = new ObservationNormalizer(2, true, 1);
    norm.stats.restore(rms.state());
    const out = norm.normalize(Float64Array.of(1000, -1000), new Float64Array(2));
    expect(Array.from(out)).toEqual([1, -1]);
  });
});

describe("spaces", () => {
  it("check membership like Gymnasium", () => {
    expect(contains(discrete(3), 2)).toBe(true);
    expect(contains(discrete(3), 3)).toBe(false);
    expect(contains(discrete(3), 1.5)).toBe(false);
    const b = box(-1, 1, 2);
    expect(contains(b, Float64Array.of(0.5, -1))).toBe(true);
    expect(contains(b, Float64Array.of(0.5, -1.01))).toBe(false);
    expect(contains(b, Float64Array.of(Number.NaN, 0))).toBe(false);
    expect(() => checkAction(b, Float64Array.of(2, 0))).toThrow(/Box\(-1, 1, \(2,\)\)/);
  });
});
