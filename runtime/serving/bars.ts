import type { OhlcvPanel } from "../contracts/panel.js";
import { UserError } from "../core/errors.js";
import type { ValueColumn } from "../data/features/compute-features.js";
import { servingMessages as m } from "../messages/serving.js";
import type { ApiBars, ApiModelSignature } from "../spec/types.generated.js";

/** The server's limits on predict-from-bars (schemas/server.schema.json `serving`). */
export interface BarsLimits {
  readonly maxBars: number;
  readonly maxValues: number;
}

const COLUMNS: readonly ValueColumn[] = ["open", "high", "low", "close", "volume"];

function finite(values: readonly number[], pointer: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new UserError(m.barsNotFinite(`${pointer}/${i}`));
  }
}

/**
 * The bars of a predict request as the panel the run's code reads: the
 * model's symbols in the signature's order, the columns it needs checked
 * (one finite value per bar), times finite and strictly increasing, enough
 * bars and, for a decision that depends on the whole history, starting at
 * the run's first bar. Columns the model does not read are NaN. Every
 * problem is a UserError naming the field and what is needed.
 */
export function barsPanel(
  bars: ApiBars,
  signature: ApiModelSignature,
  history: NonNullable<ApiModelSignature["bars"]>,
  limits: BarsLimits,
): OhlcvPanel {
  const n = bars.time.length;
  if (n > limits.maxBars) throw new UserError(m.barsTooMany(n, limits.maxBars));
  const values = bars.symbols.reduce(
    (sum, s) => sum + COLUMNS.reduce((k, c) => k + (s[c]?.length ?? 0), 0),
    n,
  );
  if (values > limits.maxValues) throw new UserError(m.barsTooManyValues(values, limits.maxValues));
  finite(bars.time, "/bars/time");
  for (let i = 1; i < n; i++) {
    if (!(bars.time[i]! > bars.time[i - 1]!)) throw new UserError(m.barsUnsorted(i));
  }
  const symbols = signature.symbols;
  const bySymbol = new Map<string, { series: ApiBars["symbols"][number]; index: number }>();
  bars.symbols.forEach((series, index) => {
    const pointer = `/bars/symbols/${index}/symbol`;
    if (!symbols.includes(series.symbol))
      throw new UserError(m.barsUnknownSymbol(pointer, series.symbol, symbols));
    if (bySymbol.has(series.symbol)) throw new UserError(m.barsDuplicateSymbol(pointer));
    bySymbol.set(series.symbol, { series, index });
  });
  const nan = new Float64Array(n).fill(Number.NaN);
  const columns: Record<ValueColumn, Float64Array[]> = {
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
  };
  for (const symbol of symbols) {
    const entry = bySymbol.get(symbol);
    if (entry === undefined) throw new UserError(m.barsMissingSymbol(symbol, symbols));
    const { series, index } = entry;
    for (const column of COLUMNS) {
      const pointer = `/bars/symbols/${index}/${column}`;
      const given = series[column];
      if (!history.columns.includes(column)) {
        columns[column].push(nan);
        continue;
      }
      if (given === undefined) throw new UserError(m.barsMissingColumn(pointer, column));
      if (given.length !== n) throw new UserError(m.barsLength(pointer, n, given.length));
      finite(given, pointer);
      columns[column].push(Float64Array.from(given));
    }
  }
  if (n < history.minimum) throw new UserError(m.barsTooFew(n, history.minimum));
  if (history.fromStart && bars.time[0] !== history.firstTime)
    throw new UserError(m.barsNotFromStart(new Date(history.firstTime).toISOString()));
  return {
    timestamps: Float64Array.from(bars.time),
    symbols,
    ...columns,
  };
}
