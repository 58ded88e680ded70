import { bucketFunction } from "./bucket.js";
import type { StreamBar, Tick } from "./stream-events.js";

/** A completed OHLCV bar of one symbol; `ts` is the bucket's start (epoch ms UTC). */
export interface AggregatedBar {
  readonly symbol: string;
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Ticks (or finer bars) that went into it. */
  readonly count: number;
}

interface OpenBar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  count: number;
}

export interface BarAggregator {
  /** Adds a tick or a finer bar; returns the bar it completed, if the bucket changed. */
  push(event: Tick | StreamBar): AggregatedBar | undefined;
  /** Completes every open bar (end of stream). */
  flush(): AggregatedBar[];
  /** Events older than their symbol's open bucket (they cannot change a completed bar). */
  readonly late: number;
}

/**
 * Aggregates ticks (or finer bars) into time buckets (see `bucketFunction`:
 * fixed sizes aligned to the UTC epoch, ISO weeks, months): a bucket's bar is open = first price, high = max, low =
 * min, close = last, volume = sum; it is complete when an event of a later
 * bucket arrives for the same symbol (or at `flush`). Per symbol, so symbols
 * interleave freely. Late events are counted and ignored, never merged into
 * a bar already emitted.
 */
export function createBarAggregator(interval: string | number): BarAggregator {
  const bucketOf = bucketFunction(interval);
  const open = new Map<string, OpenBar>();
  let late = 0;
  const complete = (symbol: string, bar: OpenBar): AggregatedBar => ({ symbol, ...bar });
  return {
    get late() {
      return late;
    },
    push(event) {
      const bucket = bucketOf(event.ts);
      const [o, h, l, c, v] =
        event.type === "tick"
          ? [event.price, event.price, event.price, event.price, event.size]
          : [event.open, event.high, event.low, event.close, event.volume];
      const current = open.get(event.symbol);
      if (current !== undefined && bucket < current.ts) {
        late++;
        return undefined;
      }
      if (current !== undefined && bucket === current.ts) {
        current.high = Math.max(current.high, h);
        current.low = Math.min(current.low, l);
        current.close = c;
        current.volume += v;
        current.count++;
        return undefined;
      }
      open.set(event.symbol, {
        ts: bucket,
        open: o,
        high: h,
        low: l,
        close: c,
        volume: v,
        count: 1,
      });
      return current === undefined ? undefined : complete(event.symbol, current);
    },
    flush() {
      const bars = [...open.entries()].map(([symbol, bar]) => complete(symbol, bar));
      open.clear();
      return bars.sort((a, b) => a.ts - b.ts || (a.symbol < b.symbol ? -1 : 1));
    },
  };
}
