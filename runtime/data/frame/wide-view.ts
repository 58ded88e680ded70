import pl from "nodejs-polars";

/**
 * Long ↔ wide views of the canonical frame. The wide view of one field has a
 * `timestamp` column and one column per symbol (in the given order, or first
 * appearance), sorted by time, with nulls where a symbol has no bar.
 */
export function longToWide(
  long: pl.DataFrame,
  field = "close",
  symbols?: readonly string[],
): pl.DataFrame {
  const order = symbols ?? [...new Set(long.getColumn("symbol").toArray() as string[])];
  const wide = long
    .select("timestamp", "symbol", field)
    .pivot(field, { index: "timestamp", on: "symbol", aggregateFunc: "first" })
    .sort("timestamp");
  return wide.select("timestamp", ...order);
}

/** A wide frame (timestamp + one column per symbol) → long rows of `field`, sorted by symbol, time; nulls dropped. */
export function wideToLong(wide: pl.DataFrame, field = "close"): pl.DataFrame {
  const symbols = wide.columns.filter((c) => c !== "timestamp");
  return wide
    .unpivot("timestamp", symbols, { variableName: "symbol", valueName: field })
    .filter(pl.col(field).isNotNull())
    .select("timestamp", "symbol", field)
    .sort(["symbol", "timestamp"]);
}
