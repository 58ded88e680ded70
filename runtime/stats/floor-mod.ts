/**
 * Python's float `%` (CPython `float_rem`, numpy `remainder` on float64): the
 * floored modulo, whose result has the sign of the divisor.
 *
 * JS `%` is IEEE `fmod` (exact, sign of the dividend); like CPython, a
 * non-zero remainder whose sign differs from the divisor's gets the divisor
 * added (one correctly rounded addition), and a zero remainder is a zero with
 * the divisor's sign. The result is the exact floored modulo of the two
 * doubles, rounded once — bit-identical to Python's, unlike
 * `a − b·floor(a/b)`, which rounds the quotient and the product.
 * Note: the rounding can give `b` itself (e.g. a tiny negative `a`), exactly
 * as Python does. NaN for a zero divisor (Python raises) or a non-finite dividend.
 */
export function floorMod(a: number, b: number): number {
  const mod = a % b;
  if (mod === 0) return b < 0 ? -0 : 0;
  return mod < 0 !== b < 0 ? mod + b : mod;
}
