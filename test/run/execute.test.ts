import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePlan } from "../../runtime/core/compile-plan.js";
import type { Stage } from "../../runtime/core/stage.js";
import { executePlan } from "../../runtime/run/execute.js";
import { readRunRecord } from "../../runtime/run/run-record.js";
import { listRuns, showRun } from "../../runtime/run/runs.js";
import { probeStage } from "../support/probe-stage.js";

/** A data stage drawing from its seeded stream, and a stage that sums it: enough to exercise the executor. */
function stages(failAt?: string): { data: () => Stage<"data">; signal: () => Stage<"signal"> } {
  return {
    data: () =>
      probeStage({
        kind: "data",
        type: "draws",
        inputs: [],
        config: { n: 5 },
        async run(ctx) {
          const values = Array.from({ length: 5 }, () => ctx.rng.next());
          ctx.artifacts.writeJson("values.json", values);
          return { values, hash: "abc123", metrics: { first: values[0] ?? 0 } };
        },
      }),
    signal: () =>
      probeStage({
        kind: "signal",
        type: "sum",
        inputs: ["data"],
        config: {},
        async run(_ctx, input) {
          if (failAt === "signal") throw new Error("boom");
          const { values } = input.data as { values: number[] };
          return { metrics: { sum: values.reduce((a, b) => a + b, 0) } };
        },
      }),
  };
}

const spec = { name: "unit", seed: 7 };
const options = (runsDir: string) => ({
  runsDir,
  specFile: "unit.yaml",
  specHash: "f00dfeed",
  resolvedSpecYaml: "name: unit\nseed: 7\n",
});

describe("executePlan", () => {
  it("writes a complete run folder with record, spec, metrics and stage artifacts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-runs-"));
    const s = stages();
    const plan = compilePlan(spec, { data: () => s.data(), signal: () => s.signal() });
    const result = await executePlan(plan, options(dir));
    expect(result.status).toBe("complete");
    const record = readRunRecord(result.dir)!;
    expect(record.status).toBe("complete");
    expect(record.dataHash).toBe("abc123");
    expect(record.seed).toBe(7);
    expect(record.code.package).toBe("drl-workbench");
    expect(record.stages.map((st) => st.status)).toEqual(["complete", "complete"]);
    expect(readFileSync(join(result.dir, "spec.resolved.yaml"), "utf8")).toContain("seed: 7");
    expect(existsSync(join(result.dir, "stages", "data", "values.json"))).toBe(true);
    const metrics = JSON.parse(readFileSync(join(result.dir, "metrics.json"), "utf8"));
    expect(Object.keys(metrics)).toEqual(["data", "signal"]);
    expect(listRuns(dir).map((r) => r.id)).toEqual([result.id]);
    expect(showRun(result.id.slice(0, 20), dir).metrics).toEqual(metrics);
  });

  it("gives identical metrics.json for the same plan and seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-runs-"));
    const run = async () => {
      const s = stages();
      return executePlan(compilePlan(spec, { data: s.data, signal: s.signal }), options(dir));
    };
    const a = await run();
    const b = await run();
    expect(a.id).not.toBe(b.id);
    expect(readFileSync(join(a.dir, "metrics.json"), "utf8")).toBe(
      readFileSync(join(b.dir, "metrics.json"), "utf8"),
    );
  });

  it("marks a failing run failed and writes no metrics.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-runs-"));
    const s = stages("signal");
    const result = await executePlan(
      compilePlan(spec, { data: s.data, signal: s.signal }),
      options(dir),
    );
    expect(result.status).toBe("failed");
    expect(existsSync(join(result.dir, "metrics.json"))).toBe(false);
    const record = readRunRecord(result.dir)!;
    expect(record.status).toBe("failed");
    expect(record.error).toBe("boom");
    expect(record.stages.map((st) => st.status)).toEqual(["complete", "failed"]);
  });

  it("marks an aborted run interrupted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-runs-"));
    const controller = new AbortController();
    const s = stages();
    const plan = compilePlan(spec, {
      data: () => ({
        ...s.data(),
        run: async (ctx, input) => {
          const out = await s.data().run(ctx, input);
          controller.abort();
          return out;
        },
      }),
      signal: s.signal,
    });
    const result = await executePlan(plan, { ...options(dir), signal: controller.signal });
    expect(result.status).toBe("interrupted");
    expect(readRunRecord(result.dir)!.status).toBe("interrupted");
    expect(listRuns(dir)[0]!.status).toBe("interrupted");
  });

  it("rejects a plan whose stage needs an undeclared input", () => {
    const s = stages();
    expect(() => compilePlan(spec, { signal: s.signal })).toThrow(
      /needs the output of stage "data"/,
    );
  });
});

describe("executePlan when the run log cannot be written", () => {
  it("still marks the failed run failed, with the stage's own error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-runs-"));
    const plan = compilePlan(spec, {
      data: () =>
        probeStage({
          kind: "data",
          type: "breaks-its-log",
          inputs: [],
          config: {},
          async run(ctx) {
            // The log file turns into a folder: every later append fails (EISDIR).
            const log = join(ctx.run.dir, "logs", "run.log");
            rmSync(log, { force: true });
            mkdirSync(log);
            throw new Error("stage failed");
          },
        }),
    });
    const result = await executePlan(plan, options(dir));
    expect(result.status).toBe("failed");
    expect((result.error as Error).message).toBe("stage failed");
    expect(readRunRecord(result.dir)?.status).toBe("failed");
    rmSync(dir, { recursive: true, force: true });
  });
});
