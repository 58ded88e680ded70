import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pl from "nodejs-polars";
import { afterAll, describe, expect, it } from "vitest";
import { sweepCommand } from "../../../cli/sweep.js";
import { validateCommand } from "../../../cli/validate.js";
import { bufferIO } from "../../support/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "drlwb-sweep-cli-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("drlwb sweep", () => {
  it("runs the grid on the valid segment, prints the top trials and writes Parquet + top.json", async () => {
    const io = bufferIO();
    const dir = join(out, "grid");
    const code = await sweepCommand(
      join(fixtures, "sweep-sma-goog.yaml"),
      { out: dir, workers: 0 },
      io,
    );
    expect(io.text().err).not.toMatch(/error/i);
    expect(code).toBe(0);
    const lines = io.text().out.trim().split("\n");
    // The run's metric names: `sharpe` in the spec is an alias of sharpeRatio.
    expect(lines[0]).toBe(
      "rank\tstrategy.fast\tstrategy.slow\tsharpeRatio\ttotalReturn\tsharpeRatio\tmaxDrawdown\ttradeCount",
    );
    expect(lines).toHaveLength(1 + 9);
    const top = JSON.parse(readFileSync(join(dir, "top.json"), "utf8"));
    expect(top.trials).toBe(9);
    expect(top.segment).toBe("valid");
    const table = pl.readParquet(join(dir, "results.parquet"));
    expect(table.height).toBe(9);
    expect(top.kind).toBe("rules");
    expect(top.metric).toBe("sharpeRatio");
    const sharpes = top.top.map((r: { metrics: { sharpeRatio: number } }) => r.metrics.sharpeRatio);
    expect(sharpes).toEqual([...sharpes].sort((a: number, b: number) => b - a));
  });

  it("a parameter value that makes the trial experiment invalid is a user error at its line:col (exit 2)", async () => {
    copyFileSync(join(fixtures, "sma-goog.yaml"), join(out, "sma-goog.yaml"));
    const bad = join(out, "bad.yaml");
    writeFileSync(
      bad,
      "kind: sweep\nname: bad\nbase: ./sma-goog.yaml\nparameters:\n  backtest.cash: [1000, -5]\n",
    );
    const io = bufferIO();
    const code = await sweepCommand(bad, { out: join(out, "bad"), workers: 0 }, io);
    expect(code).toBe(2);
    // Placed at the key's line:col in the sweep file, naming the value.
    expect(io.text().err).toMatch(
      /bad\.yaml:5:3 {2}\/parameters\/backtest\.cash {2}with backtest\.cash = -5 the trial experiment is invalid: \/backtest\/cash/,
    );
    // validate refuses the same spec with the same diagnostic.
    const v = bufferIO();
    expect(validateCommand([bad], {}, v)).toBe(2);
    expect(v.text().err + v.text().out).toContain(
      "with backtest.cash = -5 the trial experiment is invalid",
    );
  });

  it("an unknown objective metric names its line:col and the valid metrics", async () => {
    copyFileSync(join(fixtures, "sma-goog.yaml"), join(out, "sma-goog.yaml"));
    const bad = join(out, "bad-metric.yaml");
    writeFileSync(
      bad,
      "kind: sweep\nname: bad\nbase: ./sma-goog.yaml\nparameters:\n  strategy.fast: [5, 10]\nobjective:\n  metric: sharp\n",
    );
    const io = bufferIO();
    const code = await sweepCommand(bad, { out: join(out, "bad-metric"), workers: 0 }, io);
    expect(code).toBe(2);
    expect(io.text().err).toMatch(/bad-metric\.yaml:7:\d+ {2}\/objective\/metric .*sharpe/);
  });

  it("a spec that is not a sweep is a user error naming its kind (exit 2)", async () => {
    const experiment = join(fixtures, "sma-goog.yaml");
    const io = bufferIO();
    const code = await sweepCommand(experiment, { out: join(out, "not-a-sweep"), workers: 0 }, io);
    expect(code).toBe(2);
    expect(io.text().err).toContain("is a `kind: experiment` spec");
  });
});
