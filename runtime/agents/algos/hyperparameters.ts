import type { Hyperparameters } from "./agent.js";
import { parseSchedule, type Schedule, type ScheduleSpec } from "./schedules.js";

/** Typed reads of rl-zoo style hyperparameters with defaults; unknown keys are rejected. */
export class HyperparameterReader {
  private readonly used = new Set<string>();
  constructor(
    readonly algo: string,
    readonly values: Hyperparameters,
  ) {}

  number(key: string, fallback: number): number {
    this.used.add(key);
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${this.algo}.${key} must be a number, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  optionalNumber(key: string): number | undefined {
    this.used.add(key);
    const v = this.values[key];
    if (v === undefined || v === null) return undefined;
    return this.number(key, 0);
  }

  /** The raw value (for algorithm-specific forms such as SAC's `ent_coef: auto_0.1`). */
  raw(key: string): unknown {
    this.used.add(key);
    return this.values[key];
  }

  boolean(key: string, fallback: boolean): boolean {
    this.used.add(key);
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "boolean") throw new RangeError(`${this.algo}.${key} must be true or false`);
    return v;
  }

  string<T extends string>(key: string, fallback: T, allowed: readonly T[]): T {
    this.used.add(key);
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "string" || !allowed.includes(v as T)) {
      throw new RangeError(`${this.algo}.${key} must be one of ${allowed.join(", ")}`);
    }
    return v as T;
  }

  schedule(key: string, fallback: ScheduleSpec): Schedule {
    this.used.add(key);
    const v = this.values[key];
    if (v === undefined || v === null) return parseSchedule(fallback, `${this.algo}.${key}`);
    if (typeof v !== "number" && typeof v !== "string") {
      throw new RangeError(`${this.algo}.${key} must be a number or "lin_<value>"`);
    }
    return parseSchedule(v, `${this.algo}.${key}`);
  }

  netArch(key: string, fallback: readonly number[]): number[] {
    this.used.add(key);
    const v = this.values[key];
    if (v === undefined || v === null) return [...fallback];
    if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && x > 0)) {
      throw new RangeError(`${this.algo}.${key} must be a list of layer sizes, e.g. [64, 64]`);
    }
    return v as number[];
  }

  /** Throws when the spec names hyperparameters this algorithm does not read. */
  checkAllUsed(): void {
    const unknown = Object.keys(this.values).filter((k) => !this.used.has(k));
    if (unknown.length > 0) {
      const known = [...this.used].sort().join(", ");
      throw new RangeError(
        `${this.algo} does not know hyperparameter(s) ${unknown.join(", ")}; valid: ${known}`,
      );
    }
  }
}

export type { Schedule };
