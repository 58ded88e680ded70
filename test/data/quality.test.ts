import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inFxWeekend, weekdaysBetween } from "../../runtime/data/quality/check-gaps.js";
import { resolveCheck } from "../../runtime/data/quality/quality-config.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { withDefaults } from "../support/spec-values.js";

const check = (ds: Awaited<ReturnType<typeof loadDataset>>, name: string) =>
  ds.quality.checks.find((c) => c.check === name)!;

describe("quality monitor finds the bundled datasets' known quirks", () => {
  it("spy: the 2 rows whose high/low do not bracket open/close", async () => {
    const ds = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }));
    const ohlc = check(ds, "ohlc");
    expect(ohlc.count).toBe(2);
    expect(ohlc.action).toBe("warn");
    expect(ohlc.examples.map((e) => e.line)).toContain(1808);
    await expect(
      loadDataset(
        withDefaults("data", { source: "bundled", name: "spy", quality: { ohlc: "fail" } }),
      ),
    ).rejects.toThrow(/line 1808/);
    const clipped = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "spy",
        quality: { ohlc: { repair: "clip" } },
      }),
    );
    const p = clipped.panel;
    for (let t = 0; t < p.timestamps.length; t++) {
      expect(p.high[0]![t]!).toBeGreaterThanOrEqual(Math.max(p.open[0]![t]!, p.close[0]![t]!));
      expect(p.low[0]![t]!).toBeLessThanOrEqual(Math.min(p.open[0]![t]!, p.close[0]![t]!));
    }
    expect(check(clipped, "ohlc").repaired).toBe(2);
    expect(clipped.hash).not.toBe(ds.hash);
  });

  it("dow30: the identical first two rows are stale (carried forward)", async () => {
    const ds = await loadDataset(withDefaults("data", { source: "bundled", name: "dow30" }));
    const stale = check(ds, "stale");
    expect(stale.examples[0]).toMatchObject({ line: 3, timestamp: "1991-01-02" });
    // every one of the 30 symbols is flagged at that row (whole cross-section carried forward)
    expect(stale.count % 30).toBe(0);
    expect(stale.count).toBeGreaterThanOrEqual(30);
    const dropped = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "dow30",
        quality: { stale: { repair: "drop" } },
      }),
    );
    expect(new Date(dropped.panel.timestamps[1]!).toISOString().slice(0, 10)).not.toBe(
      "1991-01-02",
    );
  });

  it("eurusd_h1: weekends are not gaps for FX sessions; holidays are", async () => {
    const ds = await loadDataset(withDefaults("data", { source: "bundled", name: "eurusd_h1" }));
    const gaps = check(ds, "gaps");
    expect(gaps.examples.every((e) => /2017-12-2|2018-01-0/.test(e.timestamp))).toBe(true);
    expect(gaps.count).toBeLessThanOrEqual(2);
    expect(inFxWeekend(Date.UTC(2017, 3, 22, 12))).toBe(true); // Saturday
    expect(inFxWeekend(Date.UTC(2017, 3, 21, 20))).toBe(false); // Friday 20:00
    expect(inFxWeekend(Date.UTC(2017, 3, 23, 22))).toBe(false); // Sunday 22:00 open
    // the same file seen on a business-day calendar has no weekday gaps, on a continuous one hundreds
    const cont = await loadDataset(
      withDefaults("data", {
        source: "file",
        path: "runtime/data/bundled/eurusd_hourly_2017_2018_backtestingpy.csv",
        calendar: "continuous",
        symbol: "EURUSD",
      }),
    );
    expect(check(cont, "gaps").count).toBeGreaterThan(30);
  });

  it("daily equities: 9/11 closure is a calendar gap, weekends and single holidays are not", async () => {
    expect(weekdaysBetween(Date.UTC(2001, 8, 10), Date.UTC(2001, 8, 17))).toBe(4);
    expect(weekdaysBetween(Date.UTC(2020, 0, 3), Date.UTC(2020, 0, 6))).toBe(0);
    const ds = await loadDataset(withDefaults("data", { source: "bundled", name: "sp500" }));
    expect(check(ds, "gaps").examples.map((e) => e.timestamp)).toEqual(["2001-09-17"]);
  });

  it("outliers by robust z-score: the 2008 crash days, threshold configurable", async () => {
    const ds = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }));
    expect(check(ds, "outliers").examples.map((e) => e.timestamp)).toContain("2008-10-13");
    const strict = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "spy",
        quality: { outliers: { action: "warn", threshold: 5 } },
      }),
    );
    expect(check(strict, "outliers").count).toBeGreaterThan(check(ds, "outliers").count);
  });

  it("clean datasets report ok checks with zero counts, nothing repaired", async () => {
    const ds = await loadDataset(
      withDefaults("data", { source: "bundled", name: "stocks_monthly" }),
    );
    expect(ds.quality.status).toBe("ok");
    expect(ds.quality.rowsIn).toBe(ds.quality.rowsOut);
  });
});

describe("quality check parameters come from the schema", () => {
  const schema = JSON.parse(readFileSync("schemas/data.schema.json", "utf8"));
  const objectBranch = schema.$defs.quality_outliers.oneOf.find(
    (b: { type?: string }) => b.type === "object",
  );
  const schemaThreshold: unknown = objectBranch.properties.threshold.default;

  it("outliers' threshold is the schema default, for a bare action and for a mapping without it", () => {
    expect(typeof schemaThreshold).toBe("number");
    expect(resolveCheck("outliers", "warn").threshold).toBe(schemaThreshold);
    // A library caller's setting that was not normalized by the spec loader.
    expect(resolveCheck("outliers", { action: "fail" } as never)).toEqual({
      action: "fail",
      threshold: schemaThreshold,
    });
    expect(resolveCheck("outliers", { repair: "drop" } as never)).toEqual({
      action: "repair",
      method: "drop",
      threshold: schemaThreshold,
    });
    expect(resolveCheck("outliers", { action: "warn", threshold: 4 } as never).threshold).toBe(4);
  });
});
