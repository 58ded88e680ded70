/** The `backtest.costs` spec section (schemas/backtest.schema.json#/$defs/costs). */
export type CommissionMode = "per_fill" | "entry_price";

export interface FixedSlippageSection {
  readonly type: "fixed";
  /** Adverse price move per fill, in basis points of the price. */
  readonly bps: number;
}

export interface VolatilitySlippageSection {
  readonly type: "volatility";
  /** Adverse move = multiplier × (per-bar volatility of log returns) × price. */
  readonly multiplier: number;
  /** Bars of history for the volatility (ending at the bar before the fill). */
  readonly window?: number;
}

export type SlippageSection = FixedSlippageSection | VolatilitySlippageSection;

export interface SquareRootImpactSection {
  readonly type: "square_root";
  /** Adverse move = coefficient × σ × sqrt(|units| / average volume) × price. */
  readonly coefficient: number;
  /** Bars of history for σ and the average volume (ending at the bar before the fill). */
  readonly window?: number;
}

export interface CostsSection {
  /** Commission as a fraction of traded notional (0.001 = 0.1%). */
  readonly commission?: number;
  /** Fixed commission per order (fill), in account currency. */
  readonly commission_per_order?: number;
  /** Minimum commission per order, in account currency. */
  readonly commission_minimum?: number;
  /**
   * `per_fill` (default): every fill pays the commission. `entry_price`:
   * backtesting.py ≤ 0.3 semantics: the rate moves the entry price against
   * the trader and exits are free.
   */
  readonly commission_mode?: CommissionMode;
  /** Full quoted bid/ask spread in basis points; each fill pays half of it. */
  readonly spread_bps?: number;
  readonly slippage?: SlippageSection;
  readonly impact?: SquareRootImpactSection;
  /** Annual borrow rate on the value of short positions (0.02 = 2%/year). */
  readonly borrow_rate?: number;
}
