/**
 * The parameter space of a sweep: named axes (a list of values, or a range
 * `{ min, max, step, log }`), constraints between them, and deterministic
 * enumeration. A trial is identified by its index: in a grid, the mixed-radix
 * number of its axis positions (last axis fastest; indices that break a
 * constraint are skipped, so ids are stable); in a random sweep, the sample
 * number, whose values come from its own named stream (`fork("trial", index)`)
 * — so a trial's parameters never depend on which worker ran it or in what order.
 * The space is read from the normalized sweep spec (its defaults are the schema's).
 */
import { backtestMessages } from "../../messages/backtest.js";
import type { SweepRange, SweepSpec } from "../../spec/types.generated.js";
import { createSeedPlan } from "../../core/seed-plan.js";

export type ParameterValue = number | string | boolean;

/** A range axis `{ min, max, step, log }`, as the sweep schema defines it. */
export type RangeSpec = SweepRange;

export type AxisSpec = readonly ParameterValue[] | RangeSpec;

export interface Axis {
  readonly name: string;
  /** Finite values (lists, and ranges with a step). */
  readonly values?: readonly ParameterValue[];
  readonly range?: RangeSpec;
}

export type Comparison = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** `left op right` where each side is `factor × parameter` or a number. */
export interface Constraint {
  readonly text: string;
  readonly left: Term;
  readonly op: Comparison;
  readonly right: Term;
}

interface Term {
  readonly factor: number;
  /** Axis index, or -1 for a constant `factor`. */
  readonly axis: number;
}

export interface ParameterSpace {
  readonly axes: readonly Axis[];
  readonly constraints: readonly Constraint[];
  readonly method: "grid" | "random";
  /** Grid: the number of grid points (before constraints); random: samples. */
  readonly size: number;
  readonly seed: number;
  /**
   * Writes the trial's axis values into `out` (numbers; strings as their
   * position in the axis list, booleans as 0/1). Returns false when the
   * trial breaks a constraint (grid) or no valid draw was found (random).
   */
  trial(index: number, out: Float64Array): boolean;
  /** The value of axis `a` as the user wrote it, from an encoded number. */
  decode(a: number, encoded: number): ParameterValue;
}

export function rangeValues(r: RangeSpec): number[] {
  if (r.step === undefined) throw new RangeError(backtestMessages.sweepGridNeedsStep(r.min, r.max));
  if (!(r.step > 0)) throw new RangeError(backtestMessages.sweepStepNotPositive(r.step));
  const count = Math.floor((r.max - r.min) / r.step + 1e-9) + 1;
  if (count > 10_000_000)
    throw new RangeError(backtestMessages.sweepTooManyValues(r.min, r.max, r.step));
  const decimals = Math.max(decimalsOf(r.min), decimalsOf(r.step));
  const scale = 10 ** decimals;
  return Array.from({ length: count }, (_, k) => Math.round((r.min + k * r.step!) * scale) / scale);
}

function decimalsOf(x: number): number {
  const text = String(x);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

const TERM = /^\s*(?:(-?\d+(?:\.\d+)?)\s*\*\s*)?([a-z_][a-z0-9_.]*|-?\d+(?:\.\d+)?)\s*$/;

export function parseConstraint(text: string, names: readonly string[]): Constraint {
  const m = /^(.+?)(<=|>=|==|!=|<|>)(.+)$/.exec(text);
  if (!m) throw new RangeError(backtestMessages.sweepConstraintShape(text));
  const term = (side: string): Term => {
    const t = TERM.exec(side);
    if (!t) throw new RangeError(backtestMessages.sweepConstraintTerm(text, side.trim()));
    const factor = t[1] !== undefined ? Number(t[1]) : 1;
    const name = t[2]!;
    if (/^-?\d/.test(name)) return { factor: factor * Number(name), axis: -1 };
    const axis = names.indexOf(name);
    if (axis < 0) throw new RangeError(backtestMessages.sweepConstraintName(text, name, names));
    return { factor, axis };
  };
  return { text, left: term(m[1]!), op: m[2] as Comparison, right: term(m[3]!) };
}

function holds(c: Constraint, values: Float64Array): boolean {
  const a = c.left.axis < 0 ? c.left.factor : c.left.factor * values[c.left.axis]!;
  const b = c.right.axis < 0 ? c.right.factor : c.right.factor * values[c.right.axis]!;
  switch (c.op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "==":
      return a === b;
    case "!=":
      return a !== b;
  }
}

/** The keys of a normalized sweep spec that define its space (parameters keyed by dotted path). */
export type SpaceSpec = Pick<SweepSpec, "method" | "samples" | "seed" | "constraints"> & {
  readonly parameters: Readonly<Record<string, AxisSpec>>;
};

export function createParameterSpace(spec: SpaceSpec): ParameterSpace {
  const method = spec.method;
  const names = Object.keys(spec.parameters);
  if (names.length === 0) throw new RangeError(backtestMessages.sweepNoParameters());
  const axes: Axis[] = names.map((name) => {
    const axis = spec.parameters[name]!;
    if (Array.isArray(axis)) {
      if (axis.length === 0) throw new RangeError(backtestMessages.sweepNoValues(name));
      return { name, values: axis as readonly ParameterValue[] };
    }
    const range = axis as RangeSpec;
    if (!(range.max >= range.min))
      throw new RangeError(backtestMessages.sweepRangeReversed(name, range.min, range.max));
    return method === "grid" || range.step !== undefined
      ? { name, values: rangeValues(range), range }
      : { name, range };
  });
  const constraints = spec.constraints.map((c) => parseConstraint(c, names));
  const seed = spec.seed;
  const encode = (a: number, v: ParameterValue): number =>
    typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : axes[a]!.values!.indexOf(v);
  const decode = (a: number, x: number): ParameterValue => {
    const values = axes[a]!.values;
    if (values === undefined) return x;
    const sample = values[0];
    if (typeof sample === "string") return values[x]!;
    if (typeof sample === "boolean") return x === 1;
    return x;
  };
  const ok = (out: Float64Array): boolean => constraints.every((c) => holds(c, out));

  if (method === "grid") {
    const lengths = axes.map((a) => a.values!.length);
    const size = lengths.reduce((p, l) => p * l, 1);
    return {
      axes,
      constraints,
      method,
      size,
      seed,
      decode,
      trial(index, out) {
        let rest = index;
        for (let a = axes.length - 1; a >= 0; a--) {
          const len = lengths[a]!;
          out[a] = encode(a, axes[a]!.values![rest % len]!);
          rest = Math.floor(rest / len);
        }
        return ok(out);
      },
    };
  }
  const samples = spec.samples;
  // Trial i draws from its own named stream, so trials are independent of order and workers.
  const seeds = createSeedPlan(seed);
  return {
    axes,
    constraints,
    method,
    size: samples,
    seed,
    decode,
    trial(index, out) {
      const rng = seeds.fork("trial", index).rng();
      for (let attempt = 0; attempt < 1000; attempt++) {
        axes.forEach((axis, a) => {
          out[a] = axis.values
            ? encode(a, axis.values[rng.int(axis.values.length)]!)
            : drawRange(axis.range!, rng.next());
        });
        if (ok(out)) return true;
      }
      return false;
    },
  };
}

function drawRange(r: RangeSpec, u: number): number {
  if (r.log) {
    if (!(r.min > 0)) throw new RangeError(backtestMessages.sweepLogNeedsPositive(r.min));
    return Math.exp(Math.log(r.min) + u * (Math.log(r.max) - Math.log(r.min)));
  }
  return r.min + u * (r.max - r.min);
}
