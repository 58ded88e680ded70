/**
 * Quantiles — one definition for every domain: linear interpolation between
 * order statistics (Hyndman & Fan type 7, numpy's and pandas' default):
 * with the n finite values sorted ascending x₀ ≤ … ≤ x_{n−1} and h = (n − 1)·q,
 * Q(q) = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌈h⌉ − x_⌊h⌋). NaN for an empty sample.
 * The median is numpy's: the middle value, or the mean of the two middle ones.
 */
import { finite, type Numbers } from "./moments.js";

/** Type-7 quantile of the finite values of `xs` (NaN and ±Infinity dropped); q in [0, 1]. */
export function quantile(xs: Numbers, q: number): number {
  return quantileSorted(Float64Array.from(finite(xs)).sort(), q);
}

/** `quantile` of an ascending-sorted, NaN-free sample (no copy, no sort). */
export function quantileSorted(sorted: Numbers, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** Finite values of `series` over the index range [start, end). */
export function finiteValues(series: Numbers, start: number, end: number): number[] {
  const out: number[] = [];
  for (let t = start; t < end; t++) {
    const v = series[t]!;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/**
 * Median (numpy's: the middle value, or the mean of the two middle values)
 * of a copy of `values`; NaN for an empty input. Found by selection (average
 * O(n)) rather than a full sort; with NaN present the copy is sorted instead
 * (NaN last).
 */
export function median(values: Numbers): number {
  const a = values instanceof Float64Array ? values.slice() : Float64Array.from(values);
  const n = a.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  if (a.some(Number.isNaN)) {
    a.sort();
    return n % 2 ? a[mid]! : (a[mid - 1]! + a[mid]!) / 2;
  }
  const upper = kthSmallest(a, mid);
  if (n % 2) return upper;
  // the lower middle is the largest value left of `mid` after the partition
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < mid; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}

/**
 * k-th smallest value (0-based) by Hoare's selection, partitioning `a` in place
 * so that a[0..k) <= a[k] <= a(k..n). No NaN allowed.
 */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
