/**
 * The stream protocol (JSON text frames).
 *
 * Server → client:
 *   `{ "type": "tick", "symbol", "ts", "price", "size"?, "seq"? }`
 *   `{ "type": "bar", "symbol", "ts", "open", "high", "low", "close", "volume"?, "seq"? }`
 *   `{ "type": "end" }` (a finite replay is over), `{ "type": "heartbeat" }`, `{ "type": "subscribed", … }`
 * Client → server:
 *   `{ "op": "subscribe", "symbols": [...], "resume_after"?: seq }`
 * `ts` is epoch ms UTC. `seq` is the server's message sequence number; a
 * client that reconnects asks to resume after the last one it processed and
 * drops anything it has already seen.
 */
export interface Tick {
  readonly type: "tick";
  readonly symbol: string;
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  readonly seq?: number;
}

export interface StreamBar {
  readonly type: "bar";
  readonly symbol: string;
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly seq?: number;
}

export type MarketEvent = Tick | StreamBar;

export type ControlEvent =
  | { readonly type: "end" }
  | { readonly type: "heartbeat" }
  | { readonly type: "subscribed" };

export interface SubscribeMessage {
  readonly op: "subscribe";
  readonly symbols: readonly string[];
  readonly resume_after?: number;
}

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Parses one text frame; undefined for anything that is not a valid event. */
export function parseStreamEvent(text: string): MarketEvent | ControlEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const seq = isNum(m.seq) ? { seq: m.seq } : {};
  switch (m.type) {
    case "tick":
      if (typeof m.symbol !== "string" || !isNum(m.ts) || !isNum(m.price)) return undefined;
      return {
        type: "tick",
        symbol: m.symbol,
        ts: m.ts,
        price: m.price,
        size: isNum(m.size) ? m.size : 0,
        ...seq,
      };
    case "bar":
      if (typeof m.symbol !== "string" || !isNum(m.ts)) return undefined;
      if (![m.open, m.high, m.low, m.close].every(isNum)) return undefined;
      return {
        type: "bar",
        symbol: m.symbol,
        ts: m.ts,
        open: m.open as number,
        high: m.high as number,
        low: m.low as number,
        close: m.close as number,
        volume: isNum(m.volume) ? m.volume : 0,
        ...seq,
      };
    case "end":
    case "heartbeat":
    case "subscribed":
      return { type: m.type };
    default:
      return undefined;
  }
}
