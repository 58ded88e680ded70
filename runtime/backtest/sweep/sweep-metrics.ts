/**
 * The figures every sweep trial reports, computed in one pass over the
 * equity curve (no arrays kept), so a sweep can rank millions of trials.
 *
 * Definitions (bar returns r_t = equity_t / equity_{t-1} − 1, over the
 * simulated range; ppy = bars per year, runtime/stats/annualization):
 * - total_return = final / cash − 1; cagr = (final / cash)^(1 / years) − 1 with
 *   calendar years between the first and last bar;
 * - volatility = std(r, ddof 1) · √ppy; sharpe = mean(r) / std(r) · √ppy (risk-free 0);
 * - sortino = mean(r) / √(mean(min(r, 0)²)) · √ppy;
 * - max_drawdown = min_t(equity_t / max_{s≤t} equity_s − 1) (≤ 0); calmar = cagr / |max_drawdown|;
 * - trades = positions opened (round trips, incl. one still open);
 * - exposure = share of bars ending with a position; turnover = Σ|traded notional| / mean equity.
 */
import { inferBarsPerYear } from "../../stats/annualization.js";

export const SWEEP_METRICS = [
  "final_equity",
  "total_return",
  "cagr",
  "volatility",
  "sharpe",
  "sortino",
  "max_drawdown",
  "calmar",
  "trades",
  "exposure",
  "turnover",
] as const;

export type SweepMetric = (typeof SWEEP_METRICS)[number];

export const METRIC_COUNT = SWEEP_METRICS.length;

export function metricIndex(name: string): number {
  return (SWEEP_METRICS as readonly string[]).indexOf(name);
}

const YEAR_MS = 365.25 * 86_400_000;

/** Running accumulators of one trial; `reset` before each, `finish` writes the metrics. */
export class MetricAccumulator {
  private n = 0;
  private prev = 0;
  private sum = 0;
  private sumSq = 0;
  private downSq = 0;
  private peak = 0;
  private maxDd = 0;
  private exposed = 0;
  private equitySum = 0;
  private bars = 0;

  reset(cash: number): void {
    this.n = 0;
    this.prev = cash;
    this.sum = 0;
    this.sumSq = 0;
    this.downSq = 0;
    this.peak = cash;
    this.maxDd = 0;
    this.exposed = 0;
    this.equitySum = 0;
    this.bars = 0;
  }

  /** Adds one bar's closing equity; `first` for the range's first bar (no return yet). */
  add(equity: number, first: boolean, inMarket: boolean): void {
    if (!first) {
      const r = this.prev > 0 ? equity / this.prev - 1 : 0;
      this.sum += r;
      this.sumSq += r * r;
      if (r < 0) this.downSq += r * r;
      this.n++;
    }
    this.prev = equity;
    if (equity > this.peak) this.peak = equity;
    const dd = equity / this.peak - 1;
    if (dd < this.maxDd) this.maxDd = dd;
    if (inMarket) this.exposed++;
    this.equitySum += equity;
    this.bars++;
  }

  finish(
    cash: number,
    firstMs: number,
    lastMs: number,
    periodsPerYear: number,
    trades: number,
    traded: number,
    out: Float64Array,
    offset: number,
  ): void {
    writeMetrics(out, offset, {
      cash,
      final: this.prev,
      years: (lastMs - firstMs) / YEAR_MS,
      n: this.n,
      sum: this.sum,
      sumSq: this.sumSq,
      downSq: this.downSq,
      maxDd: this.maxDd,
      trades,
      exposure: this.bars > 0 ? this.exposed / this.bars : 0,
      turnover: this.equitySum > 0 ? traded / (this.equitySum / this.bars) : 0,
      periodsPerYear,
    });
  }
}

export interface MetricSums {
  readonly cash: number;
  readonly final: number;
  readonly years: number;
  /** Number of bar returns. */
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number;
  readonly downSq: number;
  readonly maxDd: number;
  readonly trades: number;
  readonly exposure: number;
  readonly turnover: number;
  readonly periodsPerYear: number;
}

/** The metrics from the running sums, in SWEEP_METRICS order. */
export function writeMetrics(out: Float64Array, offset: number, m: MetricSums): void {
  const growth = m.final / m.cash;
  const cagr = m.years > 0 && growth > 0 ? growth ** (1 / m.years) - 1 : Number.NaN;
  const mean = m.n > 0 ? m.sum / m.n : Number.NaN;
  const variance = m.n > 1 ? (m.sumSq - m.n * mean * mean) / (m.n - 1) : Number.NaN;
  const sd = Math.sqrt(Math.max(0, variance));
  const root = Math.sqrt(m.periodsPerYear);
  const downside = m.n > 0 ? Math.sqrt(m.downSq / m.n) : Number.NaN;
  out[offset] = m.final;
  out[offset + 1] = growth - 1;
  out[offset + 2] = cagr;
  out[offset + 3] = sd * root;
  out[offset + 4] = sd > 0 ? (mean / sd) * root : Number.NaN;
  out[offset + 5] = downside > 0 ? (mean / downside) * root : Number.NaN;
  out[offset + 6] = m.maxDd;
  out[offset + 7] = m.maxDd < 0 ? cagr / -m.maxDd : Number.NaN;
  out[offset + 8] = m.trades;
  out[offset + 9] = m.exposure;
  out[offset + 10] = m.turnover;
}

/** Bars per year of the range's bars (runtime/stats/annualization: 252 for exchange-traded daily data, 365 for crypto). */
export function barsPerYear(timestamps: Float64Array, start: number, end: number): number {
  return inferBarsPerYear(timestamps.subarray(start, end));
}
