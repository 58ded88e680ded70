/**
 * The `backtest.execution:` spec section: how the event-driven engine turns a
 * target-weight signal into orders (schemas/backtest.schema.json#/$defs/execution).
 */
export type EntryOrderType = "market" | "limit" | "stop" | "stop_limit";

export const ENTRY_ORDER_TYPES: readonly EntryOrderType[] = [
  "market",
  "limit",
  "stop",
  "stop_limit",
];

export interface ExecutionSection {
  /** Order type of entries (orders that open or add to a position); reductions are market orders. */
  readonly order?: EntryOrderType;
  /** Limit price distance from the decision bar's close: buys at close·(1−x), sells at close·(1+x). */
  readonly limit_offset?: number;
  /** Stop price distance: buys trigger at close·(1+x), sells at close·(1−x) (breakout entries). */
  readonly stop_offset?: number;
  /** Stop-loss attached to each entry, as a fraction below (long) / above (short) its reference price. */
  readonly stop_loss?: number;
  /** Take-profit attached to each entry, as a fraction above (long) / below (short) its reference price. */
  readonly take_profit?: number;
  /** Trailing stop attached to each entry, as a fraction of the close (moves only in the trade's favour). */
  readonly trailing_stop?: number;
  /** Cancel an entry order still unfilled after this many bars (default: kept until the target changes). */
  readonly cancel_after_bars?: number;
  /** Required margin as a fraction of position value (1 = cash account, 0.5 = 2× leverage). */
  readonly margin?: number;
  /** Fill at most this fraction of a bar's volume; the rest waits (partial fills). */
  readonly max_participation?: number;
  /** Allow long and short trades of a symbol at once instead of FIFO netting. */
  readonly hedging?: boolean;
}

export const EXECUTION_DEFAULTS = {
  order: "market" as EntryOrderType,
  limit_offset: 0.005,
  stop_offset: 0.005,
  margin: 1,
  hedging: false,
};

/** Limit and stop prices of an entry decided at `close`, for a buy (`direction` 1) or sell (-1). */
export function entryPrices(
  execution: ExecutionSection,
  direction: 1 | -1,
  close: number,
): { limit?: number; stop?: number } {
  const type = execution.order ?? EXECUTION_DEFAULTS.order;
  const limitOffset = execution.limit_offset ?? EXECUTION_DEFAULTS.limit_offset;
  const stopOffset = execution.stop_offset ?? EXECUTION_DEFAULTS.stop_offset;
  const stop = close * (1 + direction * stopOffset);
  if (type === "limit") return { limit: close * (1 - direction * limitOffset) };
  if (type === "stop") return { stop };
  // A stop-limit buy triggers above the close and pays at most the limit beyond the stop.
  if (type === "stop_limit") return { stop, limit: stop * (1 + direction * limitOffset) };
  return {};
}

/** Stop-loss / take-profit prices of an entry around its reference price. */
export function bracketPrices(
  execution: ExecutionSection,
  direction: 1 | -1,
  reference: number,
): { sl?: number; tp?: number } {
  const out: { sl?: number; tp?: number } = {};
  if (execution.stop_loss !== undefined) out.sl = reference * (1 - direction * execution.stop_loss);
  if (execution.take_profit !== undefined)
    out.tp = reference * (1 + direction * execution.take_profit);
  return out;
}
