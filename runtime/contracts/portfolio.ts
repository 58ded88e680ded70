/**
 * Contracts shared by the backtest engines, the statistics, the risk overlay
 * and the agents' environments. Plain data only.
 */

/** One closed (or, at the end of a run, still open and marked) trade. Same fields as backtesting.py's trades table. */
export interface Trade {
  /** Index of the symbol in the panel. */
  readonly symbol: number;
  /** Signed size in units (negative = short). */
  readonly size: number;
  readonly entryBar: number;
  readonly exitBar: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Epoch ms. */
  readonly entryTime: number;
  readonly exitTime: number;
  /** Profit and loss in account currency, after commissions of both legs. */
  readonly pnl: number;
  /**
   * Return of the trade as a fraction, net of its commissions (backtesting.py
   * ≥ 0.6.5): sign(size)·(exit/entry − 1) − commission / (|size|·entry)
   * (runtime/backtest/stats/trade-return.ts).
   */
  readonly returnPct: number;
  /** Commissions and fees paid on both legs. */
  readonly commission: number;
  readonly tag?: string;
}

/** What a risk rule sees at bar t when deciding targets for bar t+1 (data up to t only). */
export interface PortfolioState {
  readonly bar: number;
  /** Epoch ms of bar t. */
  readonly time: number;
  readonly equity: number;
  /** Highest equity seen up to and including bar t. */
  readonly peakEquity: number;
  readonly cash: number;
  /** Current weights per symbol (position value / equity), signed. */
  readonly weights: Float64Array;
  /** Closes up to and including bar t are visible: `closes[s][0..t]`. */
  readonly closes: readonly Float64Array[];
  /** Highs and lows up to bar t, when the engine has them (ATR stops use them; else closes). */
  readonly highs?: readonly Float64Array[];
  readonly lows?: readonly Float64Array[];
}

/** One intervention of a risk rule: stored with the run and shown in the report. */
export interface RiskEvent {
  readonly bar: number;
  readonly time: number;
  readonly rule: string;
  readonly message: string;
  readonly before: readonly number[];
  readonly after: readonly number[];
}

/**
 * The hook the engines call once per bar, after the signal proposes target
 * weights and before orders are made. Pure with respect to its inputs plus its
 * own state, which `reset()` clears, so backtest and server share it.
 * The engines update one `state` object in place from bar to bar: an overlay
 * reads it during the call and keeps nothing of it.
 */
export interface TargetOverlay {
  reset(): void;
  apply(
    proposed: Float64Array,
    state: PortfolioState,
  ): { targets: Float64Array; events: readonly RiskEvent[] };
}
