import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BUNDLED_DATASETS, fractionalYearToDate } from "../../runtime/data/bundled-catalog.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { readOhlcvCsv } from "../support/csv-panel.js";
import { userError } from "../support/user-error.js";
import { resolved, withDefaults } from "../support/spec-values.js";

const fixtures = fileURLToPath(new URL("../fixtures/data/", import.meta.url));

const file = (name: string, extra: Record<string, unknown> = {}) =>
  loadDataset(withDefaults("data", { source: "file", path: name, ...extra }), {
    baseDir: fixtures,
  });

describe("bundled datasets", () => {
  it("spy loads to the same panel as the independent test reader, with a stable hash", async () => {
    const a = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }));
    const ref = readOhlcvCsv("spy_daily_2007_2017_mplfinance.csv", "SPY");
    expect(Array.from(a.panel.timestamps)).toEqual(Array.from(ref.timestamps));
    expect(Array.from(a.panel.close[0]!)).toEqual(Array.from(ref.close[0]!));
    expect(Array.from(a.panel.high[0]!)).toEqual(Array.from(ref.high[0]!));
    expect(a.frame.schema.timestamp?.toString()).toContain("Datetime");
    const b = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }));
    expect(a.hash).toBe(b.hash);
    // pinned: the hash of the canonical bytes must not drift between versions
    expect(a.hash).toBe("sha256:9cd8a3d080cfa97216121e8b45c81059cd1b819a391d17600e6bc75da26681d9");
    const shorter = await loadDataset(
      withDefaults("data", { source: "bundled", name: "spy", end: "2016-12-30" }),
    );
    expect(shorter.hash).not.toBe(a.hash);
    expect(a.provenance).toMatchObject({ source: "bundled", name: "spy", licence: "MIT" });
  });

  it("every catalog entry loads with its documented row count", async () => {
    const rows: Record<string, number> = {
      sp500: 5105,
      stocks_monthly: 560,
      goog: 2148,
      eurusd_h1: 5000,
      spy: 2519,
      aapl: 3379,
      intc: 2335,
      spy_long: 5241,
      dow30: 2529 * 30,
      eu_indices: 1860 * 4,
    };
    for (const entry of BUNDLED_DATASETS) {
      const ds = await loadDataset(withDefaults("data", { source: "bundled", name: entry.name }));
      expect(ds.frame.height, entry.name).toBe(rows[entry.name]);
    }
  });

  it("segments from spec dates become half-open bar ranges (end date inclusive)", async () => {
    const ds = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }), {
      segments: {
        train: { start: "2008-01-02", end: "2013-12-31" },
        valid: { start: "2014-01-02", end: "2015-06-30" },
        test: { start: "2015-07-01", end: "2017-12-29" },
      },
    });
    const ts = ds.panel.timestamps;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(day(ts[ds.segments.train.start]!)).toBe("2008-01-02");
    expect(day(ts[ds.segments.train.end - 1]!)).toBe("2013-12-31");
    expect(ds.segments.valid!.start).toBe(ds.segments.train.end);
    expect(ds.segments.test.end).toBe(ts.length);
    await expect(
      loadDataset(withDefaults("data", { source: "bundled", name: "spy" }), {
        segments: {
          train: { start: "2008-01-02", end: "2014-12-31" },
          test: { start: "2014-01-02", end: "2015-01-01" },
        },
      }),
    ).rejects.toThrow(/segment test must start after segment train/);
    await expect(
      loadDataset(withDefaults("data", { source: "bundled", name: "spy" }), {
        segments: {
          train: { start: "1990-01-01", end: "1991-01-01" },
          test: { start: "2014-01-02", end: "2015-01-01" },
        },
      }),
    ).rejects.toThrow(/contains no bars; the data covers 2007-12-31 .. 2017-12-29/);
  });

  it("unknown dataset names suggest the closest", async () => {
    const e = await userError(
      loadDataset(withDefaults("data", { source: "bundled", name: "spyy" })),
    );
    expect(e.message).toMatch(/did you mean "spy"/);
    expect(e.diagnostics[0]!.path).toBe("/data/name");
  });

  it("eu_indices fractional years map to increasing weekdays", async () => {
    expect(new Date(fractionalYearToDate(1991 + 129 / 260)).toISOString().slice(0, 10)).toBe(
      "1991-07-01",
    );
    const ds = await loadDataset(withDefaults("data", { source: "bundled", name: "eu_indices" }));
    expect(ds.panel.symbols).toEqual(["DAX", "SMI", "CAC", "FTSE"]);
    const ts = ds.panel.timestamps;
    for (let t = 1; t < ts.length; t++) {
      expect(ts[t]!).toBeGreaterThan(ts[t - 1]!);
      expect([0, 6]).not.toContain(new Date(ts[t]!).getUTCDay());
    }
  });

  it("resamples daily to weekly and monthly with OHLCV rules", async () => {
    const daily = await loadDataset(
      withDefaults("data", { source: "bundled", name: "spy", end: "2008-01-31" }),
    );
    const weekly = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "spy",
        end: "2008-01-31",
        interval: "1w",
      }),
    );
    const monthly = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "spy",
        end: "2008-01-31",
        interval: "1mo",
      }),
    );
    const d = daily.panel;
    const jan = Array.from(d.timestamps.keys()).filter(
      (t) => new Date(d.timestamps[t]!).getUTCMonth() === 0,
    );
    const m = monthly.panel;
    expect(m.timestamps.length).toBe(2);
    expect(m.open[0]![1]).toBe(d.open[0]![jan[0]!]);
    expect(m.close[0]![1]).toBe(d.close[0]![jan.at(-1)!]);
    expect(m.high[0]![1]).toBe(Math.max(...jan.map((t) => d.high[0]![t]!)));
    expect(m.low[0]![1]).toBe(Math.min(...jan.map((t) => d.low[0]![t]!)));
    expect(m.volume[0]![1]).toBe(jan.reduce((a, t) => a + d.volume[0]![t]!, 0));
    for (const t of weekly.panel.timestamps) expect(new Date(t).getUTCDay()).toBe(1);
    await expect(
      loadDataset(
        withDefaults("data", { source: "bundled", name: "stocks_monthly", interval: "1d" }),
      ),
    ).rejects.toThrow(/finer/);
  });

  it("aligns symbols on union / intersection / one symbol's calendar, fill recorded", async () => {
    const union = await loadDataset(
      withDefaults("data", { source: "bundled", name: "stocks_monthly" }),
    );
    expect(union.panel.timestamps.length).toBe(123);
    const goog = union.panel.symbols.indexOf("GOOG");
    expect(Number.isNaN(union.panel.close[goog]![0]!)).toBe(true);
    expect(union.alignment.missing.GOOG).toBe(123 - 68);
    const inter = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "stocks_monthly",
        align: { calendar: "intersection" },
      }),
    );
    expect(inter.panel.timestamps.length).toBe(68);
    const onGoog = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "stocks_monthly",
        align: { calendar: "GOOG" },
      }),
    );
    expect(onGoog.panel.timestamps.length).toBe(68);
    expect(onGoog.alignment.dropped.MSFT).toBe(123 - 68);
    // ffill with a limit: drop two of MSFT's months, fill at most one
    const filled = await loadDataset(
      withDefaults("data", {
        source: "bundled",
        name: "stocks_monthly",
        symbols: ["MSFT", "AAPL"],
        align: { calendar: "union", fill: "ffill", limit: 1 },
        start: "2000-01-01",
        end: "2000-12-31",
      }),
    );
    expect(filled.alignment).toMatchObject({ fill: "ffill", limit: 1 });
    expect(filled.alignment.filled).toEqual({ MSFT: 0, AAPL: 0 });
  });
});

