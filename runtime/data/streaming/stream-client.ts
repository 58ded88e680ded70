import WebSocket from "ws";
import { UserError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { silentLogger } from "../../core/logger.js";
import { createRng, type Rng } from "../../core/rng.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { backoffDelay } from "../providers/backoff.js";
import { realSleep } from "../providers/deps.js";
import { type MarketEvent, parseStreamEvent, type SubscribeMessage } from "./stream-events.js";

/** Reconnection: consecutive failed attempts allowed and the jittered exponential delays between them. */
export interface ReconnectConfig {
  max_attempts: number;
  initial_delay_ms: number;
  max_delay_ms: number;
}

export const DEFAULT_RECONNECT: ReconnectConfig = {
  max_attempts: 10,
  initial_delay_ms: 250,
  max_delay_ms: 30_000,
};

export interface StreamClientOptions {
  /** `ws://` or `wss://` URL of the feed. */
  url: string;
  symbols: readonly string[];
  /** Called for every new tick or bar, in order, never twice for the same message. */
  onEvent: (event: MarketEvent) => void;
  reconnect?: ReconnectConfig;
  /** Resolved header values (e.g. an Authorization token). */
  headers?: Record<string, string>;
  /** A connection silent this long (no message, not even a heartbeat) is dropped and re-opened. */
  idleTimeoutMs?: number;
  rng?: Rng;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger?: Logger;
}

export interface StreamSummary {
  events: number;
  duplicates: number;
  invalid: number;
  reconnects: number;
  /** `end`: the server ended the stream; `stopped`: `stop()` was called. */
  ended: "end" | "stopped";
}

export interface StreamClient {
  /** Settles when the stream ends, is stopped, or reconnecting is given up (UserError). */
  readonly done: Promise<StreamSummary>;
  stop(): void;
}

interface ConnectionOutcome {
  receivedAny: boolean;
  ended: boolean;
  reason: string;
}

/**
 * A websocket market-data client that survives disconnects: it subscribes on
 * every (re)connection, asking to resume after the last sequence number it
 * processed, drops anything already seen (by `seq`, else by per-symbol
 * timestamp and the count of ticks at the last one), and reconnects with jittered exponential backoff until
 * `max_attempts` consecutive attempts fail.
 */
export function connectStream(options: StreamClientOptions): StreamClient {
  const reconnect = options.reconnect ?? DEFAULT_RECONNECT;
  const rng = options.rng ?? createRng(0);
  const sleep = options.sleep ?? realSleep;
  const logger = options.logger ?? silentLogger;
  const stopper = new AbortController();
  const summary: StreamSummary = {
    events: 0,
    duplicates: 0,
    invalid: 0,
    reconnects: 0,
    ended: "stopped",
  };
  let lastSeq: number | undefined;
  const lastTs = new Map<string, number>();
  let socket: WebSocket | undefined;
  let consumerError: unknown;

  // Without seq numbers, ticks sharing the last timestamp are told apart by
  // count: after a reconnect, as many of them as were already seen are skipped.
  const atLastTs = new Map<string, number>();
  const replaySkip = new Map<string, number>();

  const isDuplicate = (event: MarketEvent): boolean => {
    if (event.seq !== undefined) return lastSeq !== undefined && event.seq <= lastSeq;
    const previous = lastTs.get(event.symbol);
    if (previous === undefined || event.ts > previous) return false;
    if (event.type === "bar" || event.ts < previous) return true;
    const skip = replaySkip.get(event.symbol) ?? 0;
    if (skip > 0) replaySkip.set(event.symbol, skip - 1);
    return skip > 0;
  };

  const accept = (event: MarketEvent): void => {
    if (isDuplicate(event)) {
      summary.duplicates++;
      return;
    }
    if (event.seq !== undefined) lastSeq = event.seq;
    const sameTs = lastTs.get(event.symbol) === event.ts;
    atLastTs.set(event.symbol, sameTs ? (atLastTs.get(event.symbol) ?? 0) + 1 : 1);
    if (!sameTs) replaySkip.set(event.symbol, 0);
    lastTs.set(event.symbol, event.ts);
    summary.events++;
    options.onEvent(event);
  };

  const connectOnce = (): Promise<ConnectionOutcome> =>
    new Promise((resolve) => {
      const outcome: ConnectionOutcome = { receivedAny: false, ended: false, reason: "closed" };
      const ws = new WebSocket(options.url, options.headers ? { headers: options.headers } : {});
      socket = ws;
      let idle: NodeJS.Timeout | undefined;
      const armIdle = (): void => {
        if (options.idleTimeoutMs === undefined) return;
        clearTimeout(idle);
        idle = setTimeout(() => {
          outcome.reason = `no message for ${options.idleTimeoutMs} ms`;
          ws.terminate();
        }, options.idleTimeoutMs);
      };
      ws.on("open", () => {
        for (const [symbol, count] of atLastTs) replaySkip.set(symbol, count);
        const subscribe: SubscribeMessage = {
          op: "subscribe",
          symbols: options.symbols,
          ...(lastSeq !== undefined ? { resume_after: lastSeq } : {}),
        };
        ws.send(JSON.stringify(subscribe));
        armIdle();
      });
      ws.on("message", (data) => {
        armIdle();
        const text = Array.isArray(data) ? Buffer.concat(data).toString() : data.toString();
        const event = parseStreamEvent(text);
        if (event === undefined) {
          summary.invalid++;
          logger.log("warn", dataIoMessages.streamBadMessage(JSON.stringify(text.slice(0, 40))));
          return;
        }
        outcome.receivedAny = true;
        if (event.type === "end") {
          outcome.ended = true;
          ws.close(1000);
          return;
        }
        if (event.type !== "tick" && event.type !== "bar") return;
        try {
          accept(event);
        } catch (error) {
          consumerError = error;
          ws.terminate();
        }
      });
      ws.on("error", (error) => {
        outcome.reason = error.message;
      });
      ws.on("close", (code) => {
        clearTimeout(idle);
        if (outcome.reason === "closed") outcome.reason = `closed with code ${code}`;
        resolve(outcome);
      });
    });

  const run = async (): Promise<StreamSummary> => {
    let failures = 0;
    for (;;) {
      const outcome = await connectOnce();
      if (consumerError !== undefined) throw consumerError;
      if (outcome.ended) {
        summary.ended = "end";
        return summary;
      }
      if (stopper.signal.aborted) return summary;
      failures = outcome.receivedAny ? 1 : failures + 1;
      if (failures > reconnect.max_attempts) {
        throw new UserError(dataIoMessages.streamGaveUp(options.url, reconnect.max_attempts));
      }
      const delay = backoffDelay(
        failures - 1,
        {
          max_attempts: reconnect.max_attempts,
          base_delay_ms: reconnect.initial_delay_ms,
          max_delay_ms: reconnect.max_delay_ms,
        },
        rng,
      );
      logger.log("warn", dataIoMessages.streamReconnecting(options.url, failures, delay), {
        reason: outcome.reason,
      });
      summary.reconnects++;
      try {
        await sleep(delay, stopper.signal);
      } catch {
        return summary;
      }
      if (stopper.signal.aborted) return summary;
    }
  };

  return {
    done: run(),
    stop() {
      stopper.abort(new Error("stream stopped"));
      socket?.close(1000);
    },
  };
}
