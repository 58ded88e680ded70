import { UserError } from "../../core/errors.js";
import type { NamedRegistry } from "../../core/named-registry.js";
import { dataIoMessages } from "../../messages/data-io.js";
import type { FeatureDefinition, FeatureSpec } from "../features/feature-types.js";
import { type AggregatedBar, type BarAggregator, createBarAggregator } from "./bar-aggregator.js";
import { createIncrementalFeatureSet } from "./incremental-features.js";
import type { MarketEvent } from "./stream-events.js";

/** A completed bar with the values of every feature at that bar. */
export interface ProcessedBar {
  readonly symbol: string;
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly features: Readonly<Record<string, number>>;
}

export interface StreamProcessorOptions {
  /** Features, as in the spec's `features:` list. */
  features?: readonly FeatureSpec[];
  /** The stream's symbols: events of other symbols are ignored; needed by cross-sectional features. */
  symbols?: readonly string[];
  /**
   * Aggregate ticks (or finer bars) into bars of this interval (`1m`, `5m`,
   * `1h`, `4h`, `1d`, `1w`, `1mo`, or ms); without it, bars pass through as they come.
   */
  interval?: string | number;
  registry?: NamedRegistry<FeatureDefinition>;
}

export interface StreamProcessorStats {
  events: number;
  bars: number;
  late: number;
  ignored: number;
}

export interface StreamProcessor {
  readonly featureNames: readonly string[];
  /** Feeds one event; returns the bars it completed, with their features. */
  push(event: MarketEvent): ProcessedBar[];
  /** End of stream: completes open bars and pending cross-sectional rows. */
  flush(): ProcessedBar[];
  stats(): StreamProcessorStats;
}

interface PendingRow {
  bars: Map<number, { bar: AggregatedBar; series: Record<string, number> }>;
}

/**
 * Turns a stream of ticks or bars into completed bars with features updated
 * incrementally, bar by bar (trailing information only: a bar's features are
 * final when it is emitted). Per-symbol features are emitted with their bar;
 * cross-sectional ones (correlation, turbulence) once every symbol has
 * reached that timestamp (a symbol without a bar there counts as missing, as
 * in the batch panel with `fill: none`).
 */
export function createStreamProcessor(options: StreamProcessorOptions = {}): StreamProcessor {
  const symbols = options.symbols ?? [];
  const symbolIndex = new Map(symbols.map((s, i) => [s, i]));
  const featureSet = createIncrementalFeatureSet(options.features ?? [], symbols, options.registry);
  const aggregator: BarAggregator | undefined =
    options.interval === undefined ? undefined : createBarAggregator(options.interval);
  const stats: StreamProcessorStats = { events: 0, bars: 0, late: 0, ignored: 0 };
  const pending = new Map<number, PendingRow>();
  const latest = new Float64Array(symbols.length).fill(Number.NEGATIVE_INFINITY);

  const ordered = (
    series: Record<string, number>,
    panel: Record<string, number>,
  ): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const name of featureSet.names) out[name] = series[name] ?? panel[name] ?? Number.NaN;
    return out;
  };
  const emit = (bar: AggregatedBar, features: Record<string, number>): ProcessedBar => {
    stats.bars++;
    const { symbol, ts, open, high, low, close, volume } = bar;
    return { symbol, ts, open, high, low, close, volume, features };
  };

  const releaseRow = (ts: number, row: PendingRow): ProcessedBar[] => {
    const closes = new Float64Array(symbols.length).fill(Number.NaN);
    for (const [s, { bar }] of row.bars) closes[s] = bar.close;
    const panel = featureSet.updatePanel(closes);
    pending.delete(ts);
    return [...row.bars.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, { bar, series }]) => {
        const values: Record<string, number> = {};
        for (const [name, perSymbol] of Object.entries(panel)) values[name] = perSymbol[s]!;
        return emit(bar, ordered(series, values));
      });
  };

  const release = (upTo: number): ProcessedBar[] => {
    const ready = [...pending.keys()].filter((ts) => ts <= upTo).sort((a, b) => a - b);
    return ready.flatMap((ts) => releaseRow(ts, pending.get(ts)!));
  };

  const completeBar = (bar: AggregatedBar): ProcessedBar[] => {
    const series = featureSet.updateSeries(bar.symbol, bar);
    if (!featureSet.hasPanelFeatures) return [emit(bar, ordered(series, {}))];
    const s = symbolIndex.get(bar.symbol)!;
    let row = pending.get(bar.ts);
    if (row === undefined) {
      row = { bars: new Map() };
      pending.set(bar.ts, row);
    }
    row.bars.set(s, { bar, series });
    latest[s] = Math.max(latest[s]!, bar.ts);
    return release(Math.min(...latest));
  };

  return {
    featureNames: featureSet.names,
    push(event) {
      stats.events++;
      if (symbols.length > 0 && !symbolIndex.has(event.symbol)) {
        stats.ignored++;
        return [];
      }
      if (aggregator === undefined) {
        if (event.type === "tick")
          throw new UserError(dataIoMessages.streamNeedsAggregation(event.symbol));
        return completeBar({ ...event, count: 1 });
      }
      const before = aggregator.late;
      const done = aggregator.push(event);
      stats.late += aggregator.late - before;
      return done === undefined ? [] : completeBar(done);
    },
    flush() {
      const out = (aggregator?.flush() ?? []).flatMap(completeBar);
      return [...out, ...release(Number.POSITIVE_INFINITY)];
    },
    stats: () => ({ ...stats }),
  };
}
