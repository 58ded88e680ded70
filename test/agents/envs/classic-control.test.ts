import { describe, expect, it } from "vitest";
import { CARTPOLE, cartPoleStep, createCartPole } from "../../../runtime/agents/envs/cartpole.js";
import {
  angleNormalize,
  createPendulum,
  pendulumStep,
} from "../../../runtime/agents/envs/pendulum.js";
import { createRng } from "../../../runtime/core/rng.js";

// Reference values computed with Python floats from the equations of
// gymnasium/envs/classic_control/cartpole.py and pendulum.py (v1.0).
describe("CartPole-v1", () => {
  it("matches hand-computed Euler steps from rest, pushing right", () => {
    let s: [number, number, number, number] = [0, 0, 0, 0];
    const expected = [
      [0.0, 0.1951219512195122, 0.0, -0.2926829268292683],
      [0.0039024390243902443, 0.3902439024390244, -0.005853658536585366, -0.5853658536585366],
      [0.011707317073170733, 0.585447355516259, -0.0175609756097561, -0.8798869825388553],
    ];
    for (const row of expected) {
      s = cartPoleStep(s, 1);
      row.forEach((v, i) => {
        expect(s[i]).toBeCloseTo(v, 14);
      });
    }
  });

  it("uses Gymnasium's constants", () => {
    expect(CARTPOLE.thetaThresholdRadians).toBeCloseTo(0.20943951023931953, 15);
    expect(CARTPOLE).toMatchObject({
      gravity: 9.8,
      masscart: 1,
      masspole: 0.1,
      length: 0.5,
      forceMag: 10,
      tau: 0.02,
      xThreshold: 2.4,
      maxEpisodeSteps: 500,
    });
  });

  it("resets uniformly in ±0.05, rewards 1 per step including the terminating one, and terminates on the angle", () => {
    const env = createCartPole(3);
    const { obs } = env.reset(7);
    const rng = createRng(7);
    for (let i = 0; i < 4; i++) {
      const v = -0.05 + 0.1 * rng.next();
      expect(obs[i]).toBe(Math.fround(v));
      expect(Math.abs(obs[i]!)).toBeLessThanOrEqual(0.05);
    }
    // Always pushing right from near rest tips the pole past 12° within a dozen steps.
    let total = 0;
    let steps = 0;
    for (;;) {
      const r = env.step(1);
      total += r.reward;
      steps++;
      if (r.terminated) {
        expect(Math.abs(r.obs[2]!)).toBeGreaterThan(CARTPOLE.thetaThresholdRadians);
        break;
      }
      expect(r.truncated).toBe(false);
    }
    expect(steps).toBeGreaterThan(5);
    expect(steps).toBeLessThan(15);
    expect(total).toBe(steps);
    // Stepping after termination gives 0 reward, as in Gymnasium.
    expect(env.step(0).reward).toBe(0);
  });

  it("from exact rest, pushing right terminates at step 9 (reference trajectory)", () => {
    let s: [number, number, number, number] = [0, 0, 0, 0];
    let n = 0;
    for (;;) {
      s = cartPoleStep(s, 1);
      n++;
      if (Math.abs(s[0]) > 2.4 || Math.abs(s[2]) > CARTPOLE.thetaThresholdRadians) break;
    }
    expect(n).toBe(9);
    expect(s[2]).toBeCloseTo(-0.21518604988500967, 13);
  });

  it("truncates at 500 steps", () => {
    const env = createCartPole(0);
    let { obs } = env.reset(1);
    let last = { truncated: false, terminated: false };
    let steps = 0;
    // A simple stabilising controller keeps the pole up for the whole episode.
    while (!last.truncated && !last.terminated) {
      const r = env.step(obs[2]! + 0.5 * obs[3]! + 0.01 * obs[0]! + 0.1 * obs[1]! > 0 ? 1 : 0);
      obs = r.obs;
      last = r;
      steps++;
    }
    expect(last.terminated).toBe(false);
    expect(steps).toBe(500);
  });

  it("rejects actions outside Discrete(2)", () => {
    const env = createCartPole(0);
    env.reset(0);
    expect(() => env.step(2)).toThrow(/Discrete\(2\)/);
    expect(() => env.step(0.5)).toThrow();
  });
});

describe("Pendulum-v1", () => {
  it("matches hand-computed steps, clipping speed", () => {
    const a = pendulumStep(1, 0, 1);
    expect(a.cost).toBeCloseTo(1.001, 14);
    expect(a.thDot).toBeCloseTo(0.7811032386059225, 14);
    expect(a.th).toBeCloseTo(1.0390551619302961, 14);
    const b = pendulumStep(3.5, 7.9, -2);
    expect(b.cost).toBeCloseTo(13.991120454100328, 12);
    expect(b.thDot).toBeCloseTo(7.336912579232785, 13);
    const fast = pendulumStep(0.5, 7.99, 2);
    expect(fast.thDot).toBe(8);
  });

  it("normalises angles like Python's floored modulo", () => {
    expect(angleNormalize(-4)).toBeCloseTo(2.2831853071795862, 14);
    expect(angleNormalize(Math.PI)).toBeCloseTo(-Math.PI, 14);
    expect(angleNormalize(0.3)).toBeCloseTo(0.3, 15);
  });

  it("clips torque to ±2, observes [cos, sin, θ̇] and truncates after 200 steps", () => {
    const env = createPendulum(0);
    const { obs } = env.reset(5);
    expect(obs[0]! ** 2 + obs[1]! ** 2).toBeCloseTo(1, 6);
    expect(Math.abs(obs[2]!)).toBeLessThanOrEqual(1);
    const big = env.step(Float64Array.of(10));
    const env2 = createPendulum(0);
    env2.reset(5);
    const clipped = env2.step(Float64Array.of(2));
    expect(big.obs).toEqual(clipped.obs);
    expect(big.reward).toBe(clipped.reward);
    let steps = 1;
    let last = big;
    while (!last.truncated) {
      last = env.step(Float64Array.of(0));
      steps++;
      expect(last.terminated).toBe(false);
    }
    expect(steps).toBe(200);
  });
});
