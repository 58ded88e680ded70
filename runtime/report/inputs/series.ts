import {
  monthlyReturnsTable,
  rollingSharpe,
  rollingVolatility,
  yearlyReturns,
} from "../../backtest/stats/series.js";
import { inferBarsPerYear } from "../../stats/annualization.js";
import { drawdownSeries } from "../../stats/drawdown.js";
import { simpleReturns } from "../../stats/returns.js";
import { rollingBeta } from "../../stats/rolling.js";
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

export interface PerformanceSeriesOptions {
  readonly benchmarkEquity?: Float64Array;
  /** Rolling window in bars (default 63; at most a third of the bars). */
  readonly window?: number;
  /** Annualization factor of the per-bar returns (default: inferred from the timestamps, runtime/stats/annualization). */
  readonly periodsPerYear?: number;
}

/**
 * Drawdown, calendar returns, rolling Sharpe/volatility/beta and the return
 * distribution of an equity curve, all from the statistics module's series
 * functions (the value at bar t uses data up to t only).
 */
export function performanceSeries(
  timestamps: Float64Array,
  equity: Float64Array,
  options: PerformanceSeriesOptions = {},
): PerformanceSeries {
  const bench = options.benchmarkEquity;
  const returns = simpleReturns(equity);
  const benchReturns = bench ? simpleReturns(bench) : undefined;
  const periodsPerYear = options.periodsPerYear ?? inferBarsPerYear(timestamps);
  const window = Math.max(2, Math.min(options.window ?? 63, Math.floor(equity.length / 3)));
  // Rolling windows start at the first return (bar 1): bar 0 has none.
  const r = returns.subarray(1);
  const times = timestamps.subarray(1);
  const table = monthlyReturnsTable(timestamps, equity);
  const benchYears = new Map(
    (bench ? yearlyReturns(timestamps, bench) : []).map((y) => [y.year, y.value]),
  );
  return {
    drawdown: { times: timestamps, values: drawdownSeries(equity) },
    ...(bench ? { benchmarkDrawdown: { times: timestamps, values: drawdownSeries(bench) } } : {}),
    monthlyReturns: table.years.flatMap((year, y) =>
      Array.from(table.months[y]!, (value, m) => ({ year, month: m + 1, value })).filter((x) =>
        Number.isFinite(x.value),
      ),
    ),
    yearlyReturns: yearlyReturns(timestamps, equity).map(({ year, value }) => {
      const b = benchYears.get(year);
      return { year, strategy: value, ...(b !== undefined ? { benchmark: b } : {}) };
    }),
    rolling: {
      window,
      sharpe: { times, values: rollingSharpe(r, { window, periodsPerYear }) },
      volatility: { times, values: rollingVolatility(r, { window, periodsPerYear }) },
      ...(benchReturns
        ? { beta: { times, values: rollingBeta(r, benchReturns.subarray(1), window) } }
        : {}),
    },
    returnDistribution: {
      strategy: r,
      ...(benchReturns ? { benchmark: benchReturns.subarray(1) } : {}),
    },
  };
}
