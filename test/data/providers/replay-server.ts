import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const fixturesDir = fileURLToPath(new URL("../../fixtures/providers/", import.meta.url));

/** A recorded response body from test/fixtures/providers/<provider>/<file>. */
export function fixture(path: string): string {
  return readFileSync(`${fixturesDir}${path}`, "utf8");
}

export interface ReplayRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: ReplayRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (port 0) answering each request with what
 * `respond` returns: recorded provider bodies, statuses and headers. Every
 * request is kept for assertions.
 */
export async function startReplayServer(
  respond: (request: ReplayRequest, index: number) => ReplayResponse,
): Promise<ReplayServer> {
  const requests: ReplayRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: ReplayRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    requests.push(request);
    let reply: ReplayResponse;
    try {
      reply = respond(request, requests.length - 1);
    } catch (error) {
      reply = { status: 599, body: `replay server: ${String(error)}` };
    }
    res.writeHead(reply.status ?? 200, {
      "content-type": "application/json",
      ...reply.headers,
    });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Answers the n-th request with the n-th response (the last one repeats). */
export function inOrder(
  ...responses: ReplayResponse[]
): (r: ReplayRequest, i: number) => ReplayResponse {
  return (_request, index) => responses[Math.min(index, responses.length - 1)]!;
}
