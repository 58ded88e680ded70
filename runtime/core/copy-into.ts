/**
 * Copies `source` into the start of `target` with a plain loop. For the few
 * symbols of a portfolio this is several times faster than TypedArray#set,
 * whose fixed cost dominates per-bar code.
 */
export function copyInto(target: Float64Array, source: Float64Array): Float64Array {
  for (let i = 0; i < source.length; i++) target[i] = source[i]!;
  return target;
}
