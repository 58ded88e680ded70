/** backtesting.py's arithmetic conventions, used by its metric table. */
import type { Numbers } from "../../stats/moments.js";

/**
 * backtesting.py's geometric mean: NaN returns count as 0, any return
 * <= -100% makes the mean 0, otherwise exp(mean(log(1 + r))) - 1.
 * `logGrowth`, when the caller already has them: `Math.log(1 + r)` of each
 * non-NaN return (the same numbers, so the same mean), used instead of
 * taking the logarithms again.
 */
export function geometricMeanReturn(returns: Numbers, logGrowth?: Numbers): number {
  const n = returns.length;
  if (n === 0) return Number.NaN;
  let logSum = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    const g = Number.isNaN(r) ? 1 : 1 + r;
    if (g <= 0) return 0;
    logSum += logGrowth === undefined || Number.isNaN(r) ? Math.log(g) : logGrowth[i]!;
  }
  return Math.exp(logSum / n) - 1;
}

/** `a / b`, NaN when `b` is 0 or NaN (Python's `x / (y or np.nan)`). */
export function safeDiv(a: number, b: number): number {
  return b === 0 || Number.isNaN(b) ? Number.NaN : a / b;
}
