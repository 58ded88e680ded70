import type { CheckOutcome, QualityCheckImpl } from "./check-types.js";
import { issueAt, rowsBySymbol } from "./check-types.js";
import { dropFlagged } from "./sourced-rows.js";

/**
 * Median of a numeric array (copied; the input is left as is). Found by
 * selection (average O(n)) rather than a full sort; with NaN present the copy
 * is sorted instead (NaN last, as before).
 */
export function median(values: ArrayLike<number>): number {
  const a = values instanceof Float64Array ? values.slice() : Float64Array.from(values);
  const n = a.length;
  if (n === 0) return Number.NaN;
  if (a.some(Number.isNaN)) {
    a.sort();
    const mid = n >> 1;
    return n % 2 ? a[mid]! : (a[mid - 1]! + a[mid]!) / 2;
  }
  const mid = n >> 1;
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

/**
 * Outlier returns by robust z-score: z = 0.6745 · (r − median) / MAD over each
 * symbol's close-to-close log returns; |z| above `threshold` (default 10) is an
 * outlier. (A data check over the whole file, not a trading signal.)
 * Repair `drop` removes the bar that ends the outlier return.
 */
export const outliersCheck: QualityCheckImpl = {
  check: "outliers",
  run(data, policy): CheckOutcome {
    const threshold = policy.threshold ?? 10;
    const flagged = new Uint8Array(data.bars.timestamp.length);
    const issues = [];
    const { close } = data.bars;
    for (const rows of rowsBySymbol(data).values()) {
      if (rows.length < 3) continue;
      const r = new Float64Array(rows.length - 1);
      for (let k = 1; k < rows.length; k++)
        r[k - 1] = Math.log(close[rows[k]!]! / close[rows[k - 1]!]!);
      const finite = r.filter((x) => Number.isFinite(x));
      const med = median(finite);
      const mad = median(finite.map((x) => Math.abs(x - med)));
      if (!(mad > 0)) continue;
      for (let k = 0; k < r.length; k++) {
        const z = (0.6745 * (r[k]! - med)) / mad;
        if (Math.abs(z) > threshold) {
          const row = rows[k + 1]!;
          flagged[row] = 1;
          const pct = (Math.exp(r[k]!) - 1) * 100;
          issues.push(
            issueAt(
              data,
              "outliers",
              row,
              `return ${pct.toFixed(2)}% has robust z-score ${z.toFixed(1)} (threshold ${threshold})`,
              "close",
            ),
          );
        }
      }
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    return { issues, repaired: dropFlagged(data, flagged), repairedCount: issues.length };
  },
};
