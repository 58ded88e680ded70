// A `file` benchmark (backtest.benchmark.path) is a data file: under the
// server's policy it must lie inside the workspace's data folder (after
// following links), like data.path; the refusal is a diagnostic at
// line:col naming the key, with a hint and no file content or absolute path.
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../runtime/core/errors.js";
import { compileSpecFile } from "../../runtime/run/run-spec.js";
import { serverSpecPolicy } from "../../server/spec-policy.js";
import { testServerConfig } from "../support/server-config.js";

const SECRET = "TOP-SECRET-BENCHMARK-91c2";
const root = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-ws-bench-")));
const outside = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-outside-bench-")));
const loaded = testServerConfig(root);
const { workspace } = loaded;
const policy = serverSpecPolicy(loaded.config, workspace);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
writeFileSync(join(outside, "secret.csv"), `date,${SECRET}\n2020-01-01,1\n`);
writeFileSync(join(workspace.data, "index.csv"), "date,close\n2004-01-01,1\n");
symlinkSync(join(outside, "secret.csv"), join(workspace.data, "link.csv"));

function refusals(path: string) {
  const file = join(workspace.specs, "bench.yaml");
  writeFileSync(
    file,
    [
      "name: bench",
      "data: { source: bundled, name: goog }",
      "segments: { train: { start: 2004-08-19, end: 2008-12-31 }, test: { start: 2009-01-02, end: 2013-03-01 } }",
      "strategy: { type: sma_crossover, fast: 10, slow: 20 }",
      "backtest:",
      "  benchmark:",
      "    type: file",
      `    path: "${path}"`,
      "",
    ].join("\n"),
  );
  try {
    compileSpecFile(file, { policy, environ: {} });
    return [];
  } catch (error) {
    if (error instanceof UserError) return [...error.diagnostics];
    throw error;
  }
}

describe("server policy: a file benchmark", () => {
  it("is refused outside the workspace's data folder (relative, absolute, symlinked)", () => {
    for (const path of [
      `../../${basename(outside)}/secret.csv`,
      join(outside, "secret.csv"),
      "../data/link.csv",
    ]) {
      const diagnostics = refusals(path);
      const found = diagnostics.find((d) => d.path === "/backtest/benchmark/path");
      expect(found, JSON.stringify(diagnostics)).toBeDefined();
      expect(found!.message).toContain("backtest.benchmark.path");
      expect([found!.line, found!.col]).toEqual([8, 11]);
      expect(found!.hint).toBeTruthy();
      const text = JSON.stringify(diagnostics).split(path).join("");
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(outside);
      expect(text).not.toContain(root);
    }
  });

  it("is accepted inside the data folder", () => {
    expect(refusals("../data/index.csv")).toEqual([]);
  });
});
