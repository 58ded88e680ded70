import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataDescribe } from "../../cli/data-describe.js";
import { silentLogger } from "../../runtime/core/logger.js";
import { silentProgress } from "../../runtime/core/progress.js";
import { createRng } from "../../runtime/core/rng.js";
import { createSeedPlan } from "../../runtime/core/seed-plan.js";
import { barsContentHash, datasetContentHash } from "../../runtime/data/content-hash.js";
import { frameToBars } from "../../runtime/data/frame/canonical-frame.js";
import { createDataStage, createFeaturesStage } from "../../runtime/data/stage.js";
import { featureSpecs } from "../../runtime/data/features/feature-specs.js";
import type { RunContext } from "../../runtime/core/stage.js";
import { createArtifactWriter } from "../../runtime/run/artifact-writer.js";
import { withDefaults } from "../support/spec-values.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-data-stage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function ctx(kind: string): RunContext {
  return {
    runId: "test",
    run: {
      id: "test",
      dir: root,
      name: "test",
      specFile: "inline",
      specHash: "0",
      code: { package: "drl-workbench", version: "0", node: process.version },
    },
    seeds: createSeedPlan(1).fork(kind),
    rng: createRng(1),
    seed: 1,
    logger: silentLogger,
    progress: silentProgress,
    artifacts: createArtifactWriter(root, join(root, "stages", kind)),
    signal: new AbortController().signal,
  };
}

describe("data and features stages (quickstart shape)", () => {
  it("loads spy with segments, writes dataset.json and quality.json, computes the features", async () => {
    const data = createDataStage(withDefaults("data", { source: "bundled", name: "spy" }), {
      train: { start: "2008-01-02", end: "2013-12-31" },
      valid: { start: "2014-01-02", end: "2015-06-30" },
      test: { start: "2015-07-01", end: "2017-12-29" },
    });
    expect(data).toMatchObject({ kind: "data", type: "bundled", inputs: [] });
    const ds = await data.run(ctx("data"), {});
    const written = JSON.parse(readFileSync(join(root, "stages/data/dataset.json"), "utf8"));
    expect(written).toMatchObject({
      hash: ds.hash,
      rows: 2519,
      symbols: ["SPY"],
      start: "2007-12-31T00:00:00Z",
    });
    expect(written.segments.test.to).toBe("2017-12-29T00:00:00Z");
    const quality = JSON.parse(readFileSync(join(root, "stages/data/quality.json"), "utf8"));
    expect(quality.checks.find((c: { check: string }) => c.check === "ohlc").count).toBe(2);
    expect(datasetContentHash(ds.frame)).toBe(ds.hash);
    expect(barsContentHash(frameToBars(ds.frame))).toBe(ds.hash);

    const features = createFeaturesStage(
      featureSpecs([
        { type: "log_return" },
        { type: "rsi", window: 14 },
        { type: "sma", window: 20 },
        { type: "volatility", window: 20 },
      ]),
    );
    expect(features.inputs).toEqual(["data"]);
    const fp = await features.run(ctx("features"), { data: ds });
    expect(fp.names).toEqual(["log_return", "rsi_14", "sma_20", "volatility_20"]);
    expect(fp.values[1]![0]!.length).toBe(2519);
    expect(fp.timestamps).toBe(ds.panel.timestamps);
  });
});

describe("data describe", () => {
  it("prints rows, range, symbols, hash and quality for a spec and for a file; --json", async () => {
    const text = await dataDescribe("specs/data-dow30.yaml", { json: false });
    expect(text.code).toBe(0);
    expect(text.output).toMatch(/hash {5}sha256:[0-9a-f]{64}/);
    expect(text.output).toMatch(/30 symbols/);
    expect(text.output).toMatch(/stale .*repaired \(drop\)/);
    const json = await dataDescribe("runtime/data/bundled/goog_daily_2004_2013_backtestingpy.csv", {
      json: true,
    });
    const parsed = JSON.parse(json.output);
    expect(parsed).toMatchObject({
      rows: 2148,
      start: "2004-08-19T00:00:00Z",
      end: "2013-03-01T00:00:00Z",
    });
    expect(parsed.quality.checks.length).toBe(9);
    const specFile = join(root, "bad-data.yaml");
    writeFileSync(specFile, "kind: data\nsource: bundled\nname: spyy\n");
    const invalid = await dataDescribe(specFile, { json: false });
    expect(invalid.code).toBe(2);
    expect(invalid.output).toMatch(/bad-data\.yaml:3:7 .*did you mean "spy"/);
    const bad = await dataDescribe("test/fixtures/data/wrong-type.csv", { json: false });
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/wrong-type\.csv:3/);
  });
});
