import { describe, expect, it } from "vitest";
import { createRng } from "../../../runtime/core/rng.js";
import {
  backoffDelay,
  createTokenBucket,
  envRef,
  parseDateRange,
  parseRetryAfter,
  redact,
  resolveEnvRefs,
} from "../../../runtime/data/providers/index.js";
import { finishRows } from "../../../runtime/data/providers/bar-rows.js";

function virtualClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

describe("token bucket", () => {
  it("lets a burst through, then paces to the refill rate", async () => {
    const clock = virtualClock();
    const bucket = createTokenBucket({ capacity: 3, refillPerSecond: 2, ...clock });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await bucket.acquire();
      times.push(clock.now());
    }
    // 3 immediately, then one every 500 ms.
    expect(times).toEqual([0, 0, 0, 500, 1000, 1500, 2000]);
  });

  it("refills while idle but never beyond capacity", async () => {
    const clock = virtualClock();
    const bucket = createTokenBucket({ capacity: 2, refillPerSecond: 1, ...clock });
    await bucket.acquire();
    await bucket.acquire();
    await clock.sleep(10_000);
    expect(bucket.available()).toBe(2);
  });

  it("pause() blocks every caller until the server's Retry-After has passed", async () => {
    const clock = virtualClock();
    const bucket = createTokenBucket({ capacity: 5, refillPerSecond: 5, ...clock });
    bucket.pause(4000);
    await bucket.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(4000);
  });

  it("stops waiting when aborted", async () => {
    const clock = virtualClock();
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 1, ...clock });
    await bucket.acquire();
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(bucket.acquire(controller.signal)).rejects.toThrow("stop");
  });
});

describe("backoff", () => {
  const retry = { max_attempts: 10, base_delay_ms: 100, max_delay_ms: 1000 };

  it("grows exponentially with jitter in [cap/2, cap) and respects the maximum", () => {
    const rng = createRng(1);
    for (let attempt = 0; attempt < 8; attempt++) {
      const cap = Math.min(1000, 100 * 2 ** attempt);
      for (let k = 0; k < 50; k++) {
        const d = backoffDelay(attempt, retry, rng);
        expect(d).toBeGreaterThanOrEqual(cap / 2);
        expect(d).toBeLessThanOrEqual(cap);
      }
    }
  });

  it("is reproducible from the seed", () => {
    const a = createRng(42);
    const b = createRng(42);
    const da = [0, 1, 2, 3].map((k) => backoffDelay(k, retry, a));
    const db = [0, 1, 2, 3].map((k) => backoffDelay(k, retry, b));
    expect(da).toEqual(db);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.UTC(2024, 0, 1, 12, 0, 0);
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 01 Jan 2024 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("spec helpers", () => {
  it("reads an inclusive end date and an exclusive end date-time", () => {
    expect(parseDateRange("2020-01-01", "2020-01-31")).toEqual({
      start: Date.UTC(2020, 0, 1),
      end: Date.UTC(2020, 1, 1),
    });
    expect(parseDateRange("2020-01-01T10:00:00Z", "2020-01-01T12:00:00Z")).toEqual({
      start: Date.UTC(2020, 0, 1, 10),
      end: Date.UTC(2020, 0, 1, 12),
    });
    expect(() => parseDateRange("2020-13-01", "2020-12-31")).toThrow(
      /start: "2020-13-01" is not a date/,
    );
    expect(() => parseDateRange("2020-02-01", "2020-01-01")).toThrow(/the date range is empty/);
  });

  it("resolves env refs at call time and redacts the values", () => {
    const env = { KEY: "abc/123" };
    expect(resolveEnvRefs(`Bearer ${envRef("KEY")}`, env, "header")).toBe("Bearer abc/123");
    expect(() => resolveEnvRefs(envRef("NOPE"), env, "polygon api_key")).toThrow(
      /environment variable NOPE is not set \(it is referenced as \$\{env:NOPE\} by polygon api_key\)/,
    );
    expect(redact("u?k=abc%2F123&x=abc/123", ["abc/123"])).toBe("u?k=***&x=***");
  });
});

describe("finishing provider rows", () => {
  const row = (timestamp: number, close: number) => ({
    timestamp,
    symbol: "X",
    open: close,
    high: close,
    low: close,
    close,
    volume: 1,
  });

  it("keeps the range, sorts, and lets the later page win on a duplicate timestamp", () => {
    const rows = [row(3, 30), row(1, 10), row(5, 50), row(3, 31), row(0, 0), row(2, 20)];
    expect(finishRows(rows, 1, 5).map((r) => [r.timestamp, r.close])).toEqual([
      [1, 10],
      [2, 20],
      [3, 31],
    ]);
  });

  it("passes sorted unique rows through", () => {
    const rows = [row(1, 1), row(2, 2), row(3, 3)];
    expect(finishRows(rows, 0, 10)).toEqual(rows);
  });
});
