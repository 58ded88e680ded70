/**
 * The winning trial of a sweep reproduces as a spec: the base spec (risk
 * rules, costs, fills) with the top trial's parameters set, run with
 * `runSpec`, reports exactly the trial's metrics — every headline metric,
 * with the same names. (A sweep used to ignore the base's `risk:` rules and
 * compute Sharpe and CAGR by other definitions than the run's statistics.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sweepCommand } from "../../../cli/sweep.js";
import { SWEEP_METRICS } from "../../../runtime/backtest/sweep/sweep-metrics.js";
import { runSpec } from "../../../runtime/run/run-spec.js";
import { bufferIO } from "../../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-top-trial-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base = (risk: boolean): string => `name: sma-goog-managed
seed: 7
data: { source: bundled, name: goog }
segments:
  train: { start: 2004-08-19, end: 2008-12-31 }
  valid: { start: 2009-01-02, end: 2010-12-31 }
  test: { start: 2011-01-03, end: 2013-03-01 }
strategy: { type: sma_crossover, fast: 10, slow: 20, short: true }
backtest:
  cash: 10000
  fill: next_open
  costs: { commission: 0.002, spread_bps: 4 }
  segment: test
${
  risk
    ? `risk:
  rules:
    - type: drawdown_control
      levels:
        - { drawdown: 0.04, scale: 0.5 }
        - { drawdown: 0.08, scale: 0.0 }
      reentry: { after_bars: 10 }
    - { type: vol_target, target: 0.10, max_leverage: 1.0 }
`
    : ""
}report: { html: false }
`;

type Row = { params: Record<string, number>; metrics: Record<string, number | null> };

async function sweepTop(name: string, risk: boolean): Promise<{ baseFile: string; top: Row[] }> {
  const baseFile = join(root, `${name}-base.yaml`);
  writeFileSync(baseFile, base(risk));
  const sweep = join(root, `${name}.yaml`);
  writeFileSync(
    sweep,
    `kind: sweep\nname: ${name}\nbase: ./${name}-base.yaml\n` +
      "parameters:\n  strategy.fast: [5, 10, 20]\n  strategy.slow: [30, 60]\n" +
      "objective: { metric: sharpe, segment: test }\n",
  );
  const out = join(root, name);
  const io = bufferIO();
  expect(await sweepCommand(sweep, { out, workers: 0, json: true }, io), io.text().err).toBe(0);
  return { baseFile, top: JSON.parse(readFileSync(join(out, "top.json"), "utf8")).top as Row[] };
}

/** Equal to 1e-12 (relative for large values); null (not finite) only equals null. */
function expectSame(actual: number | null, expected: number | null, name: string): void {
  if (expected === null || actual === null) {
    expect(actual, name).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), name).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected)),
  );
}

describe("the top trial of a sweep, run as a spec", () => {
  it("has the trial's metrics, all of them, with the base's risk rules and costs applied", {
    timeout: 120_000,
  }, async () => {
    const { baseFile, top } = await sweepTop("managed", true);
    const best = top[0]!;
    const fast = best.params["strategy.fast"]!;
    const slow = best.params["strategy.slow"]!;
    const trialFile = join(root, "top-trial.yaml");
    writeFileSync(
      trialFile,
      `name: top-trial\nextends: ${baseFile}\nstrategy: { fast: ${fast}, slow: ${slow} }\n`,
    );
    const run = await runSpec(trialFile, { runsDir: join(root, "runs") });
    expect(run.status, String(run.error)).toBe("complete");
    const metrics = JSON.parse(readFileSync(join(run.dir, "metrics.json"), "utf8"));
    const stats = metrics.backtest.strategy as Record<string, number | null>;
    expect(Object.keys(best.metrics).sort()).toEqual([...SWEEP_METRICS].sort());
    for (const name of SWEEP_METRICS) expectSame(best.metrics[name]!, stats[name]!, name);
    // The overlay intervened in this run: the sweep could not have matched it without the rules.
    expect(metrics.backtest.riskEvents).toBeGreaterThan(0);
    // And without the rules the same trial is another result.
    const { top: free } = await sweepTop("free", false);
    const same = free.find(
      (r) => r.params["strategy.fast"] === fast && r.params["strategy.slow"] === slow,
    );
    expect(same?.metrics.equityFinal).not.toBe(best.metrics.equityFinal);
  });
});
