import { interquartileMean } from "../../stats/interquartile-mean.js";
import { max, mean, min, std } from "../../stats/moments.js";

/** Re-exported from runtime/stats (its home), where the agents' API has always offered it. */
export { interquartileMean };

/** Mean, sample standard deviation and interquartile mean of episode returns (Agarwal et al. 2021). */
export interface ScoreSummary {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  readonly iqm: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(values: readonly number[]): ScoreSummary {
  return {
    n: values.length,
    mean: mean(values),
    // Sample standard deviation (n − 1); 0 for a single value.
    std: values.length < 2 ? 0 : std(values),
    iqm: interquartileMean(values),
    min: min(values),
    max: max(values),
  };
}
