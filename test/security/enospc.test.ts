// I/O errors during a run name the file and the stage. Before the fix a full
// disk surfaced as "ENOSPC: no space left on device, write" with neither.
// Runs on a 1 MiB tmpfs when this process may mount one (root in a container
// that allows it); otherwise the tests are skipped with a printed reason.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statfsSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ioErrorCode } from "../../runtime/core/io-error.js";
import { readRunRecord } from "../../runtime/run/run-record.js";
import { createArtifactWriter, stageDir } from "../../runtime/run/artifact-writer.js";
import { RunFileWriteError } from "../../runtime/run/run-file-error.js";
import { runSpec } from "../../runtime/run/run-spec.js";
import { runCli } from "../support/cli.js";

const mountPoint = mkdtempSync(join(tmpdir(), "drlwb-enospc-"));

function tryMount(): string | undefined {
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint], {
    encoding: "utf8",
  });
  if (result.status === 0) return undefined;
  return (result.stderr || result.error?.message || `exit ${result.status}`).trim();
}
const mountProblem = tryMount();
const mounted = mountProblem === undefined;
if (!mounted) console.log(`enospc tests skipped: cannot mount a 1 MiB tmpfs (${mountProblem})`);

afterAll(() => {
  if (mounted) spawnSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const PAGE = 4096;

/** Fills the file system of `dir` with `filler`, then frees `leaveBytes` of it. */
function fillLeaving(filler: string, leaveBytes: number): void {
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(64 * 1024, 7);
  let size = 0;
  try {
    for (;;) size += writeSync(fd, chunk);
  } catch (error) {
    if (ioErrorCode(error) !== "ENOSPC") throw error;
  }
  ftruncateSync(fd, Math.max(0, size - leaveBytes));
  closeSync(fd);
}

const free = (dir: string) => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

describe.skipIf(!mounted)("ENOSPC on a 1 MiB tmpfs", () => {
  it("a stage's artifact write names the file (relative to the run) and the stage", () => {
    const run = join(mountPoint, "unit-run");
    mkdirSync(run);
    const writer = createArtifactWriter(run, stageDir(run, "backtest"));
    let caught: unknown;
    try {
      writer.writeBytes("trades.parquet", new Uint8Array(2 * 1024 * 1024));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RunFileWriteError);
    expect((caught as Error).message).toBe(
      "cannot write stages/backtest/trades.parquet in stage backtest: no space left on device (ENOSPC)",
    );
    // Nothing half-written is left: no target, no temporary file, the space is back.
    expect(readdirSync(stageDir(run, "backtest"))).toEqual([]);
    expect(free(mountPoint)).toBeGreaterThan(900 * 1024);
    rmSync(run, { recursive: true });
  });

  it("a real run that hits a full disk in its backtest fails naming the file and the stage, and says so in run.json", async () => {
    const runsDir = join(mountPoint, "runs");
    const filler = join(mountPoint, "filler");
    const result = await runSpec("specs/strategy-goog-experiment.yaml", {
      runsDir,
      onEvent: (event) => {
        // The backtest writes backtest.json (~10 KB) then equity.csv (~27 KB): leave room for the first only.
        if (event.type === "stage-start" && event.kind === "backtest")
          fillLeaving(filler, 6 * PAGE);
      },
    });
    expect(result.status).toBe("failed");
    const message = (result.error as Error).message;
    expect(message).toMatch(
      /^cannot write stages\/backtest\/[\w.]+ in stage backtest: no space left on device \(ENOSPC\)$/,
    );
    expect(message).not.toContain(mountPoint);
    const record = readRunRecord(result.dir)!;
    expect(record.status).toBe("failed");
    expect(record.error).toBe(message);
    expect(record.stages.find((s) => s.kind === "backtest")?.status).toBe("failed");
    const shown = await runCli(["runs", "show", result.id, "--dir", runsDir]);
    expect(shown.stdout).toContain(`error    ${message}`);
    // No temporary files are left in the run folder.
    const leftovers = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? leftovers(join(dir, e.name)) : e.name.endsWith(".tmp") ? [e.name] : [],
      );
    expect(leftovers(result.dir)).toEqual([]);
    rmSync(filler);
    rmSync(runsDir, { recursive: true });
  }, 120_000);

  it("other I/O errors name the file and the stage too (a read-only file system)", () => {
    const run = join(mountPoint, "ro-run");
    mkdirSync(stageDir(run, "report"), { recursive: true });
    expect(spawnSync("mount", ["-o", "remount,ro", mountPoint]).status).toBe(0);
    try {
      const writer = createArtifactWriter(run, stageDir(run, "report"));
      expect(() => writer.writeText("/report.html", "<html></html>")).toThrow(
        "cannot write report.html in stage report: read-only file system (EROFS)",
      );
      expect(existsSync(join(run, "report.html"))).toBe(false);
    } finally {
      spawnSync("mount", ["-o", "remount,rw", mountPoint]);
    }
  });
});
