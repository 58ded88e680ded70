import { createRng, type Rng } from "../../core/rng.js";
import type { Env, StepResult } from "./env.js";
import { box, checkAction, discrete } from "./spaces.js";

/** Gymnasium CartPole-v1 constants (gymnasium/envs/classic_control/cartpole.py). */
export const CARTPOLE = {
  gravity: 9.8,
  masscart: 1.0,
  masspole: 0.1,
  totalMass: 1.1,
  length: 0.5,
  polemassLength: 0.05,
  forceMag: 10.0,
  tau: 0.02,
  thetaThresholdRadians: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
  maxEpisodeSteps: 500,
} as const;

const F32_MAX = 3.4028234663852886e38;

/**
 * One Euler step of Gymnasium's cart-pole equations (Florian 2007 correction
 * of Barto, Sutton & Anderson 1983) from state [x, ẋ, θ, θ̇] under action 0
 * (push left) or 1 (push right).
 */
export function cartPoleStep(
  state: readonly [number, number, number, number],
  action: number,
): [number, number, number, number] {
  const c = CARTPOLE;
  const [x, xDot, theta, thetaDot] = state;
  const force = action === 1 ? c.forceMag : -c.forceMag;
  const cosTheta = Math.cos(theta);
  const sinTheta = Math.sin(theta);
  const temp = (force + c.polemassLength * thetaDot ** 2 * sinTheta) / c.totalMass;
  const thetaAcc =
    (c.gravity * sinTheta - cosTheta * temp) /
    (c.length * (4.0 / 3.0 - (c.masspole * cosTheta ** 2) / c.totalMass));
  const xAcc = temp - (c.polemassLength * thetaAcc * cosTheta) / c.totalMass;
  return [
    x + c.tau * xDot,
    xDot + c.tau * xAcc,
    theta + c.tau * thetaDot,
    thetaDot + c.tau * thetaAcc,
  ];
}

/**
 * CartPole-v1 with Gymnasium's dynamics (Euler integrator), reward 1 per step
 * including the terminating one, termination at |x| > 2.4 or |θ| > 12°, and
 * the v1 time limit of 500 steps (truncation). State is float64, observations
 * are rounded to float32 as in Gymnasium.
 */
export function createCartPole(seed = 0): Env {
  const c = CARTPOLE;
  let rng: Rng = createRng(seed);
  let x = 0;
  let xDot = 0;
  let theta = 0;
  let thetaDot = 0;
  let steps = 0;
  let started = false;
  let done = false;
  const obs = new Float64Array(4);
  const observe = (): Float64Array => {
    obs[0] = Math.fround(x);
    obs[1] = Math.fround(xDot);
    obs[2] = Math.fround(theta);
    obs[3] = Math.fround(thetaDot);
    return obs;
  };
  const high = [c.xThreshold * 2, F32_MAX, c.thetaThresholdRadians * 2, F32_MAX].map(Math.fround);
  const actionSpace = discrete(2);
  return {
    id: "CartPole-v1",
    observationSpace: box(
      high.map((h) => -h),
      high,
    ),
    actionSpace,
    maxEpisodeSteps: c.maxEpisodeSteps,
    reset(newSeed) {
      if (newSeed !== undefined) rng = createRng(newSeed);
      x = -0.05 + 0.1 * rng.next();
      xDot = -0.05 + 0.1 * rng.next();
      theta = -0.05 + 0.1 * rng.next();
      thetaDot = -0.05 + 0.1 * rng.next();
      steps = 0;
      started = true;
      done = false;
      return { obs: observe(), info: {} };
    },
    step(action): StepResult {
      checkAction(actionSpace, action);
      if (!started) throw new Error("CartPole: call reset() before step()");
      [x, xDot, theta, thetaDot] = cartPoleStep([x, xDot, theta, thetaDot], action as number);
      steps++;
      const terminated =
        x < -c.xThreshold ||
        x > c.xThreshold ||
        theta < -c.thetaThresholdRadians ||
        theta > c.thetaThresholdRadians;
      const reward = done ? 0 : 1;
      if (terminated) done = true;
      // Gymnasium's TimeLimit raises truncated at the limit whether or not the step also terminated.
      const truncated = steps >= c.maxEpisodeSteps;
      return { obs: observe(), reward, terminated, truncated, info: {} };
    },
  };
}
