import { createRng, type Rng } from "../../core/rng.js";
import { floorMod } from "../../stats/floor-mod.js";
import type { Env, StepResult } from "./env.js";
import { box, checkAction } from "./spaces.js";

/** Gymnasium Pendulum-v1 constants (gymnasium/envs/classic_control/pendulum.py). */
export const PENDULUM = {
  maxSpeed: 8,
  maxTorque: 2.0,
  dt: 0.05,
  g: 10.0,
  m: 1.0,
  l: 1.0,
  maxEpisodeSteps: 200,
} as const;

/**
 * Gymnasium's `angle_normalize(x) = ((x + np.pi) % (2 * np.pi)) - np.pi`
 * with Python's floored `%` done exactly (runtime/stats/floor-mod): the same
 * three double operations as Gymnasium, so the cost is bit-identical wherever
 * the trig of the dynamics agrees. In [−π, π) up to Python's own rounding (a
 * tiny negative x + π rounds up to 2π and gives π, as in Gymnasium).
 */
export function angleNormalize(x: number): number {
  return floorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
}

/**
 * One step of Gymnasium's pendulum from angle `th` (0 = upright) and angular
 * velocity `thDot` under torque `u` (already clipped): the cost of the current
 * state and action, then semi-implicit Euler with the speed clipped to ±8.
 */
export function pendulumStep(
  th: number,
  thDot: number,
  u: number,
  g: number = PENDULUM.g,
): { th: number; thDot: number; cost: number } {
  const p = PENDULUM;
  const cost = angleNormalize(th) ** 2 + 0.1 * thDot ** 2 + 0.001 * u ** 2;
  let newThDot =
    thDot + (((3 * g) / (2 * p.l)) * Math.sin(th) + (3.0 / (p.m * p.l ** 2)) * u) * p.dt;
  newThDot = Math.min(p.maxSpeed, Math.max(-p.maxSpeed, newThDot));
  return { th: th + newThDot * p.dt, thDot: newThDot, cost };
}

/**
 * Pendulum-v1 with Gymnasium's dynamics: torque clipped to ±2, cost
 * θ² + 0.1·θ̇² + 0.001·u², angular velocity clipped to ±8, never terminates,
 * truncated after 200 steps. Observation [cos θ, sin θ, θ̇] as float32.
 */
export function createPendulum(seed = 0, g: number = PENDULUM.g): Env {
  const p = PENDULUM;
  let rng: Rng = createRng(seed);
  let th = 0;
  let thDot = 0;
  let steps = 0;
  let started = false;
  const obs = new Float64Array(3);
  const observe = (): Float64Array => {
    obs[0] = Math.fround(Math.cos(th));
    obs[1] = Math.fround(Math.sin(th));
    obs[2] = Math.fround(thDot);
    return obs;
  };
  const actionSpace = box(-p.maxTorque, p.maxTorque, 1);
  return {
    id: "Pendulum-v1",
    observationSpace: box([-1, -1, -p.maxSpeed], [1, 1, p.maxSpeed]),
    actionSpace,
    maxEpisodeSteps: p.maxEpisodeSteps,
    reset(newSeed) {
      if (newSeed !== undefined) rng = createRng(newSeed);
      th = -Math.PI + 2 * Math.PI * rng.next();
      thDot = -1 + 2 * rng.next();
      steps = 0;
      started = true;
      return { obs: observe(), info: {} };
    },
    step(action): StepResult {
      if (!started) throw new Error("Pendulum: call reset() before step()");
      if (typeof action === "number") checkAction(actionSpace, action);
      const raw = (action as Float64Array)[0]!;
      // Gymnasium clips instead of rejecting out-of-range torques.
      const u = Math.min(p.maxTorque, Math.max(-p.maxTorque, Math.fround(raw)));
      const next = pendulumStep(th, thDot, u, g);
      th = next.th;
      thDot = next.thDot;
      const costs = next.cost;
      steps++;
      return {
        obs: observe(),
        reward: -costs,
        terminated: false,
        truncated: steps >= p.maxEpisodeSteps,
        info: {},
      };
    },
  };
}
