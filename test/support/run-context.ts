import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../../runtime/core/logger.js";
import { silentProgress } from "../../runtime/core/progress.js";
import { createRng } from "../../runtime/core/rng.js";
import { createSeedPlan } from "../../runtime/core/seed-plan.js";
import type { RunContext, StageKind } from "../../runtime/core/stage.js";
import { createArtifactWriter, stageDir } from "../../runtime/run/artifact-writer.js";

/** A real RunContext over a fresh temporary run folder, for running one stage in a test. */
export function createTestRunContext(
  kind: StageKind,
  seed = 42,
  dir = mkdtempSync(join(tmpdir(), "drlwb-run-")),
): RunContext {
  return {
    runId: "test-run",
    run: {
      id: "test-run",
      dir,
      name: "test",
      specFile: "test.yaml",
      specHash: "0".repeat(64),
      code: { package: "drl-workbench", version: "0.0.0", node: process.version },
    },
    seed,
    seeds: createSeedPlan(seed).fork(kind),
    rng: createRng(seed).fork(kind),
    logger: silentLogger,
    progress: silentProgress,
    artifacts: createArtifactWriter(dir, stageDir(dir, kind)),
    signal: new AbortController().signal,
  };
}
