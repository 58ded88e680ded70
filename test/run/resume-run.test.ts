/**
 * `drlwb run --resume` in-process (runtime/run/resume-run.ts): a real strategy run stopped by
 * its signal before the backtest is found by id prefix, continued in its own folder, and ends
 * with the metrics an uninterrupted run writes; complete runs, changed specs and missing spec
 * files are refused with user errors.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../runtime/core/errors.js";
import { checkSameSpec, findResumableRun, resumeRun } from "../../runtime/run/resume-run.js";
import { runSpec } from "../../runtime/run/run-spec.js";

const fixture = new URL("../fixtures/specs/jobs/quick-strategy.yaml", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "drlwb-resume-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A run of the quick strategy spec, stopped by its signal when `stopAt` starts (if given). */
async function quickRun(name: string, stopAt?: string) {
  const dir = mkdtempSync(join(root, `${name}-`));
  const spec = join(dir, "quick.yaml");
  cpSync(fixture, spec);
  const controller = new AbortController();
  const result = await runSpec(spec, {
    runsDir: join(dir, "runs"),
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === "stage-start" && event.kind === stopAt) controller.abort();
    },
  });
  return { result, spec, runsDir: join(dir, "runs") };
}

const metricsOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")) as Record<string, unknown>;

describe("resumeRun", () => {
  it("continues an interrupted run in its folder to the metrics of an uninterrupted run", async () => {
    const stopped = await quickRun("stopped", "backtest");
    expect(stopped.result.status).toBe("interrupted");
    const target = findResumableRun(stopped.result.id.slice(0, 12), stopped.runsDir);
    expect(target.dir).toBe(stopped.result.dir);
    expect(target.kind).toBe("experiment");
    const resumed = await resumeRun(target);
    expect(resumed.status).toBe("complete");
    expect(resumed.dir).toBe(stopped.result.dir);

    const whole = await quickRun("whole");
    expect(whole.result.status).toBe("complete");
    const resumedMetrics = metricsOf(resumed.dir);
    expect(Object.keys(resumedMetrics).length).toBeGreaterThan(0);
    expect(resumedMetrics).toEqual(metricsOf(whole.result.dir));
    // Now complete: it cannot be resumed again.
    expect(() => findResumableRun(resumed.id, stopped.runsDir)).toThrow(UserError);
  }, 120_000);

  it("refuses a run whose spec changed or disappeared, and an unknown run", async () => {
    const stopped = await quickRun("changed", "backtest");
    const target = findResumableRun(stopped.result.id, stopped.runsDir);
    expect(() => checkSameSpec(target, "0".repeat(64))).toThrow(/changed|hash/);
    writeFileSync(stopped.spec, readFileSync(stopped.spec, "utf8").replace("fast: 10", "fast: 12"));
    await expect(resumeRun(target)).rejects.toThrow(UserError);
    rmSync(stopped.spec);
    expect(() => findResumableRun(stopped.result.id, stopped.runsDir)).toThrow(UserError);
    expect(() => findResumableRun("no-such-run", stopped.runsDir)).toThrow(UserError);
  }, 120_000);
});
