import { type GaussianHmmJson, hmmFromJson } from "./hmm/model.js";
import { HmmOnlineFilter } from "./hmm/online-filter.js";
import { type BarPrices, IncrementalObservations } from "./observation-builder.js";
import type { ObservationFeature } from "./observations.js";

/** What the regime stage stores in `RegimeResult.model` for an HMM: enough to filter live. */
export interface HmmRegimeModel {
  readonly hmm: GaussianHmmJson;
  readonly features: readonly ObservationFeature[];
  readonly scale: number;
  readonly window: number;
  /** The modelled symbols (one, or a listed basket); absent for the basket of every symbol. */
  readonly symbols?: readonly string[];
  /** Models written before `series`: the one modelled symbol. */
  readonly symbol?: string;
}

/** A streamed bar of one symbol (a StreamBar, AggregatedBar or ProcessedBar all fit). */
export interface RegimeStreamBar extends BarPrices {
  readonly symbol: string;
  readonly ts: number;
}

export interface RegimeUpdate {
  readonly ts: number;
  /** Filtered P(state | bars so far). */
  readonly probabilities: readonly number[];
  readonly label: number;
  readonly previousLabel: number;
  /** The most probable regime changed at this bar. */
  readonly changed: boolean;
  /** Largest absolute change of a state probability since the previous update. */
  readonly probabilityChange: number;
}

export interface RegimeStream {
  /** The symbols whose bars make one observation (in order). */
  readonly symbols: readonly string[];
  /** Feeds one bar; returns the updates of every timestamp it completed (usually 0 or 1). */
  push(bar: RegimeStreamBar): RegimeUpdate[];
}

/**
 * Real-time regimes: the forward filter of a fitted HMM advanced one bar at a
 * time as bars stream in (e.g. from the data stream processor). A timestamp is
 * processed once every modelled symbol has its bar; observations and filter
 * steps are the same code as the batch regime stage, so the probabilities are
 * identical to the batch filtered probabilities on the same bars.
 */
export function createRegimeStream(
  model: HmmRegimeModel,
  dataSymbols: readonly string[],
): RegimeStream {
  const symbols =
    model.symbols !== undefined
      ? [...model.symbols]
      : model.symbol !== undefined
        ? [model.symbol]
        : [...dataSymbols];
  const index = new Map(symbols.map((s, i) => [s, i]));
  const builder = new IncrementalObservations(
    model.features,
    model.window,
    model.scale,
    symbols.length,
  );
  const filter = new HmmOnlineFilter(hmmFromJson(model.hmm));
  const pending = new Map<number, (BarPrices | undefined)[]>();
  let previous: Float64Array | null = null;
  let lastTs = Number.NEGATIVE_INFINITY;

  const process = (ts: number, bars: readonly BarPrices[]): RegimeUpdate | undefined => {
    const row = builder.push(bars);
    if (!row.values) return undefined;
    const u = filter.update(row.values);
    let change = 0;
    u.probabilities.forEach((p, s) => {
      change = Math.max(change, Math.abs(p - (previous?.[s] ?? 0)));
    });
    previous = u.probabilities;
    return {
      ts,
      probabilities: Array.from(u.probabilities),
      label: u.label,
      previousLabel: u.previousLabel,
      changed: u.changed,
      probabilityChange: change,
    };
  };

  return {
    symbols,
    push(bar) {
      const i = index.get(bar.symbol);
      if (i === undefined || bar.ts <= lastTs) return [];
      const row =
        pending.get(bar.ts) ?? Array.from<BarPrices | undefined>({ length: symbols.length });
      row[i] = { high: bar.high, low: bar.low, close: bar.close };
      pending.set(bar.ts, row);
      const updates: RegimeUpdate[] = [];
      // Process complete timestamps in time order.
      for (const ts of [...pending.keys()].sort((a, b) => a - b)) {
        const bars = pending.get(ts)!;
        let complete = true;
        for (let s = 0; s < bars.length; s++) if (bars[s] === undefined) complete = false;
        if (!complete) break;
        pending.delete(ts);
        lastTs = ts;
        const u = process(ts, bars as BarPrices[]);
        if (u) updates.push(u);
      }
      return updates;
    },
  };
}
