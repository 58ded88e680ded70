import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger, type LogRecord } from "../../../runtime/core/logger.js";
import { createFsCache, parseTtl } from "../../../runtime/data/cache/index.js";
import { providerSource } from "../../../runtime/data/providers/index.js";
import {
  type CanonicalRow,
  frameToRows,
  rowsToFrame,
} from "../../../runtime/data/providers/index.js";

const rows: CanonicalRow[] = [
  {
    timestamp: Date.UTC(2020, 0, 2),
    symbol: "AAPL",
    open: 74.06,
    high: 75.15,
    low: 73.7975,
    close: 75.0875,
    volume: 135647456,
    adj_close: 73.06,
  },
  {
    timestamp: Date.UTC(2020, 0, 3),
    symbol: "AAPL",
    open: 74.2875,
    high: 75.145,
    low: 74.125,
    close: Number.NaN,
    volume: 146535512,
    adj_close: 72.35,
  },
];
const info = {
  provider: "yahoo",
  symbol: "AAPL",
  interval: "1d",
  start: Date.UTC(2020, 0, 1),
  end: Date.UTC(2020, 0, 4),
  rows: 2,
};

let dir: string;
let clock: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "drlwb-fscache-"));
  clock = Date.UTC(2024, 0, 1);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("filesystem cache", () => {
  it("round-trips a canonical frame through Parquet, schema and missing (NaN) values included", async () => {
    const cache = createFsCache({ dir, ttlMs: 60_000, now: () => clock });
    await cache.set("k1", rowsToFrame(rows), info);
    const hit = await cache.get("k1");
    expect(hit).toBeDefined();
    expect(hit!.frame.schema).toEqual(rowsToFrame(rows).schema);
    expect(String(hit!.frame.schema.timestamp)).toBe(String(pl.Datetime("ms", "UTC")));
    const back = frameToRows(hit!.frame);
    expect(back[0]).toEqual(rows[0]);
    expect(back[1]!.close).toBeNaN();
    expect(hit!.expiresAt - hit!.storedAt).toBe(60_000);
    expect(cache.index().entries.k1).toMatchObject({ ...info, file: "k1.parquet" });
    // Atomic writes leave no temporary files behind.
    expect(readdirSync(dir).sort()).toEqual(["index.json", "k1.parquet"]);
  });

  it("misses and removes an entry once its TTL has passed", async () => {
    const cache = createFsCache({ dir, ttlMs: 60_000, now: () => clock });
    await cache.set("k1", rowsToFrame(rows), info);
    clock += 59_999;
    expect(await cache.get("k1")).toBeDefined();
    clock += 1;
    expect(await cache.get("k1")).toBeUndefined();
    expect(readdirSync(dir)).toEqual(["index.json"]);
    expect(cache.index().entries).toEqual({});
  });

  it("drops an unreadable entry with a warning instead of failing", async () => {
    const logs: LogRecord[] = [];
    const cache = createFsCache({
      dir,
      ttlMs: 60_000,
      now: () => clock,
      logger: createLogger((r) => logs.push(r)),
    });
    await cache.set("k1", rowsToFrame(rows), info);
    writeFileSync(join(dir, "k1.parquet"), "not parquet");
    expect(await cache.get("k1")).toBeUndefined();
    expect(logs.some((l) => l.level === "warn" && l.message.includes("could not be read"))).toBe(
      true,
    );
    expect(cache.index().entries.k1).toBeUndefined();
  });

  it("prunes expired entries only", async () => {
    const cache = createFsCache({ dir, ttlMs: 1000, now: () => clock });
    await cache.set("old", rowsToFrame(rows), info);
    clock += 2000;
    await cache.set("new", rowsToFrame(rows), info);
    expect(cache.prune()).toBe(1);
    expect(Object.keys(cache.index().entries)).toEqual(["new"]);
    expect(readdirSync(dir).sort()).toEqual(["index.json", "new.parquet"]);
  });

  it("reads TTLs as seconds or durations and rejects nonsense", () => {
    const { cache } = providerSource({
      source: "yahoo",
      symbols: ["SPY"],
      start: "2020-01-01",
      end: "2020-01-02",
    });
    expect(cache.backend === "fs" && parseTtl(cache.ttl)).toBe(86_400_000);
    expect(parseTtl(90)).toBe(90_000);
    expect(parseTtl("30m")).toBe(1_800_000);
    expect(parseTtl("12h")).toBe(43_200_000);
    expect(parseTtl("7d")).toBe(604_800_000);
    expect(() => parseTtl("soon")).toThrow(/cache ttl "soon" is not a duration/);
    expect(() => parseTtl(-5)).toThrow(/not a duration/);
  });
});
