/**
 * `backtest.benchmark`: equal-weight buy and hold (the default), one symbol, a
 * fixed mix rebalanced at a stated frequency, or a file of prices/returns.
 * Numbers against hand-computed references; no look-ahead (perturbing the
 * future leaves past benchmark values unchanged); data problems are spec
 * errors at line:col with a did-you-mean.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  benchmarkFileEquity,
  loadBenchmarkFile,
  rebalanceBars,
} from "../../../runtime/backtest/benchmarks/index.js";
import { createBacktestStage, runBacktestSection } from "../../../runtime/backtest/stage.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import type { TargetSignal } from "../../../runtime/contracts/signal.js";
import { specLocation } from "../../../runtime/core/spec-location.js";
import { runSpec } from "../../../runtime/run/run-spec.js";
import { sectionDefaults } from "../../../runtime/spec/section-defaults.js";
import type { BacktestSpec } from "../../../runtime/spec/types.generated.js";
import { userError } from "../../support/user-error.js";
import { tinyPanel } from "../tiny-panel.js";

const dir = mkdtempSync(join(tmpdir(), "drlwb-benchmarks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Two symbols on hand-picked dates (opens = closes), one bar per date. */
function mixPanel(dates: string[], a: number[], b: number[]): OhlcvPanel {
  const panel = tinyPanel([
    { open: a, close: a },
    { open: b, close: b },
  ]);
  return { ...panel, timestamps: Float64Array.from(dates.map(utc)) };
}

function flatSignal(panel: OhlcvPanel): TargetSignal {
  return {
    weights: panel.symbols.map(() => new Float64Array(panel.timestamps.length)),
    symbols: panel.symbols,
    source: "buy_and_hold",
    params: {},
  };
}

function backtest(extra: Partial<BacktestSpec>): BacktestSpec {
  return { ...sectionDefaults("backtest"), segment: "all", cash: 10_000, ...extra };
}

/** The panel with its (unused: the backtests run on `all`) train/test split. */
function dataOf(panel: OhlcvPanel) {
  const n = panel.timestamps.length;
  return { panel, segments: { train: { start: 0, end: 1 }, test: { start: 1, end: n } } };
}

function benchmarkEquity(panel: OhlcvPanel, section: BacktestSpec): number[] {
  const data = dataOf(panel);
  return [...runBacktestSection(section, data, flatSignal(panel)).benchmark!.equity];
}

