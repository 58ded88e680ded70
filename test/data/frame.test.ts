import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { afterAll, describe, expect, it } from "vitest";
import { createDateParser } from "../../runtime/data/csv/date-parser.js";
import type { BarColumns } from "../../runtime/data/frame/bar-columns.js";
import { barsToFrame, frameToBars } from "../../runtime/data/frame/canonical-frame.js";
import { resampleBars } from "../../runtime/data/frame/resample.js";
import { longToWide, wideToLong } from "../../runtime/data/frame/wide-view.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { withDefaults } from "../support/spec-values.js";

const dir = mkdtempSync(join(tmpdir(), "drlwb-frame-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function minuteBars(n: number): BarColumns {
  const t0 = Date.UTC(2021, 2, 1, 13, 30);
  const close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 7) * 3 + i * 0.01);
  const open = Float64Array.from(close, (c, i) => (i ? close[i - 1]! : c));
  return {
    timestamp: Float64Array.from({ length: n }, (_, i) => t0 + i * 60_000),
    symbol: Array.from({ length: n }, () => "M"),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]!) + 0.05),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]!) - 0.05),
    close,
    volume: Float64Array.from({ length: n }, (_, i) => 10 + (i % 13)),
  };
}

describe("canonical frame", () => {
  it("has the canonical schema and round-trips through BarColumns", () => {
    const bars = minuteBars(50);
    const frame = barsToFrame(bars);
    expect(
      Object.fromEntries(Object.entries(frame.schema).map(([k, v]) => [k, String(v)])),
    ).toEqual({
      timestamp: "DataType(Datetime(ms,UTC))",
      symbol: "DataType(String)",
      open: "DataType(Float64)",
      high: "DataType(Float64)",
      low: "DataType(Float64)",
      close: "DataType(Float64)",
      volume: "DataType(Float64)",
    });
    const back = frameToBars(frame);
    expect(Array.from(back.close)).toEqual(Array.from(bars.close));
    expect(Array.from(back.timestamp)).toEqual(Array.from(bars.timestamp));
  });

  it("resamples minutes → hours → days with OHLCV rules (checked with plain loops)", () => {
    const bars = minuteBars(600); // 13:30 .. 23:29
    const hourly = resampleBars(bars, "1h", "1m");
    expect(hourly.timestamp.length).toBe(11);
    for (let h = 0; h < hourly.timestamp.length; h++) {
      const start = hourly.timestamp[h]!;
      const idx = Array.from(bars.timestamp.keys()).filter(
        (i) => bars.timestamp[i]! >= start && bars.timestamp[i]! < start + 3_600_000,
      );
      expect(hourly.open[h]).toBe(bars.open[idx[0]!]);
      expect(hourly.close[h]).toBe(bars.close[idx.at(-1)!]);
      expect(hourly.high[h]).toBe(Math.max(...idx.map((i) => bars.high[i]!)));
      expect(hourly.low[h]).toBe(Math.min(...idx.map((i) => bars.low[i]!)));
      expect(hourly.volume[h]).toBe(idx.reduce((a, i) => a + bars.volume[i]!, 0));
    }
    const daily = resampleBars(hourly, "1d", "1h");
    expect(daily.timestamp.length).toBe(1);
    expect(daily.close[0]).toBe(bars.close[599]);
    expect(daily.volume[0]).toBe(bars.volume.reduce((a, b) => a + b, 0));
  });

  it("long ↔ wide views", async () => {
    const ds = await loadDataset(
      withDefaults("data", { source: "bundled", name: "stocks_monthly" }),
    );
    const wide = longToWide(ds.frame, "close", ds.panel.symbols);
    expect(wide.columns).toEqual(["timestamp", ...ds.panel.symbols]);
    expect(wide.height).toBe(123);
    const goog = wide.getColumn("GOOG");
    expect(goog.nullCount()).toBe(123 - 68);
    const long = wideToLong(wide);
    expect(long.height).toBe(560);
    const fromFrame = ds.frame.select("timestamp", "symbol", "close").sort(["symbol", "timestamp"]);
    expect(long.getColumn("close").toArray()).toEqual(fromFrame.getColumn("close").toArray());
  });
});

describe("dates and Parquet files", () => {
  it("parses formats and time zones (DST aware)", () => {
    const ny = createDateParser("%Y-%m-%d %H:%M", "America/New_York");
    expect(new Date(ny("2021-01-04 09:30")).toISOString()).toBe("2021-01-04T14:30:00.000Z");
    expect(new Date(ny("2021-07-06 09:30")).toISOString()).toBe("2021-07-06T13:30:00.000Z");
    const iso = createDateParser();
    expect(iso("2021-07-06T09:30:00+02:00")).toBe(Date.UTC(2021, 6, 6, 7, 30));
    expect(Number.isNaN(iso("2021-02-30"))).toBe(true);
    expect(createDateParser("epoch_s")("1600000000")).toBe(1.6e12);
    expect(createDateParser("%d %b %Y")("05 Mar 2020")).toBe(Date.UTC(2020, 2, 5));
    expect(() => createDateParser("iso", "Mars/Olympus")).toThrow(/unknown timezone/);
  });

  it("reads Parquet with a naive datetime column in a time zone and mapped columns", async () => {
    const path = join(dir, "bars.parquet");
    const local = [Date.UTC(2021, 0, 4, 9, 30), Date.UTC(2021, 6, 6, 9, 30)];
    pl.DataFrame([
      pl.Series(
        "ts",
        local.map((t) => new Date(t)),
        pl.Datetime("ms"),
      ),
      pl.Series("Open", [1, 2], pl.Float64),
      pl.Series("High", [1.5, 2.5], pl.Float64),
      pl.Series("Low", [0.5, 1.5], pl.Float64),
      pl.Series("Close", [1.2, 2.2], pl.Float64),
      pl.Series("Vol", [100, 200], pl.Int64),
    ]).writeParquet(path);
    const ds = await loadDataset(
      withDefaults("data", {
        source: "file",
        path,
        symbol: "XYZ",
        timezone: "America/New_York",
        columns: {
          timestamp: "ts",
          open: "Open",
          high: "High",
          low: "Low",
          close: "Close",
          volume: "Vol",
        },
        quality: { gaps: "warn" },
      }),
    );
    expect(Array.from(ds.panel.timestamps, (t) => new Date(t).toISOString())).toEqual([
      "2021-01-04T14:30:00.000Z",
      "2021-07-06T13:30:00.000Z",
    ]);
    expect(Array.from(ds.panel.volume[0]!)).toEqual([100, 200]);
    await expect(
      loadDataset(
        withDefaults("data", {
          source: "file",
          path,
          symbol: "XYZ",
          columns: { timestamp: "ts", close: "Closing" },
        }),
      ),
    ).rejects.toThrow(
      /bars\.parquet: column "Closing" \(for close\) is missing; the spec expects the columns ts, Closing, open, high, low, volume$/,
    );
  });
});
