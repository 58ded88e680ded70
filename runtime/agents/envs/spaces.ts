/**
 * Gymnasium-style spaces. `Discrete(n)` actions are integers 0..n-1; `Box`
 * values are flat Float64Arrays with per-dimension bounds (±Infinity allowed).
 */
export interface DiscreteSpace {
  readonly kind: "discrete";
  readonly n: number;
}

export interface BoxSpace {
  readonly kind: "box";
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly size: number;
}

export type Space = DiscreteSpace | BoxSpace;
export type Action = number | Float64Array;

export function discrete(n: number): DiscreteSpace {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`Discrete(n) needs an integer n ≥ 1, got ${n}`);
  return { kind: "discrete", n };
}

export function box(
  low: ArrayLike<number> | number,
  high: ArrayLike<number> | number,
  size?: number,
): BoxSpace {
  const n =
    size ?? (typeof low === "number" ? (typeof high === "number" ? 1 : high.length) : low.length);
  const lo = typeof low === "number" ? new Float64Array(n).fill(low) : Float64Array.from(low);
  const hi = typeof high === "number" ? new Float64Array(n).fill(high) : Float64Array.from(high);
  if (lo.length !== n || hi.length !== n)
    throw new RangeError("Box bounds must have the same size");
  for (let i = 0; i < n; i++) {
    if (!(lo[i]! <= hi[i]!)) throw new RangeError(`Box low[${i}] > high[${i}]`);
  }
  return { kind: "box", low: lo, high: hi, size: n };
}

/** Whether `value` lies in `space` (Gymnasium's `space.contains`). */
export function contains(space: Space, value: Action): boolean {
  if (space.kind === "discrete") {
    return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < space.n;
  }
  if (typeof value === "number" || value.length !== space.size) return false;
  for (let i = 0; i < space.size; i++) {
    const v = value[i]!;
    if (!(v >= space.low[i]! && v <= space.high[i]!)) return false;
  }
  return true;
}

/** Throws a RangeError naming the space when `action` is not in it. */
export function checkAction(space: Space, action: Action): void {
  if (!contains(space, action)) {
    const shown =
      typeof action === "number" ? String(action) : `[${Array.from(action).join(", ")}]`;
    throw new RangeError(`action ${shown} is not in ${describeSpace(space)}`);
  }
}

export function describeSpace(space: Space): string {
  if (space.kind === "discrete") return `Discrete(${space.n})`;
  const lo = Math.min(...space.low);
  const hi = Math.max(...space.high);
  return `Box(${lo}, ${hi}, (${space.size},))`;
}

/** Number of inputs a network needs for an action of this space (one-hot for discrete). */
export function flatSize(space: Space): number {
  return space.kind === "discrete" ? space.n : space.size;
}

/** Clips a continuous action into the box (Gymnasium's ClipAction wrapper). */
export function clipToBox(
  space: BoxSpace,
  action: Float64Array,
  out = new Float64Array(space.size),
): Float64Array {
  for (let i = 0; i < space.size; i++) {
    const v = action[i]!;
    out[i] = v < space.low[i]! ? space.low[i]! : Math.min(v, space.high[i]!);
  }
  return out;
}