describe("file sources and bad input", () => {
  it("reads a CSV with column mapping, a strftime date format and a timezone", async () => {
    const ds = await file("mapped.csv", {
      columns: {
        timestamp: "Datum",
        open: "Eroeffnung",
        high: "Hoch",
        low: "Tief",
        close: "Schluss",
        volume: "Umsatz",
      },
      date_format: "%d.%m.%Y %H:%M",
      timezone: "America/New_York",
      symbol: "XYZ",
    });
    expect(new Date(ds.panel.timestamps[0]!).toISOString()).toBe("2020-01-02T14:30:00.000Z");
    expect(ds.panel.symbols).toEqual(["XYZ"]);
    expect(ds.panel.close[0]![1]).toBe(1.8);
  });

  const cases: [string, RegExp, number | undefined][] = [
    [
      "missing-close.csv",
      /column "close" \(for close\) is missing; the spec expects the columns date, close, open, high, low, volume$/,
      1,
    ],
    ["wrong-type.csv", /wrong-type\.csv:3: column "close" does not hold a number$/, 3],
    ["bad-date.csv", /bad-date\.csv:3: column "date" does not hold a date in format/, 3],
    ["unsorted.csv", /unsorted.*line 3/, 3],
    ["duplicated.csv", /duplicates.*line 4.*same symbol and timestamp as line 3/, 4],
    ["empty.csv", /the file is empty/, undefined],
    ["header-only.csv", /has a header line but no data rows$/, 1],
    ["nan.csv", /nan.*line 3.*close is missing/, 3],
    [
      "too-many-fields.csv",
      /too-many-fields\.csv:3: the row has more fields than the header \(6\)$/,
      3,
    ],
    ["unclosed-quote.csv", /unclosed-quote\.csv:3: cannot be read as CSV/, 3],
  ];
  for (const [name, pattern, line] of cases) {
    it(`${name} → UserError naming file, row and column`, async () => {
      const e = await userError(file(name));
      expect(e.message).toMatch(pattern);
      expect(e.message).toContain(name);
      if (line !== undefined) expect(e.diagnostics[0]!.line).toBe(line);
      expect(e.diagnostics[0]!.file).toContain(name);
    });
  }

  it("ffill with a limit fills at most `limit` bars in a row and records every fill", async () => {
    const none = await file("two-symbols.csv");
    expect(Array.from(none.panel.close[1]!)).toEqual([5, NaN, NaN, NaN, 9]);
    expect(none.alignment).toMatchObject({
      calendar: "union",
      fill: "none",
      missing: { A: 0, B: 3 },
      filled: { A: 0, B: 0 },
    });
    const filled = await file("two-symbols.csv", { align: { fill: "ffill", limit: 2 } });
    expect(Array.from(filled.panel.close[1]!)).toEqual([5, 5, 5, NaN, 9]);
    expect(Array.from(filled.panel.volume[1]!)).toEqual([10, 0, 0, NaN, 10]);
    expect(filled.alignment).toMatchObject({
      fill: "ffill",
      limit: 2,
      missing: { B: 3 },
      filled: { B: 2 },
    });
    const onB = await file("two-symbols.csv", { align: { calendar: "B" } });
    expect(onB.panel.timestamps.length).toBe(2);
    expect(onB.alignment.dropped).toEqual({ A: 3, B: 0 });
    await expect(file("two-symbols.csv", { align: { calendar: "C" } })).rejects.toThrow(
      /neither union, intersection nor a symbol/,
    );
  });

  it("repairs only when asked, and records them", async () => {
    const sorted = await file("unsorted.csv", { quality: { unsorted: { repair: "sort" } } });
    expect(sorted.quality.checks.find((c) => c.check === "unsorted")).toMatchObject({
      count: 1,
      repaired: 1,
      method: "sort",
    });
    expect(sorted.quality.status).toBe("repaired");
    const dedup = await file("duplicated.csv", {
      quality: { duplicates: { repair: "keep_last" } },
    });
    expect(dedup.panel.close[0]![1]).toBe(1.9);
    const ffill = await file("nan.csv", { quality: { nan: { repair: "ffill" } } });
    expect(ffill.panel.close[0]![1]).toBe(1.5);
    await expect(file("duplicated.csv", { quality: { duplicates: "warn" } })).rejects.toThrow(
      /cannot be "warn"/,
    );
    // The schema refuses a repair the check does not offer, naming the valid ones.
    const badRepair = await userError(
      (async () =>
        resolved("data", {
          source: "file",
          path: "nan.csv",
          quality: { nan: { repair: "interpolate" } },
        }))(),
    );
    expect(badRepair.diagnostics[0]).toMatchObject({ path: "/quality/nan/repair" });
    expect(badRepair.diagnostics[0]!.message).toMatch(/valid values: "ffill", "drop"/);
  });
});
