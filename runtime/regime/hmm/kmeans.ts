import type { Rng } from "../../core/rng.js";
import type { Observations } from "./model.js";

export interface KMeansResult {
  /** K×d centroids. */
  readonly centroids: Float64Array;
  /** Cluster of each observation. */
  readonly assignment: Int32Array;
  readonly inertia: number;
}

function sqDist(x: Float64Array, xo: number, c: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const z = x[xo + j]! - c[co + j]!;
    s += z * z;
  }
  return s;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007): D²-weighted sampling of the centres. */
export function kmeansPlusPlusSeeds(obs: Observations, k: number, rng: Rng): Float64Array {
  const { n, dim: d, values: x } = obs;
  const centroids = new Float64Array(k * d);
  const first = rng.int(n);
  centroids.set(x.subarray(first * d, first * d + d), 0);
  const dist = new Float64Array(n);
  for (let t = 0; t < n; t++) dist[t] = sqDist(x, t * d, centroids, 0, d);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let t = 0; t < n; t++) total += dist[t]!;
    let pick = n - 1;
    if (total > 0) {
      let u = rng.next() * total;
      for (let t = 0; t < n; t++) {
        u -= dist[t]!;
        if (u < 0) {
          pick = t;
          break;
        }
      }
    } else pick = rng.int(n);
    centroids.set(x.subarray(pick * d, pick * d + d), c * d);
    for (let t = 0; t < n; t++) {
      const dt = sqDist(x, t * d, centroids, c * d, d);
      if (dt < dist[t]!) dist[t] = dt;
    }
  }
  return centroids;
}

/** Lloyd's algorithm from k-means++ seeds. */
export function kmeans(obs: Observations, k: number, rng: Rng, maxIter = 50): KMeansResult {
  const { n, dim: d, values: x } = obs;
  const centroids = kmeansPlusPlusSeeds(obs, k, rng);
  const assignment = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let inertia = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = false;
    inertia = 0;
    for (let t = 0; t < n; t++) {
      let best = Number.POSITIVE_INFINITY;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        const v = sqDist(x, t * d, centroids, c * d, d);
        if (v < best) {
          best = v;
          arg = c;
        }
      }
      inertia += best;
      if (assignment[t] !== arg) {
        assignment[t] = arg;
        changed = true;
      }
    }
    if (!changed) break;
    sums.fill(0);
    counts.fill(0);
    for (let t = 0; t < n; t++) {
      const c = assignment[t]!;
      counts[c] = counts[c]! + 1;
      for (let j = 0; j < d; j++) sums[c * d + j] = sums[c * d + j]! + x[t * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c]! > 0) {
        for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! / counts[c]!;
      }
    }
  }
  return { centroids, assignment, inertia };
}
