/**
 * Gymnasium's Pendulum-v1 `angle_normalize(x) = ((x + np.pi) % (2 * np.pi)) - np.pi`
 * (gymnasium/envs/classic_control/pendulum.py) with Python's floored `%`.
 *
 * Python's float `%` is CPython's `float_rem` (numpy's `remainder` is the same):
 * r = fmod(a, b), exact; if r ≠ 0 and its sign differs from b's, r + b (one
 * rounding); a zero remainder takes b's sign. Mathematically that is the exact
 * floored modulo a − b·⌊a/b⌋ of the two doubles, rounded once to a double.
 * `exactFloorMod` below computes exactly that with integers (BigInt), an
 * implementation independent of the runtime's; `x + π` and `… − π` are the
 * same double operations Gymnasium performs.
 *
 * JS's `%` is the truncated remainder (sign of the dividend), and the former
 * `s − 2π·⌊s / 2π⌋` rounds the quotient and the product: both differ from
 * Python on the cases below.
 */
import { describe, expect, it } from "vitest";
import { angleNormalize, pendulumStep } from "../../../runtime/agents/envs/pendulum.js";
import { createRng } from "../../../runtime/core/rng.js";
import { floorMod } from "../../../runtime/stats/floor-mod.js";

/** A finite double as m · 2^e exactly (m a signed integer). */
function exact(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0
    ? { m: sign * fraction, e: -1074 }
    : { m: sign * (fraction | (1n << 52n)), e: biased - 1075 };
}

/** The exact floored modulo of two finite doubles (b ≠ 0), rounded once to the nearest double. */
function exactFloorMod(a: number, b: number): number {
  const x = exact(a);
  const y = exact(b);
  const e = Math.min(x.e, y.e);
  const A = x.m << BigInt(x.e - e);
  const B = y.m << BigInt(y.e - e);
  let r = A % B; // truncated, exact
  if (r !== 0n && r < 0n !== B < 0n) r += B; // floored, still exact
  if (r === 0n) return b < 0 ? -0 : 0;
  // Number(bigint) rounds to nearest (ties to even); the power-of-two scale is exact here.
  return Number(r) * 2 ** e;
}

const reference = (x: number): number => exactFloorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
const jsRemainder = (x: number): number => ((x + Math.PI) % (2 * Math.PI)) - Math.PI;
const flooredByDivision = (x: number): number => {
  const s = x + Math.PI;
  return s - 2 * Math.PI * Math.floor(s / (2 * Math.PI)) - Math.PI;
};

/**
 * [x, Python's angle_normalize(x)], the values CPython prints for
 * `((x + math.pi) % (2 * math.pi)) - math.pi` (hand-derivable ones explained).
 */
const CASES: readonly [string, number, number][] = [
  // −4 + π = −0.8584…; fmod keeps it; its sign differs from 2π's → + 2π = 5.4248…; − π.
  ["−4", -4, 2.2831853071795862],
  // −2π + π = −π exactly; fmod −π; + 2π = π exactly; − π = 0 (JS `%` gives −2π).
  ["−2π", -2 * Math.PI, 0],
  // π + π = 2π exactly: remainder 0 (divisor's sign, +0); − π.
  ["π", Math.PI, -Math.PI],
  ["−π", -Math.PI, -Math.PI],
  // 3π (the double) + π rounds to 4π exactly: remainder 0.
  ["3π", 3 * Math.PI, -Math.PI],
  ["−3π", -3 * Math.PI, -Math.PI],
  // The double just below −π (one ulp, 2⁻⁵¹, = −3.1415926535897936): x + π = −2⁻⁵¹
  // exactly; + 2π is a tie that rounds (to even) up to 2π, so Python returns +π —
  // outside [−π, π), and so must we.
  ["−π − ulp", -Math.PI - 2 ** -51, Math.PI],
  // Large angles: the quotient rounding of s − 2π⌊s/2π⌋ shows.
  ["100π", 100 * Math.PI, 3.552713678800501e-15],
  ["−100π", -100 * Math.PI, -2.4868995751603507e-14],
  ["−68.80373588319372", -68.80373588319372, 0.3113024957817281],
  ["−575.3667675412371", -575.3667675412371, 2.6862807192848273],
  ["1e6", 1e6, -0.3575641670518799],
  ["−1e6", -1e6, 0.35756416704162675],
  ["1e10", 1e10, -0.5092313101815087],
  ["1e16", 1e16, -2.7875355283550753],
  ["−1e16", -1e16, -1.7788350860040971],
  ["1e300", 1e300, 2.418165953062772],
];

describe("Pendulum angle_normalize = Python's ((x + π) % 2π) − π, bit for bit", () => {
  it.each(CASES)("x = %s", (_name, x, python) => {
    expect(Object.is(angleNormalize(x), python)).toBe(true);
    expect(Object.is(reference(x), python)).toBe(true);
  });

  it("the cases are ones where JS `%` or the division-based floor differ from Python", () => {
    const differs = CASES.filter(
      ([, x, python]) =>
        !Object.is(jsRemainder(x), python) || !Object.is(flooredByDivision(x), python),
    );
    expect(differs.map(([name]) => name)).toEqual([
      "−4",
      "−2π",
      "−π − ulp",
      "100π",
      "−100π",
      "−68.80373588319372",
      "−575.3667675412371",
      "1e6",
      "−1e6",
      "1e10",
      "1e16",
      "−1e16",
      "1e300",
    ]);
  });

  it("equals the exact floored modulo, rounded once, on 20,000 seeded angles of every magnitude", () => {
    const rng = createRng(15);
    for (let k = 0; k < 20_000; k++) {
      const magnitude = 10 ** (rng.next() * 12 - 2); // 0.01 … 1e10
      const x = (rng.next() < 0.5 ? -1 : 1) * magnitude * rng.next();
      expect(Object.is(angleNormalize(x), reference(x))).toBe(true);
    }
  });

  it("floorMod keeps the divisor's sign, zeros included", () => {
    expect(floorMod(-1, 3)).toBe(2);
    expect(floorMod(1, -3)).toBe(-2);
    expect(Object.is(floorMod(6, 3), 0)).toBe(true);
    expect(Object.is(floorMod(-6, 3), 0)).toBe(true);
    expect(Object.is(floorMod(6, -3), -0)).toBe(true);
    expect(floorMod(5.5, 2)).toBe(1.5);
    expect(floorMod(-5.5, 2)).toBe(0.5);
  });

  it("the step cost at a wound-up angle is Gymnasium's to the bit", () => {
    // th = −68.80373588319372 (about 11 turns), θ̇ = 3, u = 1.5:
    // angle_normalize(th)² + 0.1·θ̇² + 0.001·u² as CPython computes it.
    const { cost } = pendulumStep(-68.80373588319372, 3, 1.5);
    expect(cost).toBe(0.9991592438799328);
  });
});