describe("fixed_mix benchmark", () => {
  const dates = [
    "2020-01-30",
    "2020-01-31",
    "2020-02-03",
    "2020-02-28",
    "2020-03-02",
    "2020-03-03",
  ];
  const a = [100, 110, 121, 121, 100, 120];
  const b = [100, 100, 90, 90, 90, 90];
  const panel = mixPanel(dates, a, b);

  it("60/40 rebalanced monthly matches the hand computation", () => {
    const equity = benchmarkEquity(
      panel,
      backtest({
        fill: "this_close",
        benchmark: { type: "fixed_mix", weights: { S0: 0.6, S1: 0.4 }, rebalance: "monthly" },
      }),
    );
    // Jan 30: buy 60 × S0 and 40 × S1 at the close.
    const e1 = 60 * 110 + 40 * 100; // 10 600
    const e2 = 60 * 121 + 40 * 90; // Feb 3, first bar of February: 10 860, back to 60/40
    const u0 = (0.6 * e2) / 121;
    const u1 = (0.4 * e2) / 90;
    const e4 = u0 * 100 + u1 * 90; // Mar 2, first bar of March: back to 60/40 again
    const e5 = ((0.6 * e4) / 100) * 120 + ((0.4 * e4) / 90) * 90;
    const expected = [10_000, e1, e2, e2, e4, e5];
    for (const [i, v] of equity.entries()) expect(v).toBeCloseTo(expected[i]!, 9);
    // Left to drift (`never`), March 3 differs: the rebalancing is what moved it.
    const drift = benchmarkEquity(
      panel,
      backtest({
        fill: "this_close",
        benchmark: { type: "fixed_mix", weights: { S0: 0.6, S1: 0.4 }, rebalance: "never" },
      }),
    );
    expect(drift[5]).toBeCloseTo(60 * 120 + 40 * 90, 9);
    expect(Math.abs(drift[5]! - e5)).toBeGreaterThan(1);
  });

  it("flags the first bar of each new period, from the bar's own time only", () => {
    const ts = Float64Array.from(dates.map(utc));
    const range = { start: 0, end: ts.length };
    expect([...rebalanceBars(ts, range, "monthly")]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([...rebalanceBars(ts, range, "quarterly")]).toEqual([0, 0, 0, 0, 0, 0]);
    // 2020-01-30 is a Thursday, 2020-02-03 a Monday, 2020-03-02 a Monday.
    expect([...rebalanceBars(ts, range, "weekly")]).toEqual([0, 0, 1, 1, 1, 0]);
    expect([...rebalanceBars(ts, range, "never")]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("refuses weights above 1 and names a symbol not in the data, with a did-you-mean", async () => {
    const error = await userError(
      Promise.resolve().then(() =>
        createBacktestStage(
          backtest({
            benchmark: { type: "fixed_mix", weights: { S0: 0.7, S1: 0.5 }, rebalance: "monthly" },
          }),
        ),
      ),
    );
    expect(error.diagnostics[0]!.path).toBe("/backtest/benchmark/weights");
    const missing = await userError(
      Promise.resolve().then(() =>
        benchmarkEquity(
          panel,
          backtest({
            benchmark: { type: "fixed_mix", weights: { S0: 0.6, SO1: 0.4 }, rebalance: "monthly" },
          }),
        ),
      ),
    );
    expect(missing.message).toContain('did you mean "S1"');
    expect(missing.diagnostics[0]!.path).toBe("/backtest/benchmark/weights/SO1");
  });
});

describe("symbol and default benchmarks", () => {
  const panel = mixPanel(["2020-01-01", "2020-01-02", "2020-01-03"], [100, 120, 90], [50, 50, 60]);

  it("holds one symbol; buy_and_hold (and its shorthand) holds equal weights", () => {
    const one = benchmarkEquity(
      panel,
      backtest({ fill: "this_close", benchmark: { type: "symbol", symbol: "S1" } }),
    );
    expect(one).toEqual([10_000, 10_000, 12_000]);
    const equal = benchmarkEquity(
      panel,
      backtest({ fill: "this_close", benchmark: "buy_and_hold" }),
    );
    expect(equal[2]).toBeCloseTo(50 * 90 + 100 * 60, 9);
    expect(
      benchmarkEquity(panel, backtest({ fill: "this_close", benchmark: { type: "buy_and_hold" } })),
    ).toEqual(equal);
    const outcome = runBacktestSection(
      backtest({ benchmark: "none" }),
      dataOf(panel),
      flatSignal(panel),
    );
    expect(outcome.benchmark).toBeUndefined();
  });

  it("names the benchmark in the outcome", () => {
    const outcome = runBacktestSection(
      backtest({ benchmark: { type: "symbol", symbol: "S0" } }),
      dataOf(panel),
      flatSignal(panel),
    );
    expect(outcome.benchmark?.name).toBe("S0");
  });
});

describe("no look-ahead", () => {
  // ~5 months of daily bars, two random-walk symbols.
  const n = 150;
  const walk = (seed: number): number[] => {
    let x = 100;
    let s = seed;
    return Array.from({ length: n }, () => {
      s = (s * 16807) % 2147483647;
      x *= 1 + (s / 2147483647 - 0.5) * 0.04;
      return x;
    });
  };
  const a = walk(7);
  const b = walk(11);
  const panel = tinyPanel([
    { open: a.map((v) => v * 0.999), close: a },
    { open: b.map((v) => v * 1.001), close: b },
  ]);
  const k = 70;
  const perturbed: OhlcvPanel = {
    ...panel,
    open: panel.open.map((s) => s.map((v, t) => (t > k ? v * 1.2 : v))),
    close: panel.close.map((s, i) => s.map((v, t) => (t > k ? v * (i === 0 ? 1.3 : 0.8) : v))),
  };

  it("a fixed mix's past values do not change when the future does (next-open fills, with costs)", () => {
    const section = backtest({
      costs: { ...sectionDefaults("backtest/costs"), commission: 0.001 },
      benchmark: { type: "fixed_mix", weights: { S0: 0.6, S1: 0.4 }, rebalance: "weekly" },
    });
    const before = benchmarkEquity(panel, section);
    const after = benchmarkEquity(perturbed, section);
    expect(after.slice(0, k + 1)).toEqual(before.slice(0, k + 1));
    expect(after[k + 5]).not.toBe(before[k + 5]);
  });

  it("a file benchmark's past values do not change when the file's future does", async () => {
    const times = [...panel.timestamps];
    const csv = (values: number[]) =>
      `date,close\n${times.map((t, i) => `${new Date(t).toISOString().slice(0, 10)},${values[i]}`).join("\n")}\n`;
    writeFileSync(join(dir, "bench.csv"), csv(a));
    writeFileSync(join(dir, "bench-perturbed.csv"), csv(a.map((v, t) => (t > k ? v * 3 : v))));
    const loc = specLocation("spec.yaml").at("/backtest/benchmark");
    const load = (path: string) =>
      loadBenchmarkFile(
        { type: "file", path, values: "price", column: "close" },
        { baseDir: dir, loc },
      );
    const before = benchmarkFileEquity(await load("bench.csv"), panel.timestamps, 10_000, loc);
    const after = benchmarkFileEquity(
      await load("bench-perturbed.csv"),
      panel.timestamps,
      10_000,
      loc,
    );
    expect([...after.slice(0, k + 1)]).toEqual([...before.slice(0, k + 1)]);
    expect(after[k + 1]).not.toBe(before[k + 1]);
    // Equity = cash × price / first price.
    expect(before[10]).toBeCloseTo((10_000 * a[10]!) / a[0]!, 9);
  });
});

describe("file benchmark", () => {
  const loc = specLocation("spec.yaml").at("/backtest/benchmark");

  it("compounds returns and takes the last row at or before each bar", async () => {
    writeFileSync(
      join(dir, "returns.csv"),
      "date,return\n2019-12-31,0.5\n2020-01-02,0.1\n2020-01-04,-0.5\n",
    );
    const series = await loadBenchmarkFile(
      { type: "file", path: "returns.csv", values: "return", column: "return" },
      { baseDir: dir, loc },
    );
    const bars = Float64Array.from(
      ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04"].map(utc),
    );
    // Jan 1 as of Dec 31 (level 1.5), Jan 2: 1.5·1.1, Jan 3: still Jan 2's, Jan 4: ·0.5.
    const equity = [...benchmarkFileEquity(series, bars, 100, loc)];
    expect(equity[0]).toBeCloseTo(100, 12);
    expect(equity[1]).toBeCloseTo(110, 12);
    expect(equity[2]).toBeCloseTo(110, 12);
    expect(equity[3]).toBeCloseTo(55, 12);
  });

  it("refuses a file that starts after the segment, and a price that is not positive", async () => {
    writeFileSync(join(dir, "late.csv"), "date,close\n2020-01-03,10\n2020-01-04,11\n");
    const late = await loadBenchmarkFile(
      { type: "file", path: "late.csv", values: "price", column: "close" },
      { baseDir: dir, loc },
    );
    const bars = Float64Array.from(["2020-01-01", "2020-01-05"].map(utc));
    const error = await userError(
      Promise.resolve().then(() => benchmarkFileEquity(late, bars, 1, loc)),
    );
    expect(error.message).toContain("starts on 2020-01-03");
    writeFileSync(join(dir, "zero.csv"), "date,close\n2020-01-03,10\n2020-01-04,0\n");
    const zero = await userError(
      loadBenchmarkFile(
        { type: "file", path: "zero.csv", values: "price", column: "close" },
        { baseDir: dir, loc },
      ),
    );
    expect(zero.message).toContain("line 3");
  });
});

describe("benchmarks in a spec", () => {
  const data = join(dir, "two.csv");
  const days = Array.from({ length: 40 }, (_, i) =>
    new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
  );
  writeFileSync(
    data,
    `date,AAA,BBB\n${days.map((d, i) => `${d},${100 + i},${50 + (i % 7)}`).join("\n")}\n`,
  );
  writeFileSync(
    join(dir, "index.csv"),
    `date,close\n${days.map((d, i) => `${d},${1000 + 2 * i}`).join("\n")}\n`,
  );
  const spec = (name: string, benchmark: string): string => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      [
        `name: ${name}`,
        "data: { source: file, path: two.csv, layout: wide_close, closes_only: true }",
        "segments: { train: { start: 2020-01-01, end: 2020-01-20 }, test: { start: 2020-01-21, end: 2020-02-09 } }",
        "strategy: { type: buy_and_hold }",
        "backtest:",
        "  benchmark:",
        benchmark,
        "report: { html: false }",
        "",
      ].join("\n"),
    );
    return file;
  };

  it("places an unknown benchmark symbol at its line:col with a did-you-mean", async () => {
    const result = await runSpec(spec("typo", "    type: symbol\n    symbol: AAB"), {
      runsDir: join(dir, "runs"),
    });
    expect(result.status).toBe("failed");
    const error = result.error as {
      message: string;
      diagnostics: { path: string; line?: number; col?: number }[];
    };
    expect(error.message).toContain('did you mean "AAA"');
    expect(error.diagnostics[0]).toMatchObject({
      path: "/backtest/benchmark/symbol",
      line: 8,
      col: 5,
    });
  });

  it("measures alpha and beta against the chosen benchmark (a file resolved from the spec's folder)", async () => {
    const result = await runSpec(spec("indexed", "    type: file\n    path: index.csv"), {
      runsDir: join(dir, "runs"),
    });
    expect(result.status, String(result.error)).toBe("complete");
    const outcome = result.outputs.backtest!;
    expect(outcome.benchmark?.name).toBe("index.csv");
    const bench = outcome.benchmark!.equity;
    expect(bench[0]).toBe(10_000);
    // Index 1000 + 2i from the test segment's first day (i = 20).
    expect(bench.at(-1)).toBeCloseTo((10_000 * (1000 + 2 * 39)) / (1000 + 2 * 20), 6);
    const symbolRun = await runSpec(spec("on-bbb", "    type: symbol\n    symbol: BBB"), {
      runsDir: join(dir, "runs"),
    });
    expect(symbolRun.outputs.backtest!.strategy.statistics.beta).not.toBe(
      outcome.strategy.statistics.beta,
    );
  });
});
