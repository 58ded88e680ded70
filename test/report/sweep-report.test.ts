/**
 * The sweep report (issue 16, item 3): a real sweep writes report.html with
 * the heatmap, the metric's distribution and the best trials on every
 * segment; `drlwb report <sweep-folder>` rebuilds the same HTML from the
 * folder's files; the best trials' test figures equal a separate run of the
 * same parameters on the test segment; and the choice of the best trials
 * reads the selection segment only (perturbing the test segment's prices
 * changes their test figures, not which trials were chosen).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCommand } from "../../cli/report.js";
import { sweepCommand } from "../../cli/sweep.js";
import { SWEEP_METRICS } from "../../runtime/backtest/sweep/sweep-metrics.js";
import { runSpec } from "../../runtime/run/run-spec.js";
import { bufferIO } from "../support/cli.js";

const fixtures = fileURLToPath(new URL("../backtest/fixtures/", import.meta.url));
const goog = fileURLToPath(
  new URL("../../runtime/data/bundled/goog_daily_2004_2013_backtestingpy.csv", import.meta.url),
);
const root = mkdtempSync(join(tmpdir(), "drlwb-sweep-report-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Metrics = Record<string, number | null>;
interface TopSegmentsFile {
  metric: string;
  selection: string;
  segments: string[];
  trials: {
    rank: number;
    trial: number;
    params: Record<string, number>;
    metrics: Record<string, Metrics>;
  }[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

async function sweep(spec: string, out: string): Promise<void> {
  const io = bufferIO();
  const code = await sweepCommand(spec, { out, workers: 0, json: true }, io);
  expect(code, io.text().err).toBe(0);
}

/** Equal to 1e-12 (relative for large values); null only equals null. */
function expectSame(actual: number | null | undefined, expected: number | null, name: string) {
  if (expected === null || actual === null || actual === undefined) {
    expect(actual ?? null, name).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), name).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected)),
  );
}

describe("the sweep report of a real sweep", () => {
  const dir = join(root, "grid");
  beforeAll(async () => {
    await sweep(join(fixtures, "sweep-sma-goog.yaml"), dir);
  }, 120_000);

  it("has the spec summary, the heatmap, the distribution and the top trials on every segment", () => {
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("Sweep: sma-goog-grid");
    expect(html).toContain('id="chart-sweep-heatmap"');
    expect(html).toContain('id="chart-metric-distribution"');
    expect(html).toContain("Sharpe Ratio over strategy.fast × strategy.slow");
    expect(html).toContain("Caution — selection bias: 9 trial(s) were tried");
    for (const header of ["Sharpe Ratio · train", "Sharpe Ratio · valid", "Sharpe Ratio · test"])
      expect(html).toContain(header);
    // Self-contained: no scripts, no external references.
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/)/);
    const top = readJson<TopSegmentsFile>(join(dir, "top-segments.json"));
    expect(top.selection).toBe("valid");
    expect(top.segments).toEqual(["train", "valid", "test"]);
    // report.top_k defaults to 10; the grid has 9 trials.
    expect(top.trials).toHaveLength(9);
    expect(html.match(/<tr><td class="num ">\d+<\/td>/g)).toHaveLength(9);
    // The validation figures are the ones the sweep ranked by (top.json).
    const summary = readJson<{ top: { trial: number; metrics: Metrics }[] }>(join(dir, "top.json"));
    top.trials.forEach((t, k) => {
      expect(t.trial).toBe(summary.top[k]!.trial);
      for (const m of SWEEP_METRICS)
        expectSame(t.metrics.valid![m], summary.top[k]!.metrics[m]!, m);
    });
  });

  it("is rebuilt byte for byte by `drlwb report <sweep-folder>` from the folder's files", async () => {
    const before = readFileSync(join(dir, "report.html"), "utf8");
    rmSync(join(dir, "report.html"));
    const io = bufferIO();
    expect(await reportCommand(dir, { json: true }, io)).toBe(0);
    expect(JSON.parse(io.text().out).html).toBe(join(dir, "report.html"));
    expect(readFileSync(join(dir, "report.html"), "utf8")).toBe(before);
  });

  it("re-evaluates the best trials as runs of the same parameters on each segment compute them", {
    timeout: 120_000,
  }, async () => {
    const top = readJson<TopSegmentsFile>(join(dir, "top-segments.json"));
    copyFileSync(join(fixtures, "sma-goog.yaml"), join(root, "sma-goog.yaml"));
    for (const [rank, segment] of [
      [0, "test"],
      [1, "train"],
    ] as const) {
      const trial = top.trials[rank]!;
      const file = join(root, `trial-${rank}.yaml`);
      writeFileSync(
        file,
        `name: trial-${rank}\nextends: ./sma-goog.yaml\n` +
          `strategy: { fast: ${trial.params["strategy.fast"]}, slow: ${trial.params["strategy.slow"]} }\n` +
          `backtest: { segment: ${segment} }\nreport: { html: false }\n`,
      );
      const run = await runSpec(file, { runsDir: join(root, "runs") });
      expect(run.status, String(run.error)).toBe("complete");
      const stats = readJson<{ backtest: { strategy: Metrics } }>(join(run.dir, "metrics.json"))
        .backtest.strategy;
      for (const m of SWEEP_METRICS) expectSame(trial.metrics[segment]![m], stats[m]!, m);
    }
  });
});

