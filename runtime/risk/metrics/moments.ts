import { finite, kurtosis, mean, skew, std } from "../../stats/moments.js";

/** Sample moments of a return series (NaNs skipped), as the risk report shows them. */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for fewer than two values. */
  readonly std: number;
  /** Skewness g1 (population moments, as scipy.stats.skew with bias=True); 0 without spread. */
  readonly skewness: number;
  /** Excess kurtosis g2 (population moments, scipy.stats.kurtosis with bias=True); 0 without spread. */
  readonly excessKurtosis: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const x = finite(values);
  const n = x.length;
  return {
    n,
    mean: mean(x),
    std: n > 1 ? std(x) : 0,
    skewness: n > 0 ? skew(x, false) : 0,
    excessKurtosis: n > 0 ? kurtosis(x, false) : 0,
  };
}
