import { bucketKey } from "../../backtest/stats/calendar.js";
import { drawdownSeries } from "../../backtest/stats/drawdown.js";
import { compoundByBucket, simpleReturns } from "../../backtest/stats/returns.js";
import type {
  MonthlyReturn,
  ReturnDistributionSection,
  RollingSection,
  TimeSeries,
  YearlyReturn,
} from "../tear-sheet-input.js";

/** The series a tear sheet derives from an equity curve (and a benchmark's). */
export interface PerformanceSeries {
  readonly drawdown: TimeSeries;
  readonly benchmarkDrawdown?: TimeSeries;
  readonly monthlyReturns: MonthlyReturn[];
  readonly yearlyReturns: YearlyReturn[];
  readonly rolling: RollingSection;
  readonly returnDistribution: ReturnDistributionSection;
}

/** Calendar-bucket compounded returns of an equity curve, keyed by bucket. */
function bucketReturns(
  timestamps: Float64Array,
  equity: ArrayLike<number>,
  bucket: "month" | "year",
): Map<number, { time: number; value: number }> {
  const r = compoundByBucket({ timestamps, values: simpleReturns(equity) }, bucket);
  const out = new Map<number, { time: number; value: number }>();
  for (let i = 0; i < r.timestamps.length; i++) {
    out.set(bucketKey(r.timestamps[i]!, bucket), { time: r.timestamps[i]!, value: r.values[i]! });
  }
  return out;
}

/**
 * Rolling annualized Sharpe (risk-free 0), volatility and beta over `window`
 * per-bar returns ending at each bar (the value at bar t uses returns up to t
 * only). Bars before the first full window are left out.
 */
export function rollingMetrics(
  timestamps: Float64Array,
  returns: Float64Array,
  benchmarkReturns: Float64Array | undefined,
  window: number,
  periodsPerYear: number,
): RollingSection {
  const times: number[] = [];
  const sharpe: number[] = [];
  const vol: number[] = [];
  const beta: number[] = [];
  const ann = Math.sqrt(periodsPerYear);
  for (let t = window; t < returns.length; t++) {
    let sr = 0;
    let sb = 0;
    for (let i = t - window + 1; i <= t; i++) {
      sr += returns[i]!;
      if (benchmarkReturns) sb += benchmarkReturns[i]!;
    }
    const mr = sr / window;
    const mb = sb / window;
    let vr = 0;
    let vb = 0;
    let cv = 0;
    for (let i = t - window + 1; i <= t; i++) {
      const dr = returns[i]! - mr;
      vr += dr * dr;
      if (benchmarkReturns) {
        const db = benchmarkReturns[i]! - mb;
        vb += db * db;
        cv += dr * db;
      }
    }
    const sd = Math.sqrt(vr / (window - 1));
    times.push(timestamps[t]!);
    vol.push(sd * ann);
    sharpe.push(sd > 0 ? (mr / sd) * ann : Number.NaN);
    if (benchmarkReturns) beta.push(vb > 0 ? cv / vb : Number.NaN);
  }
  return {
    window,
    sharpe: { times, values: sharpe },
    volatility: { times, values: vol },
    ...(benchmarkReturns ? { beta: { times, values: beta } } : {}),
  };
}

/** Drawdown, calendar returns, rolling metrics and the return distribution of an equity curve. */
export function performanceSeries(
  timestamps: Float64Array,
  equity: Float64Array,
  options: { benchmarkEquity?: Float64Array; window?: number; periodsPerYear?: number } = {},
): PerformanceSeries {
  const bench = options.benchmarkEquity;
  const returns = simpleReturns(equity);
  const benchReturns = bench ? simpleReturns(bench) : undefined;
  const months = bucketReturns(timestamps, equity, "month");
  const years = bucketReturns(timestamps, equity, "year");
  const benchYears = bench ? bucketReturns(timestamps, bench, "year") : undefined;
  const window = Math.max(2, Math.min(options.window ?? 63, Math.floor(equity.length / 3)));
  return {
    drawdown: { times: timestamps, values: drawdownSeries(equity) },
    ...(bench ? { benchmarkDrawdown: { times: timestamps, values: drawdownSeries(bench) } } : {}),
    monthlyReturns: [...months.values()].map(({ time, value }) => {
      const d = new Date(time);
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, value };
    }),
    yearlyReturns: [...years].map(([year, { value }]) => {
      const b = benchYears?.get(year);
      return { year, strategy: value, ...(b ? { benchmark: b.value } : {}) };
    }),
    rolling: rollingMetrics(
      timestamps,
      returns,
      benchReturns,
      window,
      options.periodsPerYear ?? 252,
    ),
    returnDistribution: {
      strategy: returns.subarray(1),
      ...(benchReturns ? { benchmark: benchReturns.subarray(1) } : {}),
    },
  };
}
