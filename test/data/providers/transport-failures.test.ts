import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../runtime/core/errors.js";
import { createProvider, envRef, providerSource } from "../../../runtime/data/providers/index.js";
import { freePort } from "../../support/redis.js";
import { fakeTimeDeps } from "./fake-time.js";
import { fixture, type ReplayServer, startReplayServer } from "./replay-server.js";
import { aaplRequest, yahooAt } from "./yahoo-provider.js";

let server: ReplayServer | undefined;
let hanging: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  hanging?.closeAllConnections();
  await new Promise((r) => (hanging ? hanging.close(r) : r(undefined)));
  hanging = undefined;
});

const request = aaplRequest;
const yahoo = yahooAt;

describe("transport failures", () => {
  it("retries a response that does not come within timeout_ms", async () => {
    let calls = 0;
    hanging = createServer((_req, res) => {
      calls++;
      if (calls === 1) return; // never answers
      res.writeHead(200, { "content-type": "application/json" });
      res.end(fixture("yahoo/chart-aapl-1d.json"));
    });
    await new Promise<void>((r) => hanging!.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const time = fakeTimeDeps();
    const rows = await yahoo(base, { timeout_ms: 150 }, time).fetchBars(request);
    expect(rows).toHaveLength(5);
    expect(calls).toBe(2);
    expect(String(time.logs.find((l) => l.level === "warn")?.fields?.reason)).toBe(
      "no response within 150 ms",
    );
  });

  it("reports a refused connection after the retries, naming the cause", async () => {
    const port = await freePort();
    const error = await yahoo(`http://127.0.0.1:${port}`)
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /yahoo: request for AAPL still failing after 2 attempts \(last: network error: fetch failed \(.*ECONNREFUSED/,
    );
  });

  it("stops at once when the caller aborts", async () => {
    server = await startReplayServer(() => ({ status: 503, body: "" }));
    const controller = new AbortController();
    const time = fakeTimeDeps();
    // The user cancels during the backoff wait; the wait must see the caller's signal.
    time.deps.sleep = async (_ms, signal) => {
      controller.abort(new Error("cancelled by user"));
      signal?.throwIfAborted();
    };
    const error = await yahoo(server.url, {}, time)
      .fetchBars(request, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("cancelled by user");
    expect(server.requests).toHaveLength(1);
  });

  it("fills {api_key} and epoch ranges in an http template, and redacts the key", async () => {
    server = await startReplayServer(() => ({ status: 500, body: "upstream down" }));
    const time = fakeTimeDeps({ K: "secret-key-77" });
    const provider = createProvider(
      providerSource({
        source: "http",
        symbols: ["X"],
        interval: "1h",
        start: "2024-03-01",
        end: "2024-03-01",
        url: `${server.url}/bars?s={symbol}&from={start}&to={end}&key={api_key}`,
        range_format: "epoch_s",
        rows: "",
        fields: { timestamp: "t", open: "o", high: "h", low: "l", close: "c" },
        api_key: envRef("K"),
        retries: { max_attempts: 2, base_delay_ms: 1, max_delay_ms: 10 },
      }),
      time.deps,
    );
    const error = await provider
      .fetchBars({
        symbol: "X",
        interval: "1h",
        start: Date.UTC(2024, 2, 1),
        end: Date.UTC(2024, 2, 2),
      })
      .catch((e: unknown) => e);
    expect(server.requests[0]!.url).toBe(
      `/bars?s=X&from=${Date.UTC(2024, 2, 1) / 1000}&to=${Date.UTC(2024, 2, 2) / 1000 - 1}&key=secret-key-77`,
    );
    expect((error as Error).message).toMatch(/still failing after 2 attempts \(last: HTTP 500\)/);
    expect(JSON.stringify(time.logs)).not.toContain("secret-key-77");
    expect(JSON.stringify(time.logs)).toContain("key=***");
  });

  it("says so when the template needs {api_key} but none is configured", async () => {
    const provider = createProvider(
      providerSource({
        source: "http",
        symbols: ["X"],
        interval: "1h",
        start: "2024-03-01",
        end: "2024-03-01",
        url: "http://127.0.0.1:1/bars?key={api_key}",
        rows: "",
        fields: { timestamp: "t", open: "o", high: "h", low: "l", close: "c" },
      }),
      fakeTimeDeps().deps,
    );
    await expect(
      provider.fetchBars({ symbol: "X", interval: "1h", start: 0, end: 3_600_000 }),
    ).rejects.toThrow(/the url template uses \{api_key\} but the source has no api_key/);
  });
});
