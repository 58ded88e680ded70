/**
 * Prices of the orders the event-driven engine places for `backtest.execution`
 * (schemas/backtest.schema.json#/$defs/execution): an entry's limit/stop price
 * and the stop-loss / take-profit attached to it.
 */
import type { BacktestExecution } from "../../spec/types.generated.js";

/** Limit and stop prices of an entry decided at `close`, for a buy (`direction` 1) or sell (-1). */
export function entryPrices(
  execution: BacktestExecution,
  direction: 1 | -1,
  close: number,
): { limit?: number; stop?: number } {
  const stop = close * (1 + direction * execution.stop_offset);
  if (execution.order === "limit")
    return { limit: close * (1 - direction * execution.limit_offset) };
  if (execution.order === "stop") return { stop };
  // A stop-limit buy triggers above the close and pays at most the limit beyond the stop.
  if (execution.order === "stop_limit")
    return { stop, limit: stop * (1 + direction * execution.limit_offset) };
  return {};
}

/** Stop-loss / take-profit prices of an entry around its reference price. */
export function bracketPrices(
  execution: BacktestExecution,
  direction: 1 | -1,
  reference: number,
): { sl?: number; tp?: number } {
  const out: { sl?: number; tp?: number } = {};
  if (execution.stop_loss !== undefined) out.sl = reference * (1 - direction * execution.stop_loss);
  if (execution.take_profit !== undefined)
    out.tp = reference * (1 + direction * execution.take_profit);
  return out;
}
