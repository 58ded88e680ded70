/**
 * `drlwb compare` prints a terminal table: statistics as rows, runs as
 * columns, the best run per statistic highlighted (bold colour on a terminal,
 * a `*` when stdout is not a terminal or NO_COLOR is set), the direction of
 * "best" taken from the statistics catalog; `--json` carries the same rows.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareCommand } from "../../cli/compare.js";
import type { CliIO } from "../../cli/io.js";
import { statPreferredDirection } from "../../runtime/backtest/stats/preferred-direction.js";
import { isUserError } from "../../runtime/core/errors.js";
import { statisticRows } from "../../runtime/report/statistic-rows.js";
import { comparisonStatisticsTable } from "../../runtime/report/comparison.js";
import { bestIndexes } from "../../runtime/report/comparison-metrics.js";
import { tearSheetToJson } from "../../runtime/report/serialize.js";
import type { Statistics } from "../../runtime/backtest/stats/types.js";
import { runCli } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-compare-table-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(id: string, stats: Partial<Statistics>): string {
  const dir = join(root, id);
  mkdirSync(join(dir, "stages", "report"), { recursive: true });
  writeFileSync(
    join(dir, "run.json"),
    JSON.stringify({
      id,
      name: id,
      seed: 1,
      startedAt: "2026-01-01T00:00:00Z",
      status: "complete",
      pid: 1,
      stages: [],
      code: {},
    }),
  );
  writeFileSync(
    join(dir, "stages", "report", "tear-sheet.json"),
    tearSheetToJson({ title: id, statistics: statisticRows(stats) }),
  );
  return dir;
}

// a: best Sharpe; b: best (shallowest) drawdown and lowest volatility; equal beta.
const a = run("run-a", {
  sharpeRatio: 1.5,
  maxDrawdown: -0.3,
  annualVolatility: 0.2,
  beta: 1,
  totalReturn: 0.1,
});
const b = run("run-b", {
  sharpeRatio: 0.5,
  maxDrawdown: -0.1,
  annualVolatility: 0.1,
  beta: 1,
  totalReturn: 0.1,
});
const c = run("run-c", {
  sharpeRatio: 1.0,
  maxDrawdown: -0.2,
  annualVolatility: 0.15,
  beta: 0.5,
  totalReturn: 0.05,
});

function io(isTTY: boolean): CliIO & { out: () => string } {
  let out = "";
  return {
    out: () => out,
    stdout: {
      isTTY,
      write: (t: string) => {
        out += t;
        return true;
      },
    },
    stderr: { write: () => true },
  };
}

function line(text: string, label: string): string {
  return text.split("\n").find((l) => l.startsWith(label))!;
}

describe("drlwb compare terminal table", () => {
  it("marks the best run with * when stdout is not a terminal, by each statistic's direction", async () => {
    const out = io(false);
    expect(await compareCommand([a, b, c], { out: join(root, "x.html"), env: {} }, out)).toBe(0);
    const text = out.out();
    expect(text).not.toContain("\x1b[");
    expect(text.split("\n")[0]).toMatch(/^statistic\s+run-a\s+run-b\s+run-c$/);
    // higher is better
    expect(line(text, "Sharpe Ratio")).toMatch(/↑\s+1\.50\*\s+0\.50\s+1\.00 $/);
    // drawdowns are negative: higher (shallower) is better
    expect(line(text, "Max. Drawdown")).toMatch(/-30\.00%\s+-10\.00%\*\s+-20\.00%/);
    // lower is better
    expect(line(text, "Volatility (Ann.)")).toMatch(/↓\s+20\.00%\s+10\.00%\*\s+15\.00%/);
    // no preferred direction: nothing marked
    expect(line(text, "Beta")).not.toContain("*");
    // a tie between the best runs marks both
    expect(line(text, "Return")).toMatch(/10\.00%\*\s+10\.00%\*\s+5\.00%/);
    expect(text).toContain("* best run");
    expect(text).toContain("report → ");
  });

  it("uses bold colour on a terminal, and the marker again with NO_COLOR", async () => {
    const tty = io(true);
    await compareCommand([a, b], { out: join(root, "y.html"), env: {} }, tty);
    expect(line(tty.out(), "Sharpe Ratio")).toContain("\x1b[1;32m");
    expect(tty.out()).not.toContain("*");
    const noColor = io(true);
    await compareCommand([a, b], { out: join(root, "y.html"), env: { NO_COLOR: "1" } }, noColor);
    expect(noColor.out()).not.toContain("\x1b[");
    expect(line(noColor.out(), "Sharpe Ratio")).toContain("1.50*");
  });

  it("shows only --metrics, in that order, and names a mistyped one", async () => {
    const out = io(false);
    await compareCommand(
      [a, b],
      { out: join(root, "z.html"), metrics: ["maxDrawdown", "sharpeRatio"], env: {} },
      out,
    );
    const rows = out.out().split("\n").slice(1, 3);
    expect(rows[0]).toMatch(/^Max\. Drawdown\s+↑/);
    expect(rows[1]).toMatch(/^Sharpe Ratio\s+↑/);
    expect(out.out()).not.toContain("Volatility");
    const error = await compareCommand([a, b], { metrics: ["sharpRatio"] }, io(false)).catch(
      (e: unknown) => e,
    );
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toContain('did you mean "sharpeRatio"');
  });

  it("prints the rows with values and best indexes as --json", async () => {
    const out = join(root, "j.html");
    const res = await runCli([
      "compare",
      a,
      b,
      c,
      "--out",
      out,
      "--metrics",
      "sharpeRatio,beta",
      "--json",
    ]);
    expect(res.code, res.stderr).toBe(0);
    const json = JSON.parse(res.stdout) as {
      html: string;
      runs: string[];
      rows: { key: string; better: string; values: (number | null)[]; best: number[] }[];
    };
    expect(json.html).toBe(out);
    expect(json.runs).toEqual(["run-a", "run-b", "run-c"]);
    expect(json.rows).toEqual([
      expect.objectContaining({
        key: "sharpeRatio",
        better: "higher",
        values: [1.5, 0.5, 1],
        best: [0],
      }),
      expect.objectContaining({ key: "beta", better: "none", values: [1, 1, 0.5], best: [] }),
    ]);
  });

  it("bolds the same best runs in the HTML table", () => {
    const table = comparisonStatisticsTable(
      [0, 1].map((i) => ({
        name: `r${i}`,
        input: {
          title: "t",
          statistics: statisticRows(
            i === 0 ? { annualVolatility: 0.2 } : { annualVolatility: 0.1 },
          ),
        },
      })),
      ["r0", "r1"],
    );
    expect(table.rows[0]!.map((c) => c.cls ?? "")).toEqual(["", "", "best", "pos"]);
  });

  it("takes every direction from the catalog, and ignores equal and missing values", () => {
    expect(statPreferredDirection.maxDrawdownDuration).toBe("lower");
    expect(bestIndexes([1, null, 3], "lower")).toEqual([0]);
    expect(bestIndexes([2, 2], "higher")).toEqual([]);
    expect(bestIndexes([2, null], "higher")).toEqual([]);
  });
});
