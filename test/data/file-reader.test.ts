import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { formatQualitySummary } from "../../runtime/data/quality/quality-report.js";
import { userError } from "../support/user-error.js";
import { withDefaults } from "../support/spec-values.js";

const dir = mkdtempSync(join(tmpdir(), "drlwb-file-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "date,open,high,low,close,volume";

function csv(name: string, lines: readonly string[]): string {
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
  return name;
}

const load = (path: string, extra: Record<string, unknown> = {}) =>
  loadDataset(withDefaults("data", { source: "file", path, symbol: "X", ...extra }), {
    baseDir: dir,
  });

const iso = (ms: number | undefined) => new Date(ms ?? Number.NaN).toISOString();

describe("mixed UTC offsets in the timestamp column", () => {
  const mixed = csv("mixed.csv", [
    HEADER,
    "2020-01-02T10:00:00+05:00,1,1,1,1,10",
    "2020-01-03T10:00:00+05:00,1,1,1,1,10",
    "2020-01-06T05:00:00Z,1,1,1,1,10",
    "2020-01-07T10:00:00+05:00,1,1,1,1,10",
  ]);

  it("fail by default, naming file:line of the first row whose offset differs", async () => {
    const e = await userError(load(mixed));
    expect(e.message).toMatch(/^mixed\.csv: data quality check failed \(1 problem\)/);
    expect(e.message).toMatch(/mixed_offsets: X 2020-01-06T05:00:00Z \(line 4\)/);
    expect(e.message).toMatch(/UTC offset Z, the first row's has \+05:00/);
    expect(e.diagnostics[0]).toMatchObject({
      file: "mixed.csv",
      line: 4,
      path: "/data/quality/mixed_offsets",
    });
    expect(e.diagnostics[0]!.hint).toMatch(/mixed_offsets: \{ repair: to_utc \}/);
  });

  it("a missing offset next to written ones is mixed too; one offset throughout is not", async () => {
    const naive = csv("naive-then-z.csv", [
      HEADER,
      "2020-01-02 10:00,1,1,1,1,10",
      "2020-01-03T10:00:00Z,1,1,1,1,10",
    ]);
    expect((await userError(load(naive))).diagnostics[0]!.line).toBe(3);
    const same = csv("same-offset.csv", [
      HEADER,
      "2020-01-02T10:00:00-05:00,1,1,1,1,10",
      "2020-01-03T10:00:00-0500,1,1,1,1,10",
    ]);
    const ds = await load(same);
    expect(iso(ds.panel.timestamps[0])).toBe("2020-01-02T15:00:00.000Z");
    expect(ds.quality.checks.find((c) => c.check === "mixed_offsets")?.count).toBe(0);
  });

  it("repair: to_utc converts every timestamp to UTC and reports it as a warning", async () => {
    const ds = await load(mixed, { quality: { mixed_offsets: { repair: "to_utc" } } });
    expect(Array.from(ds.panel.timestamps, (t) => iso(t))).toEqual([
      "2020-01-02T05:00:00.000Z",
      "2020-01-03T05:00:00.000Z",
      "2020-01-06T05:00:00.000Z",
      "2020-01-07T05:00:00.000Z",
    ]);
    const check = ds.quality.checks.find((c) => c.check === "mixed_offsets");
    expect(check).toMatchObject({ action: "repair", method: "to_utc", count: 1, repaired: 1 });
    expect(check?.examples[0]).toMatchObject({ line: 4 });
    expect(ds.quality.status).toBe("repaired");
    expect(formatQualitySummary(ds.quality).join("\n")).toMatch(
      /mixed_offsets +1 +repaired \(to_utc\) 1; first: X 2020-01-06T05:00:00Z line 4/,
    );
    const warned = await load(mixed, { quality: { mixed_offsets: "warn" } });
    expect(warned.quality.status).toBe("warn");
    expect(Array.from(warned.panel.timestamps)).toEqual(Array.from(ds.panel.timestamps));
  });

  it("only the rows kept by data.start / data.end count", async () => {
    const ds = await load(mixed, { end: "2020-01-03" });
    expect(ds.panel.timestamps.length).toBe(2);
  });
});

describe("CSV rows and cells", () => {
  it("a malformed row reports file:line (blank lines and quoted fields keep the count)", async () => {
    const name = csv("malformed.csv", [
      HEADER,
      "2020-01-02,1,1,1,1,10",
      "",
      '"2020-01-03",1,1,1,"1",10',
      "2020-01-06,1,1,1,1,10,extra",
    ]);
    const e = await userError(load(name));
    expect(e.message).toBe("malformed.csv:5: the row has more fields than the header (6)");
    expect(e.diagnostics[0]).toMatchObject({ file: "malformed.csv", line: 5 });
  });

  it("problems inside the file name it and its line, at the spec's data.path key", async () => {
    const at = async (name: string) => (await userError(load(name))).diagnostics;
    const problem = (file: string, line: number, message: string) => [
      { file, line, col: 1, path: "/data/path", message, severity: "error" },
    ];
    const malformed = csv("fields.csv", [HEADER, "2020-01-02,1,1,1,1,10,extra"]);
    expect(await at(malformed)).toEqual(
      problem("fields.csv", 2, "fields.csv:2: the row has more fields than the header (6)"),
    );
    const bad = csv("cell.csv", [HEADER, "2020-01-02,1,1,1,x1,10"]);
    expect(await at(bad)).toEqual(
      problem("cell.csv", 2, 'cell.csv:2: column "close" does not hold a number'),
    );
    const headerOnly = csv("header-only.csv", [HEADER]);
    expect(await at(headerOnly)).toMatchObject([
      { file: "header-only.csv", line: 1, col: 1, path: "/data/path" },
    ]);
  });

  it("skips blank lines, reads quoted fields, missing markers and unused columns", async () => {
    const name = csv("mixed-cells.csv", [
      `${HEADER},note,Adj Close`,
      '2020-01-02,1,2,0.5,1.5,10,"a, quoted note",1.4',
      "",
      "2020-01-03, 1.5 ,2,1,NA,10,,1.5",
      "2020-01-06,1.5,2,1,1.8,,x,1.7",
    ]);
    const ds = await load(name, { quality: { nan: "warn" } });
    expect(Array.from(ds.panel.close[0]!)).toEqual([1.5, Number.NaN, 1.8]);
    expect(Array.from(ds.panel.open[0]!)).toEqual([1, 1.5, 1.5]);
    expect(ds.quality.checks.find((c) => c.check === "nan")?.examples[0]?.line).toBe(4);
  });

  it("a bad cell after a missing marker is named at its line, without its text", async () => {
    const name = csv("bad-after-na.csv", [
      HEADER,
      "2020-01-02,1,1,1,NA,10",
      "",
      "2020-01-03,1,1,1,1,10",
      "2020-01-06,1,1,1,1.0.1,10",
    ]);
    const e = await userError(load(name));
    expect(e.message).toBe('bad-after-na.csv:5: column "close" does not hold a number');
  });

  it("Infinity is not a number, whichever way the file is read", async () => {
    const name = csv("infinite.csv", [HEADER, "2020-01-02,1,1,1,inf,10"]);
    expect((await userError(load(name))).message).toBe(
      'infinite.csv:2: column "close" does not hold a number',
    );
  });

  it("a quoted field that is never closed is named at the line where it opens", async () => {
    const name = csv("open-quote.csv", [
      HEADER,
      "2020-01-02,1,1,1,1,10",
      "2020-01-03,1,1,1,1,10",
      '2020-01-06,1,1,1,"1,10',
      "2020-01-07,1,1,1,1,10",
    ]);
    const e = await userError(load(name));
    expect(e.message).toMatch(/^open-quote\.csv:4: cannot be read as CSV/);
    expect(e.message).not.toContain("2020-01-07");
  });

  it("wide_close with listed symbols reads only those columns", async () => {
    const name = csv("wide.csv", ["date,A,B,C", "2020-01-02,1,2,x", "2020-01-03,1.5,2.5,y"]);
    const ds = await load(name, { layout: "wide_close", symbols: ["B", "A"] });
    expect(ds.panel.symbols).toEqual(["B", "A"]);
    expect(Array.from(ds.panel.close[0]!)).toEqual([2, 2.5]);
  });

  it("a file over 8 MiB is read off the event loop with the same result", async () => {
    const lines = [HEADER];
    const start = Date.UTC(2000, 0, 1);
    for (let i = 0; i < 240_000; i++) {
      const day = new Date(start + i * 3_600_000).toISOString().slice(0, 19);
      lines.push(`${day},${100 + (i % 7)},${101 + (i % 7)},${99 + (i % 7)},${100 + (i % 5)},${i}`);
    }
    const name = csv("large.csv", lines);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const ds = await load(name, { calendar: "continuous" });
    clearInterval(timer);
    expect(ds.frame.height).toBe(240_000);
    expect(ds.panel.volume[0]![239_999]).toBe(239_999);
    expect(ticks).toBeGreaterThan(0);
  });
});

describe("Parquet files", () => {
  it("round trip: written with polars, read lazily with mapped columns and row numbers", async () => {
    const path = join(dir, "bars.parquet");
    const times = [Date.UTC(2021, 0, 4), Date.UTC(2021, 0, 5), Date.UTC(2021, 0, 6)];
    pl.DataFrame([
      pl.Series(
        "when",
        times.map((t) => new Date(t)),
        pl.Datetime("ms", "UTC"),
      ),
      pl.Series("ticker", ["AAA", " BBB ", "AAA"]),
      pl.Series("o", [1, 2, 3], pl.Float64),
      pl.Series("h", [1.5, 2.5, 3.5], pl.Float64),
      pl.Series("l", [0.5, 1.5, 2.5], pl.Float64),
      pl.Series("c", ["1.2", "2.2", "NA"]),
      pl.Series("v", [100, 200, 300], pl.Int64),
      pl.Series("unused", ["x", "y", "z"]),
    ]).writeParquet(path);
    const columns = { timestamp: "when", symbol: "ticker", open: "o", high: "h", low: "l" };
    const ds = await loadDataset(
      withDefaults("data", {
        source: "file",
        path: "bars.parquet",
        columns: { ...columns, close: "c", volume: "v" },
        quality: { nan: "warn", gaps: "warn" },
      }),
      { baseDir: dir },
    );
    expect(ds.panel.symbols).toEqual(["AAA", "BBB"]);
    const a = ds.panel.symbols.indexOf("AAA");
    expect(Array.from(ds.panel.close[a]!)).toEqual([1.2, Number.NaN, Number.NaN]);
    expect(Array.from(ds.panel.volume[a]!)).toEqual([100, Number.NaN, 300]);
    expect(iso(ds.panel.timestamps[0])).toBe("2021-01-04T00:00:00.000Z");
    expect(ds.quality.checks.find((c) => c.check === "nan")?.examples[0]?.line).toBe(3);
    const bad = join(dir, "bad.parquet");
    pl.DataFrame([
      pl.Series("date", ["2021-01-04", "2021-01-05"]),
      pl.Series("close", ["1.5", "one"]),
    ]).writeParquet(bad);
    const e = await userError(
      loadDataset(
        withDefaults("data", { source: "file", path: "bad.parquet", closes_only: true }),
        { baseDir: dir },
      ),
    );
    expect(e.message).toBe('bad.parquet:2: column "close" does not hold a number');
  });

  it("column names that are DataFrame members (height, getColumn, row) are read as data", async () => {
    pl.DataFrame([
      pl.Series("row", ["2021-01-04", "2021-01-05"]),
      pl.Series("height", [1.5, 2.5], pl.Float64),
      pl.Series("getColumn", ["A", "A"]),
    ]).writeParquet(join(dir, "members.parquet"));
    const ds = await loadDataset(
      withDefaults("data", {
        source: "file",
        path: "members.parquet",
        closes_only: true,
        columns: { timestamp: "row", close: "height", symbol: "getColumn" },
      }),
      { baseDir: dir },
    );
    expect(ds.panel.symbols).toEqual(["A"]);
    expect(Array.from(ds.panel.close[0]!)).toEqual([1.5, 2.5]);
  });
});
