import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type LogRecord } from "../../../runtime/core/logger.js";
import { type Progress, silentProgress } from "../../../runtime/core/progress.js";
import { createRng } from "../../../runtime/core/rng.js";
import { createSeedPlan } from "../../../runtime/core/seed-plan.js";
import type { RunContext } from "../../../runtime/core/stage.js";
import { createArtifactWriter } from "../../../runtime/run/artifact-writer.js";

/** A real RunContext writing into a fresh temporary run folder. */
export function testRunContext(
  seed = 42,
  progress: Progress = silentProgress,
): RunContext & { logs: LogRecord[]; root: string } {
  const root = mkdtempSync(join(tmpdir(), "drlwb-agents-"));
  const logs: LogRecord[] = [];
  return {
    runId: "test",
    run: {
      id: "test",
      dir: root,
      name: "agents-test",
      specFile: "test.yaml",
      specHash: "0",
      code: { package: "drl-workbench", version: "0", node: process.version },
    },
    seed,
    seeds: createSeedPlan(seed).fork("signal"),
    rng: createRng(seed).fork("signal"),
    logger: createLogger((r) => logs.push(r)),
    progress,
    artifacts: createArtifactWriter(root, join(root, "stages", "signal")),
    signal: new AbortController().signal,
    logs,
    root,
  };
}
