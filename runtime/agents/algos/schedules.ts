/**
 * rl-zoo style schedules: a number is constant; `lin_3e-4` decays linearly
 * from 3e-4 to 0 over training (SB3's `progress_remaining` 1 → 0).
 */
import { hyperparametersMessages } from "../../messages/hyperparameters.js";

export type ScheduleSpec = number | string;
export type Schedule = (progressRemaining: number) => number;

const LINEAR = /^lin_([0-9.eE+-]+)$/;

export function parseSchedule(spec: ScheduleSpec, name = "schedule"): Schedule {
  if (typeof spec === "number") {
    if (!Number.isFinite(spec)) throw new RangeError(hyperparametersMessages.notFinite(name));
    return () => spec;
  }
  const match = LINEAR.exec(spec.trim());
  const start = match ? Number(match[1]) : Number(spec);
  if (!Number.isFinite(start)) {
    throw new RangeError(hyperparametersMessages.badSchedule(name, spec));
  }
  if (!match) return () => start;
  return (progressRemaining) => start * Math.max(0, Math.min(1, progressRemaining));
}

/** Linear interpolation from `start` to `end` over the first `fraction` of training (DQN's ε). */
export function linearDecay(start: number, end: number, fraction: number): Schedule {
  return (progressRemaining) => {
    const progress = 1 - progressRemaining;
    if (fraction <= 0 || progress >= fraction) return end;
    return start + (progress / fraction) * (end - start);
  };
}
