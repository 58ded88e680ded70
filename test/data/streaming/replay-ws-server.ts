import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

export interface ReplayWsOptions {
  /** The full message sequence (without `seq`; the server numbers them 1, 2, …). */
  messages: readonly Record<string, unknown>[];
  /** Terminate the connection (no close handshake) right after sending these seq numbers, once each. */
  dropAfter?: readonly number[];
  /** Go silent (no messages, connection kept open) right after sending these seq numbers, once each. */
  stallAfter?: readonly number[];
  /** Send a non-JSON frame before this seq (to check the client ignores it). */
  garbageBefore?: number;
  /** A server that cannot resume: every connection replays from the start. */
  ignoreResume?: boolean;
  /** Send messages without `seq` (clients then dedupe by timestamp). */
  noSeq?: boolean;
  /** Messages sent per event-loop turn (keeps the replay fast but interleaved). */
  batch?: number;
}

export interface ReplayWsServer {
  readonly url: string;
  /** Request headers of every connection, in order. */
  readonly headers: Array<Record<string, string | string[] | undefined>>;
  /** Every subscribe message received, in order. */
  readonly subscriptions: Array<{ symbols: string[]; resume_after?: number }>;
  connections: number;
  close(): Promise<void>;
}

/**
 * A real websocket server on 127.0.0.1 (port 0) replaying a recorded message
 * sequence: waits for `{op: "subscribe"}`, then sends messages after
 * `resume_after` with their `seq`, then `{type: "end"}`. Forced disconnects
 * (socket terminate) happen mid-stream at the configured points.
 */
export async function startReplayWsServer(options: ReplayWsOptions): Promise<ReplayWsServer> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const pendingDrops = new Set(options.dropAfter ?? []);
  const pendingStalls = new Set(options.stallAfter ?? []);
  const batch = options.batch ?? 250;
  const state: ReplayWsServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    subscriptions: [],
    headers: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on("connection", (ws, request) => {
    state.connections++;
    state.headers.push(request.headers);
    ws.once("message", (data) => {
      const sub = JSON.parse(data.toString()) as { symbols: string[]; resume_after?: number };
      state.subscriptions.push(sub);
      const wanted = new Set(sub.symbols);
      let seq = options.ignoreResume ? 0 : (sub.resume_after ?? 0);
      const pump = (): void => {
        for (let k = 0; k < batch; k++) {
          if (ws.readyState !== ws.OPEN) return;
          if (seq >= options.messages.length) {
            ws.send(JSON.stringify({ type: "end" }));
            return;
          }
          seq++;
          const message = options.messages[seq - 1]!;
          if (seq === options.garbageBefore) ws.send("not json {");
          if (typeof message.symbol !== "string" || wanted.has(message.symbol)) {
            ws.send(JSON.stringify(options.noSeq ? message : { ...message, seq }));
          }
          if (pendingStalls.has(seq)) {
            pendingStalls.delete(seq);
            return;
          }
          if (pendingDrops.has(seq)) {
            pendingDrops.delete(seq);
            ws.terminate();
            return;
          }
        }
        setImmediate(pump);
      };
      ws.send(JSON.stringify({ type: "subscribed" }));
      pump();
    });
  });
  return state;
}