describe("the report's choice of trials has no look-ahead", () => {
  it("perturbing the test segment's prices changes the test figures, not the chosen trials", {
    timeout: 180_000,
  }, async () => {
    const lines = readFileSync(goog, "utf8").trim().split("\n");
    // Every bar from the test segment's start on (2012-01-03) scaled by a wobble: the trials' test results move.
    const perturbed = lines.map((line, i) => {
      if (i === 0 || line < "2012-01-03") return line;
      const [date, ...values] = line.split(",");
      const f = 1 + 0.03 * Math.sin(i / 3);
      return [date, ...values.map((v, c) => (c < 4 ? (Number(v) * f).toFixed(4) : v))].join(",");
    });
    const results: TopSegmentsFile[] = [];
    for (const [name, text] of [
      ["clean", lines.join("\n")],
      ["perturbed", perturbed.join("\n")],
    ] as const) {
      const folder = join(root, name);
      rmSync(folder, { recursive: true, force: true });
      const base = join(root, `${name}-base.yaml`);
      writeFileSync(join(root, `${name}.csv`), `${text}\n`);
      writeFileSync(
        base,
        readFileSync(join(fixtures, "sma-goog.yaml"), "utf8").replace(
          "data: { source: bundled, name: goog }",
          `data: { source: file, path: ./${name}.csv, symbol: GOOG }`,
        ),
      );
      const spec = join(root, `${name}-sweep.yaml`);
      writeFileSync(
        spec,
        `kind: sweep\nname: ${name}\nbase: ./${name}-base.yaml\n` +
          "parameters:\n  strategy.fast: [5, 10, 15]\n  strategy.slow: { min: 20, max: 60, step: 20 }\n" +
          "objective: { metric: sharpe, segment: valid }\nreport: { top_k: 4 }\n",
      );
      await sweep(spec, folder);
      results.push(readJson<TopSegmentsFile>(join(folder, "top-segments.json")));
    }
    const [clean, moved] = results as [TopSegmentsFile, TopSegmentsFile];
    expect(moved.trials.map((t) => [t.rank, t.trial, t.params])).toEqual(
      clean.trials.map((t) => [t.rank, t.trial, t.params]),
    );
    expect(clean.trials).toHaveLength(4);
    clean.trials.forEach((t, k) => {
      for (const m of SWEEP_METRICS) {
        expectSame(moved.trials[k]!.metrics.valid![m], t.metrics.valid![m]!, m);
        expectSame(moved.trials[k]!.metrics.train![m], t.metrics.train![m]!, m);
      }
    });
    // …while the test figures did move (the perturbation reached the test segment).
    expect(moved.trials.map((t) => t.metrics.test!.equityFinal)).not.toEqual(
      clean.trials.map((t) => t.metrics.test!.equityFinal),
    );
  });
});

describe("the sweep report of a sweep of whole experiments", () => {
  it("re-evaluates each best trial as a run on every segment and draws a line for one parameter", {
    timeout: 180_000,
  }, async () => {
    copyFileSync(join(fixtures, "sma-goog.yaml"), join(root, "sma-goog.yaml"));
    const spec = join(root, "costs.yaml");
    writeFileSync(
      spec,
      "kind: sweep\nname: costs\nbase: ./sma-goog.yaml\n" +
        "parameters:\n  backtest.costs.commission: [0.001, 0.004]\n" +
        "objective: { metric: sharpe, segment: valid }\n",
    );
    const dir = join(root, "costs");
    await sweep(spec, dir);
    const top = readJson<TopSegmentsFile & { trials: { runs: Record<string, string> }[] }>(
      join(dir, "top-segments.json"),
    );
    expect(top.trials).toHaveLength(2);
    for (const t of top.trials) {
      expect(Object.keys(t.runs).sort()).toEqual(["test", "train", "valid"]);
      for (const segment of ["train", "valid", "test"]) {
        const runDir = join(dir, t.runs[segment]!);
        expect(readFileSync(join(runDir, "spec.resolved.yaml"), "utf8")).toMatch(
          new RegExp(`segment: ${segment}`),
        );
        const stats = readJson<{ backtest: { strategy: Metrics } }>(join(runDir, "metrics.json"))
          .backtest.strategy;
        for (const m of SWEEP_METRICS) expectSame(t.metrics[segment]![m], stats[m]!, m);
      }
    }
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain('id="chart-sweep-line"');
    expect(html).not.toContain('id="chart-sweep-heatmap"');
    expect(html).toContain("Caution — selection bias: 2 trial(s) were tried");
  });
});
