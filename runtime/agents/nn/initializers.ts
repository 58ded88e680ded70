import type { Rng } from "../../core/rng.js";

/**
 * Seeded weight initialisers (no tfjs randomness, so weights depend only on
 * the seed). Matrices are row-major `rows × cols` (inputs × outputs).
 */

/** Orthogonal matrix scaled by `gain` (Saxe et al. 2014; torch's orthogonal_ / SB3's default). */
export function orthogonal(rows: number, cols: number, gain: number, rng: Rng): Float32Array {
  // Orthonormalise the k = min(rows, cols) vectors of length m = max(rows, cols).
  const transpose = rows < cols;
  const k = transpose ? rows : cols;
  const m = transpose ? cols : rows;
  const vectors: Float64Array[] = [];
  for (let v = 0; v < k; v++) {
    const vec = new Float64Array(m);
    for (;;) {
      for (let i = 0; i < m; i++) vec[i] = rng.normal();
      for (const prev of vectors) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += vec[i]! * prev[i]!;
        for (let i = 0; i < m; i++) vec[i]! -= dot * prev[i]!;
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += vec[i]! * vec[i]!;
      norm = Math.sqrt(norm);
      if (norm > 1e-8) {
        for (let i = 0; i < m; i++) vec[i]! /= norm;
        break;
      }
    }
    vectors.push(vec);
  }
  const out = new Float32Array(rows * cols);
  for (let v = 0; v < k; v++) {
    const vec = vectors[v]!;
    for (let i = 0; i < m; i++) {
      const r = transpose ? v : i;
      const c = transpose ? i : v;
      out[r * cols + c] = gain * vec[i]!;
    }
  }
  return out;
}

/**
 * Uniform(−1/√fanIn, 1/√fanIn) with fan-in `rows`: PyTorch's nn.Linear default
 * (weights and biases), used by the off-policy algorithms. `count` values.
 */
export function fanInUniform(
  rows: number,
  cols: number,
  rng: Rng,
  count = rows * cols,
): Float32Array {
  const bound = 1 / Math.sqrt(rows);
  const out = new Float32Array(count);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * bound;
  return out;
}
