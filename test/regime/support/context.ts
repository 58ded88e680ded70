import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../../runtime/core/logger.js";
import { silentProgress } from "../../../runtime/core/progress.js";
import { createRng } from "../../../runtime/core/rng.js";
import { createSeedPlan } from "../../../runtime/core/seed-plan.js";
import type { OhlcvPanel, Segments } from "../../../runtime/contracts/panel.js";
import type { RunContext } from "../../../runtime/core/stage.js";
import { createArtifactWriter } from "../../../runtime/run/artifact-writer.js";

/** A real RunContext writing into a fresh temporary run folder. */
export function testContext(seed = 42, kind = "regime"): RunContext {
  const root = mkdtempSync(join(tmpdir(), "drlwb-regime-"));
  return {
    runId: "test",
    run: {
      id: "test",
      dir: root,
      name: "test",
      specFile: "spec.yaml",
      specHash: "0",
      code: { package: "drl-workbench", version: "0", node: process.version },
    },
    seed,
    seeds: createSeedPlan(seed).fork(kind),
    rng: createRng(seed).fork(kind),
    logger: silentLogger,
    progress: silentProgress,
    artifacts: createArtifactWriter(root, join(root, "stages", kind)),
    signal: new AbortController().signal,
  };
}

/** Segments by calendar dates, as the data stage resolves them (half-open bar ranges). */
export function segmentsByDate(panel: OhlcvPanel, trainEnd: string, testStart: string): Segments {
  const ts = panel.timestamps;
  const index = (date: string): number => {
    const ms = Date.parse(`${date}T00:00:00Z`);
    let i = 0;
    while (i < ts.length && ts[i]! < ms) i++;
    return i;
  };
  return {
    train: { start: 0, end: index(trainEnd) },
    test: { start: index(testStart), end: ts.length },
  };
}

/** A panel whose bars after `from` are replaced by a wild, different future. */
export function perturbFuture(panel: OhlcvPanel, from: number): OhlcvPanel {
  const scale = (a: readonly Float64Array[], f: (v: number, t: number) => number) =>
    a.map((row) => row.map((v, t) => (t >= from ? f(v, t) : v)));
  const wiggle = (v: number, t: number) => v * (1 + 0.05 * Math.sin(t * 1.7));
  return {
    ...panel,
    open: scale(panel.open, wiggle),
    high: scale(panel.high, (v, t) => wiggle(v, t) * 1.02),
    low: scale(panel.low, (v, t) => wiggle(v, t) * 0.98),
    close: scale(panel.close, wiggle),
    volume: panel.volume,
  };
}
