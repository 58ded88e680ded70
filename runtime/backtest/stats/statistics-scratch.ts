/**
 * Reusable buffers for the statistics of many equity curves in a row (a
 * sweep's trials): the bucket closes, period returns and log returns of one
 * curve. Owned by the caller, one per thread; each call overwrites them, so
 * nothing a statistics call returns points into them.
 */
export class StatisticsScratch {
  private bucketBars = new Int32Array(0);
  private starts = new Int32Array(0);
  private returns = new Float64Array(0);
  private growthLogs = new Float64Array(0);
  private logs = new Float64Array(0);
  private trades = new Float64Array(0);

  /** Bar indices, one per bar of a curve of `bars` bars. */
  barIndex(bars: number): Int32Array {
    if (this.bucketBars.length < bars) this.bucketBars = new Int32Array(bars);
    return this.bucketBars;
  }

  /** The bucket each period return starts from, for a curve of `bars` bars. */
  periodStarts(bars: number): Int32Array {
    if (this.starts.length < bars) this.starts = new Int32Array(bars);
    return this.starts;
  }

  /** log(1 + r) of the period returns of a curve of `bars` bars. */
  logGrowth(bars: number): Float64Array {
    if (this.growthLogs.length < bars) this.growthLogs = new Float64Array(bars);
    return this.growthLogs;
  }

  /** Period returns of a curve of `bars` bars. */
  periodReturns(bars: number): Float64Array {
    if (this.returns.length < bars) this.returns = new Float64Array(bars);
    return this.returns;
  }

  /** Per-bar log returns of a curve of `bars` bars. */
  logReturns(bars: number): Float64Array {
    if (this.logs.length < bars) this.logs = new Float64Array(bars);
    return this.logs;
  }

  /** Five values per trade, for `count` trades. */
  tradeValues(count: number): Float64Array {
    if (this.trades.length < 5 * count) this.trades = new Float64Array(Math.max(320, 10 * count));
    return this.trades;
  }
}
